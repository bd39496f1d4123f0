/**
 * Bytes for bundle payloads, the one copy for the packer and the protected
 * bundle: SHA-256 in hex, gzip, base64. Only platform APIs (WebCrypto,
 * CompressionStream, btoa), so the same code runs in the page and in node.
 */

/** SHA-256 of bytes (or of a string's UTF-8), lower-case hex. */
export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const digest = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Gzips bytes with the platform's CompressionStream (browsers and Node ≥ 18). */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Base64 without Node's Buffer; chunked so large parts do not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
