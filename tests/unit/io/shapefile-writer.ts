/**
 * A tiny Shapefile writer for test fixtures (polygons and character fields
 * only), so the fixtures can be regenerated without a GIS package.
 */
type Ring = [number, number][];

/** Encodes text in Windows-1258: precomposed where the code page has the letter, else base + combining tone mark. */
export function encode1258(text: string): Uint8Array {
  const map = new Map<string, number>();
  const dec = new TextDecoder('windows-1258');
  for (let b = 0; b < 256; b++) {
    const ch = dec.decode(Uint8Array.of(b));
    if (ch !== '\ufffd' && !map.has(ch)) map.set(ch, b);
  }
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = map.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const [base, ...marks] = [...ch.normalize('NFD')];
    const withFirst = (base + (marks[0] ?? '')).normalize('NFC');
    if (marks.length && map.has(withFirst)) {
      out.push(map.get(withFirst)!);
      for (const m of marks.slice(1)) out.push(map.get(m)!);
    } else {
      out.push(map.get(base)!);
      for (const m of marks) out.push(map.get(m)!);
    }
  }
  return Uint8Array.from(out);
}

/** Writes a polygon .shp; each record is a list of rings (outer clockwise, as the spec wants). */
export function writeShp(records: Ring[][]): Uint8Array {
  const contents = records.map((rings) => {
    const pts = rings.flat();
    const len = 44 + 4 * rings.length + 16 * pts.length;
    const buf = new DataView(new ArrayBuffer(len));
    buf.setInt32(0, 5, true);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => buf.setFloat64(4 + 8 * i, v, true));
    buf.setInt32(36, rings.length, true);
    buf.setInt32(40, pts.length, true);
    let at = 0;
    rings.forEach((r, i) => {
      buf.setInt32(44 + 4 * i, at, true);
      at += r.length;
    });
    pts.forEach((p, i) => {
      buf.setFloat64(44 + 4 * rings.length + 16 * i, p[0], true);
      buf.setFloat64(44 + 4 * rings.length + 16 * i + 8, p[1], true);
    });
    return new Uint8Array(buf.buffer);
  });
  const total = 100 + contents.reduce((a, c) => a + 8 + c.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setInt32(0, 9994, false);
  v.setInt32(24, total / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, 5, true);
  let off = 100;
  contents.forEach((c, i) => {
    v.setInt32(off, i + 1, false);
    v.setInt32(off + 4, c.length / 2, false);
    out.set(c, off + 8);
    off += 8 + c.length;
  });
  return out;
}

/** Writes a .dbf with character fields; `encode` turns text into bytes (UTF-8 by default). */
export function writeDbf(fields: { name: string; length: number }[], rows: string[][], encode: (s: string) => Uint8Array = (s) => new TextEncoder().encode(s)): Uint8Array {
  const headerLen = 32 + 32 * fields.length + 1;
  const recordLen = 1 + fields.reduce((a, f) => a + f.length, 0);
  const out = new Uint8Array(headerLen + recordLen * rows.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  v.setUint32(4, rows.length, true);
  v.setUint16(8, headerLen, true);
  v.setUint16(10, recordLen, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(new TextEncoder().encode(f.name.slice(0, 10)), at);
    out[at + 11] = 'C'.charCodeAt(0);
    out[at + 16] = f.length;
  });
  out[headerLen - 1] = 0x0d;
  rows.forEach((r, ri) => {
    let at = headerLen + ri * recordLen;
    out[at++] = 0x20;
    fields.forEach((f, fi) => {
      const bytes = encode(r[fi] ?? '').slice(0, f.length);
      out.fill(0x20, at, at + f.length);
      out.set(bytes, at);
      at += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}
