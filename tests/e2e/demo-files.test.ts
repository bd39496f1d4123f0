/**
 * The demo data files `npm run build` generates when they are missing
 * (scripts/ensure-demo-data.ts). Here, after the build, they always exist: a
 * unit test run before the build would have to skip on a fresh clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/io/bytes.ts';
import { REQUIRED_PARTS, validatePayload } from '../../src/model/bundle.ts';
import type { BundleScriptPayload } from '../../src/model/bundle.ts';

const OUT = new URL('../../data/build/demo/', import.meta.url);

describe('generated files in data/build/demo', () => {
  it('has an atlas-data.js whose parts decode to the bytes and hashes its manifest lists', async () => {
    if (!existsSync(new URL('atlas-data.js', OUT))) throw new Error('data/build/demo/atlas-data.js is missing: npm run build generates it');
    const script = readFileSync(new URL('atlas-data.js', OUT), 'utf8');
    const json = script.slice(script.indexOf('=') + 1).trim().replace(/;$/, '');
    const payload = JSON.parse(json) as BundleScriptPayload;
    expect(validatePayload(payload)).toEqual([]);
    for (const name of REQUIRED_PARTS) {
      const bytes = gunzipSync(Buffer.from(payload.parts[name], 'base64'));
      expect(await sha256Hex(bytes), name).toBe(payload.manifest.parts[name].sha256);
      const file = readFileSync(new URL(name === 'boundaries' ? 'boundaries.topojson' : `${name}.arrow`, OUT));
      expect(await sha256Hex(file), name).toBe(payload.manifest.parts[name].sha256);
    }
    const csv = readFileSync(new URL('units.csv', OUT), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
  });
});
