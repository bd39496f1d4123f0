/**
 * Source text prepended to DuckDB's stock browser worker. The worker is started
 * from a Blob URL (file:// pages cannot start workers from files), and on file://
 * a worker cannot fetch anything, not even a blob: URL minted by the page. So the
 * page posts the gzip+base64 wasm to the worker, and this prelude answers DuckDB's
 * `fetch('embedded:duckdb.wasm')` with the inflated bytes. Every other fetch is
 * refused: the atlas never downloads an extension or anything else.
 *
 * The message listener is added before DuckDB sets `onmessage`, so it runs first
 * and stops our message from reaching DuckDB's dispatcher.
 */
import type { WasmMessage } from './messages.ts';

function prelude(): void {
  let deliver: (m: WasmMessage) => void = () => undefined;
  const ready = new Promise<WasmMessage>((resolve) => {
    deliver = resolve;
  });
  self.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as Partial<WasmMessage> | null;
    if (data && data.type === 'atlas:wasm') {
      event.stopImmediatePropagation();
      deliver(data as WasmMessage);
    }
  });
  const decode = (b64: string): Uint8Array<ArrayBuffer> => {
    const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;
    if (fromBase64) return fromBase64(b64);
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  };
  self.fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith('embedded:')) {
      const m = await ready;
      const body = new Blob([decode(m.gzipBase64)]).stream().pipeThrough(new DecompressionStream('gzip'));
      return new Response(body, { headers: { 'Content-Type': 'application/wasm', 'Content-Length': String(m.bytes) } });
    }
    throw new TypeError(`movement atlas: network access is disabled (${url})`);
  };
}

/** The prelude as source text, ready to concatenate with the worker's. */
export const WORKER_PRELUDE = `(${prelude.toString()})();\n`;
