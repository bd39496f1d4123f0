/**
 * Protected data bundles: a portable folder whose data opens only with a
 * passphrase (see README, "Protected folders", for the threat model).
 *
 * The classic script of a protected folder assigns, in clear, only a header:
 *
 * ```
 * { format: 'movement-atlas-bundle', version: 1,
 *   protected: { kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt }, cipher: 'AES-GCM' },
 *   payloads: { manifest: { iv, data }, units: { iv, data }, … } }
 * ```
 *
 * `salt` (16 random bytes), `iv` (12 random bytes, fresh for every payload) and
 * `data` (ciphertext with its 16-byte GCM tag) are base64. Every payload —
 * the manifest included, since it holds the title and the years — is
 * AES-256-GCM under one key derived from the passphrase with PBKDF2-SHA-256.
 * The additional authenticated data binds each ciphertext to the format,
 * version, its payload name and the KDF/cipher parameters, so a payload cannot
 * be swapped for another, renamed or re-labelled without failing authentication.
 *
 * Plaintext of a payload: a 4-byte big-endian length, the gzip of the content
 * (manifest JSON or a part's raw bytes), then zero padding up to a Padmé size
 * (at most ~12 % more), so ciphertext sizes say little more than the order of
 * magnitude of each part.
 *
 * Only WebCrypto (`globalThis.crypto.subtle`) and the streams API are used, so
 * the same code encrypts in node ≥ 20 (the pack CLI) and decrypts in the page,
 * where WebCrypto is available on file:// in Chromium and Firefox.
 */
import { BUNDLE_FORMAT, BUNDLE_GLOBAL, BUNDLE_VERSION, base64ToBytes, gunzip, type BundleManifest } from '../model/bundle.ts';
import { bytesToBase64, gzip, sha256Hex } from './bytes.ts';

/** The least PBKDF2 work a bundle may ask for (OWASP 2023 for PBKDF2-HMAC-SHA-256). Decryption refuses less. */
export const MIN_ITERATIONS = 600_000;
/** What the pack CLI uses. */
export const DEFAULT_ITERATIONS = 600_000;
/**
 * An upper bound, so a forged header cannot freeze the page in a key
 * derivation of hours: ~50× the default is still far beyond any honest pack.
 */
export const MAX_ITERATIONS = 30_000_000;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
/** Name of the payload that holds the manifest; parts keep their own names. */
export const MANIFEST_PAYLOAD = 'manifest';
/** Shortest passphrase the pack accepts: the KDF slows guessing, it cannot save a short word. */
export const MIN_PASSPHRASE_LENGTH = 12;

export interface KdfParams {
  name: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  /** base64 of the random salt. */
  salt: string;
}

export interface EncryptedPayload {
  /** base64 of the 96-bit nonce. */
  iv: string;
  /** base64 of ciphertext ‖ GCM tag. */
  data: string;
}

/** What a protected `atlas-data.js` assigns: the header and ciphertexts, nothing else. */
export interface ProtectedPayload {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  protected: { kdf: KdfParams; cipher: 'AES-GCM' };
  payloads: Record<string, EncryptedPayload>;
}

/** What decryption yields: the manifest (flagged `protected`) and each part's raw bytes. */
export interface DecryptedBundle {
  manifest: BundleManifest;
  parts: Record<string, Uint8Array<ArrayBuffer>>;
}

/**
 * Why a protected bundle could not be opened.
 * - `refused`: the header asks for weaker or other cryptography than this app accepts (downgrade);
 * - `malformed`: the header is not a protected bundle this app can read;
 * - `rejected`: authentication of the manifest failed: wrong passphrase (or an altered file — the two cannot be told apart, on purpose);
 * - `damaged`: the passphrase was right but a part fails authentication or does not match the manifest.
 */
export class ProtectError extends Error {
  constructor(
    readonly code: 'refused' | 'malformed' | 'rejected' | 'damaged',
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  // crypto.subtle exists only in secure contexts; file:// and http://localhost are, a plain http host is not.
  if (!s) throw new ProtectError('malformed', 'WebCrypto (crypto.subtle) is not available in this context');
  return s;
}

function fromBase64(b64: string, what: string): Uint8Array<ArrayBuffer> {
  try {
    return base64ToBytes(b64);
  } catch {
    throw new ProtectError('malformed', `${what} is not base64`);
  }
}

/**
 * Padmé padding length (Nikitin et al., PETS 2019): rounds up so that only
 * O(log log n) bits of the length remain, with at most ~12 % overhead.
 */
export function padmeLength(n: number): number {
  if (n < 2) return n;
  const e = Math.floor(Math.log2(n));
  const s = Math.floor(Math.log2(e)) + 1;
  const mask = 2 ** (e - s) - 1;
  return Math.ceil(n / (mask + 1)) * (mask + 1);
}

/** Smallest padded plaintext, so tiny parts (zones, crosswalk) all look alike. */
const MIN_PADDED = 1024;

function frame(content: Uint8Array): Uint8Array<ArrayBuffer> {
  const size = Math.max(MIN_PADDED, padmeLength(content.length + 4));
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, content.length);
  out.set(content, 4);
  return out;
}

function unframe(plain: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const n = plain.length >= 4 ? new DataView(plain.buffer, plain.byteOffset).getUint32(0) : -1;
  // Authenticated bytes, so a bad length means a bug or a foreign writer, not an attack.
  if (n < 0 || n + 4 > plain.length) throw new ProtectError('damaged', 'payload length out of range');
  return plain.slice(4, 4 + n);
}

/**
 * The additional authenticated data of one payload: format, version, payload
 * name and every KDF/cipher parameter, as canonical JSON. Exported for tests.
 */
export function additionalData(header: Pick<ProtectedPayload, 'format' | 'version' | 'protected'>, name: string): Uint8Array<ArrayBuffer> {
  const { kdf, cipher } = header.protected;
  return new TextEncoder().encode(JSON.stringify([header.format, header.version, name, cipher, kdf.name, kdf.hash, kdf.iterations, kdf.salt]));
}

/**
 * Derives the AES-256-GCM key. The passphrase is NFC-normalised first: the
 * same Vietnamese passphrase typed with different input methods may arrive
 * composed or decomposed. The key is not extractable.
 */
export async function deriveKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  const s = subtle();
  const material = await s.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return s.deriveKey(
    { name: 'PBKDF2', hash: kdf.hash, iterations: kdf.iterations, salt: fromBase64(kdf.salt, 'salt') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Shape test only: is this what a protected folder assigns (so the app should ask for a passphrase)? */
export function isProtectedPayload(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'protected' in value && 'payloads' in value;
}

function exactKeys(o: unknown, keys: string[], what: string): Record<string, unknown> {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new ProtectError('malformed', `${what} is not an object`);
  const have = Object.keys(o).sort();
  const want = [...keys].sort();
  if (have.join() !== want.join()) throw new ProtectError('malformed', `${what} has keys ${have.join(', ')}; expected ${want.join(', ')}`);
  return o as Record<string, unknown>;
}

/**
 * Checks a header before any key is derived. Refuses (code `refused`) fewer
 * than MIN_ITERATIONS or any algorithm other than PBKDF2 / SHA-256 / AES-GCM,
 * so an altered file cannot talk the app into weaker cryptography; anything
 * else unexpected is `malformed`. Unknown keys are refused too: the header
 * must carry nothing but what decryption needs.
 */
export function checkHeader(value: unknown): ProtectedPayload {
  const p = exactKeys(value, ['format', 'version', 'protected', 'payloads'], 'protected bundle');
  if (p.format !== BUNDLE_FORMAT) throw new ProtectError('malformed', `format is ${String(p.format)}, expected ${BUNDLE_FORMAT}`);
  if (p.version !== BUNDLE_VERSION) throw new ProtectError('malformed', `version is ${String(p.version)}, expected ${BUNDLE_VERSION}`);
  const prot = exactKeys(p.protected, ['kdf', 'cipher'], 'protected');
  if (prot.cipher !== 'AES-GCM') throw new ProtectError('refused', `cipher ${String(prot.cipher)} is not accepted (only AES-GCM)`);
  const kdf = exactKeys(prot.kdf, ['name', 'hash', 'iterations', 'salt'], 'kdf');
  if (kdf.name !== 'PBKDF2') throw new ProtectError('refused', `key derivation ${String(kdf.name)} is not accepted (only PBKDF2)`);
  if (kdf.hash !== 'SHA-256') throw new ProtectError('refused', `hash ${String(kdf.hash)} is not accepted (only SHA-256)`);
  if (typeof kdf.iterations !== 'number' || !Number.isSafeInteger(kdf.iterations)) throw new ProtectError('malformed', 'iterations is not an integer');
  if (kdf.iterations < MIN_ITERATIONS) throw new ProtectError('refused', `${kdf.iterations} PBKDF2 iterations is fewer than the ${MIN_ITERATIONS} required`);
  if (kdf.iterations > MAX_ITERATIONS) throw new ProtectError('refused', `${kdf.iterations} PBKDF2 iterations is more than the ${MAX_ITERATIONS} accepted`);
  if (typeof kdf.salt !== 'string' || fromBase64(kdf.salt, 'salt').length < SALT_BYTES) throw new ProtectError('refused', `salt is shorter than ${SALT_BYTES} bytes`);
  if (typeof p.payloads !== 'object' || p.payloads === null) throw new ProtectError('malformed', 'payloads missing');
  const payloads = p.payloads as Record<string, unknown>;
  if (!(MANIFEST_PAYLOAD in payloads)) throw new ProtectError('malformed', 'manifest payload missing');
  for (const [name, entry] of Object.entries(payloads)) {
    const e = exactKeys(entry, ['iv', 'data'], `payload ${name}`);
    if (typeof e.iv !== 'string' || fromBase64(e.iv, `iv of ${name}`).length !== IV_BYTES) throw new ProtectError('malformed', `iv of ${name} is not ${IV_BYTES} bytes`);
    if (typeof e.data !== 'string' || fromBase64(e.data, `data of ${name}`).length < 16) throw new ProtectError('malformed', `data of ${name} is too short`);
  }
  return value as ProtectedPayload;
}

export interface EncryptOptions {
  /** PBKDF2 iterations; at least MIN_ITERATIONS (default DEFAULT_ITERATIONS). */
  iterations?: number;
  /**
   * TESTS ONLY: writes a header with this (low) iteration count so tests can
   * check that decryption refuses it. Such a bundle can never be opened.
   */
  unsafeTestIterations?: number;
}

/**
 * Encrypts a bundle: the manifest (flagged `protected: true`) and every part,
 * each with a fresh random nonce, under a key derived from the passphrase with
 * a fresh random salt.
 */
export async function encryptBundle(bundle: { manifest: BundleManifest; parts: Record<string, Uint8Array> }, passphrase: string, options: EncryptOptions = {}): Promise<ProtectedPayload> {
  const iterations = options.unsafeTestIterations ?? options.iterations ?? DEFAULT_ITERATIONS;
  if (options.unsafeTestIterations === undefined && iterations < MIN_ITERATIONS) throw new Error(`at least ${MIN_ITERATIONS} PBKDF2 iterations are required`);
  if (passphrase.normalize('NFC').length === 0) throw new Error('the passphrase is empty');
  if (MANIFEST_PAYLOAD in bundle.parts) throw new Error(`a part may not be named ${MANIFEST_PAYLOAD}`);
  const s = subtle();
  const kdf: KdfParams = { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: bytesToBase64(crypto.getRandomValues(new Uint8Array(SALT_BYTES))) };
  const header: ProtectedPayload = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, protected: { kdf, cipher: 'AES-GCM' }, payloads: {} };
  const key = await deriveKey(passphrase, kdf);
  const contents: [string, Uint8Array][] = [
    [MANIFEST_PAYLOAD, new TextEncoder().encode(JSON.stringify({ ...bundle.manifest, protected: true }))],
    ...Object.entries(bundle.parts),
  ];
  for (const [name, content] of contents) {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const plain = frame(await gzip(content));
    const data = new Uint8Array(await s.encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(header, name), tagLength: 128 }, key, plain));
    header.payloads[name] = { iv: bytesToBase64(iv), data: bytesToBase64(data) };
  }
  return header;
}

/** Decrypts one payload; rejects with WebCrypto's OperationError when authentication fails. Exported for tests. */
export async function openPayload(key: CryptoKey, header: Pick<ProtectedPayload, 'format' | 'version' | 'protected'>, name: string, entry: EncryptedPayload): Promise<Uint8Array<ArrayBuffer>> {
  const plain = new Uint8Array(
    await subtle().decrypt({ name: 'AES-GCM', iv: fromBase64(entry.iv, 'iv'), additionalData: additionalData(header, name), tagLength: 128 }, key, fromBase64(entry.data, 'data')),
  );
  return gunzip(unframe(plain));
}

/** Decrypts with a derived key (see decryptBundle); split out so tests derive once. */
export async function decryptWithKey(value: unknown, key: CryptoKey): Promise<DecryptedBundle> {
  const header = checkHeader(value);
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(await openPayload(key, header, MANIFEST_PAYLOAD, header.payloads[MANIFEST_PAYLOAD]))) as BundleManifest;
  } catch {
    // One answer for every failure here, so nothing is learnt about the passphrase.
    throw new ProtectError('rejected', 'the passphrase is wrong or the data file was altered');
  }
  const names = Object.keys(header.payloads).filter((n) => n !== MANIFEST_PAYLOAD);
  const listed = Object.keys(manifest.parts ?? {});
  if (names.sort().join() !== listed.sort().join()) throw new ProtectError('damaged', `payloads ${names.join(', ')} do not match the manifest's parts ${listed.join(', ')}`);
  const parts: Record<string, Uint8Array<ArrayBuffer>> = {};
  await Promise.all(
    names.map(async (name) => {
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = await openPayload(key, header, name, header.payloads[name]);
      } catch {
        throw new ProtectError('damaged', `part ${name} fails authentication`);
      }
      // Belt and braces: the manifest names each part's hash, as for a clear bundle.
      if ((await sha256Hex(bytes)) !== manifest.parts[name].sha256) throw new ProtectError('damaged', `part ${name} does not match its hash in the manifest`);
      parts[name] = bytes;
    }),
  );
  return { manifest: { ...manifest, protected: true }, parts };
}

/**
 * Opens a protected bundle with a passphrase. The header is checked first
 * (no downgrade), then the key is derived with the header's parameters.
 */
export async function decryptBundle(value: unknown, passphrase: string): Promise<DecryptedBundle> {
  const header = checkHeader(value);
  const key = await deriveKey(passphrase, header.protected.kdf);
  return decryptWithKey(header, key);
}

/** Longest wait between attempts on the passphrase screen. */
export const MAX_RETRY_DELAY_SECONDS = 30;

/**
 * Seconds the passphrase screen makes the user wait after `failures` wrong
 * attempts: 0, 1, 2, 4, 8 … capped. It only slows guessing at the screen; an
 * attacker with a copy of the folder guesses offline, where the KDF cost and
 * the passphrase's strength are what count.
 */
export function retryDelaySeconds(failures: number): number {
  return failures <= 1 ? 0 : Math.min(2 ** (failures - 2), MAX_RETRY_DELAY_SECONDS);
}

/** The classic-script text of a protected bundle (same global as a clear one). */
export function protectedPayloadToScript(payload: ProtectedPayload): string {
  return `globalThis.${BUNDLE_GLOBAL} = ${JSON.stringify(payload)};\n`;
}

/** True when a bundle script's text is a protected bundle, judged from its start (for the build plugin). */
export function isProtectedScript(text: string): boolean {
  return /^globalThis\.\w+ = \{"format":"[^"]*","version":\d+,"protected":\{/.test(text.slice(0, 512));
}
