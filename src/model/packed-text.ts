/**
 * Text the build ships deflated inside app.js (scripts/lib/packed-text-plugin.ts):
 * the stock worker scripts of DuckDB-WASM and MapLibre, ~1.3 MB of JavaScript
 * that would otherwise sit in app.js as plain string literals. Inflated on
 * first use (a few milliseconds), then kept.
 */
import { inflateSync, strFromU8 } from 'fflate';
import { base64ToBytes } from './bundle.ts';

/** A function returning the text of a deflate + base64 literal, inflated on its first call. */
export function packedText(deflateBase64: string): () => string {
  let text: string | undefined;
  return () => (text ??= strFromU8(inflateSync(base64ToBytes(deflateBase64))));
}
