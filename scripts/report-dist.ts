/** Prints the size of every file of dist/ after a build (`npm run build`). */
import { resolve } from 'node:path';
import { sizeReport } from './lib/sizes.ts';

const dir = resolve(process.argv[2] ?? 'dist');
console.log(`\nPortable folder ${dir}:\n${sizeReport(dir)}`);
