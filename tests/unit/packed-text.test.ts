/** Worker scripts shipped deflated inside app.js (scripts/lib/packed-text-plugin.ts, src/model/packed-text.ts). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { packedModule } from '../../scripts/lib/packed-text-plugin.ts';
import { packedText } from '../../src/model/packed-text.ts';

const require = createRequire(import.meta.url);

/** The literal a packed module hands to `packedText`. */
const literalOf = (moduleText: string) => JSON.parse(/packedText\(("[^"]*")\)/.exec(moduleText)![1]) as string;

describe('packed text', () => {
  it('gives back exactly the text it packed, Vietnamese included', () => {
    const text = 'self.onmessage = () => "Xã Đồng Văn, tỉnh Hà Giang ✓";\n'.repeat(50);
    const mod = packedModule(text, '/runtime.ts');
    expect(mod).toContain('import { packedText } from "/runtime.ts"');
    const get = packedText(literalOf(mod));
    expect(get()).toBe(text);
    expect(get()).toBe(get());
  });

  it("packs DuckDB's worker script to well under half its size, losslessly", () => {
    const text = readFileSync(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js'), 'utf8');
    const literal = literalOf(packedModule(text));
    expect(literal.length).toBeLessThan(text.length / 2);
    expect(packedText(literal)()).toBe(text);
  });
});
