/**
 * A reader for the WKT of `.prj` files, as ArcGIS (ESRI WKT1), GDAL, QGIS and
 * mapshaper (OGC WKT1, with or without TOWGS84) and recent GDAL (WKT2, with a
 * BOUNDCRS carrying the datum shift) write them. It returns what a proj4
 * definition needs (ellipsoid, datum shift, projection and its parameters,
 * units) without trusting names: a datum is whatever its ellipsoid and shift
 * say it is (see crs.ts for how VN-2000 is recognised).
 */

/** A WKT node: KEYWORD[arg, arg, …]. */
export interface WktNode {
  keyword: string;
  args: (string | number | WktNode)[];
}

/** Parses WKT text into a tree; throws on malformed text. */
export function parseWkt(text: string): WktNode {
  let i = 0;
  const s = text.trim();
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const node = (): WktNode => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) throw new Error(`WKT: keyword expected at ${i}`);
    i += m[0].length;
    ws();
    const open = s[i];
    if (open !== '[' && open !== '(') throw new Error(`WKT: [ expected at ${i}`);
    const close = open === '[' ? ']' : ')';
    i++;
    const args: WktNode['args'] = [];
    for (;;) {
      ws();
      if (s[i] === close) {
        i++;
        break;
      }
      if (s[i] === '"') {
        let str = '';
        i++;
        for (;;) {
          if (i >= s.length) throw new Error('WKT: unclosed string');
          if (s[i] === '"') {
            if (s[i + 1] === '"') {
              str += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          str += s[i++];
        }
        args.push(str);
      } else if (/[-+\d.]/.test(s[i])) {
        const n = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(s.slice(i));
        if (!n) throw new Error(`WKT: number expected at ${i}`);
        args.push(Number(n[0]));
        i += n[0].length;
      } else if (/[A-Za-z]/.test(s[i])) {
        // A bare word (AXIS["x",EAST]) or a nested node.
        const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i))![0];
        let j = i + w.length;
        while (j < s.length && /\s/.test(s[j])) j++;
        if (s[j] === '[' || s[j] === '(') args.push(node());
        else {
          args.push(w);
          i += w.length;
        }
      } else throw new Error(`WKT: unexpected "${s[i]}" at ${i}`);
      ws();
      if (s[i] === ',') i++;
    }
    return { keyword: m[0].toUpperCase(), args };
  };
  const root = node();
  ws();
  if (i !== s.length) throw new Error('WKT: text after the end');
  return root;
}

const children = (n: WktNode) => n.args.filter((a): a is WktNode => typeof a === 'object');
const child = (n: WktNode, ...keywords: string[]) => children(n).find((c) => keywords.includes(c.keyword));
const name = (n: WktNode | undefined) => (n && typeof n.args[0] === 'string' ? n.args[0] : '');
const num = (n: WktNode | undefined, at: number) => (n && typeof n.args[at] === 'number' ? (n.args[at] as number) : null);

/** Everything a proj4 definition needs, read from a WKT. */
export interface WktCrs {
  kind: 'geographic' | 'projected';
  name: string;
  datumName: string;
  ellipsoid: { name: string; a: number; rf: number };
  /** Datum shift to WGS 84, position-vector convention (proj4's +towgs84), 3 or 7 numbers; null when absent. */
  towgs84: number[] | null;
  primeMeridian: number;
  /** Projection method (folded: `transverse mercator`, `mercator`, `lambert conformal conic` …) and parameters by folded name. */
  method?: string;
  params: Record<string, number>;
  /** Metres per linear unit. */
  toMetre: number;
  /** EPSG codes named anywhere in the WKT (AUTHORITY / ID). */
  epsg: number[];
}

function fold(s: string): string {
  return s.toLowerCase().replace(/[_\-\s()]+/g, ' ').trim();
}

function epsgCodes(n: WktNode, out: number[] = []): number[] {
  if ((n.keyword === 'AUTHORITY' || n.keyword === 'ID') && /^epsg$/i.test(name(n))) {
    const v = n.args[1];
    const code = typeof v === 'number' ? v : Number(v);
    if (Number.isFinite(code)) out.push(code);
  }
  for (const c of children(n)) epsgCodes(c, out);
  return out;
}

/** Position-vector shift from a WKT2 ABRIDGEDTRANSFORMATION (coordinate-frame rotations flip sign). */
function abridged(t: WktNode): number[] | null {
  const method = fold(name(child(t, 'METHOD')));
  const p: Record<string, number> = {};
  for (const c of children(t)) if (c.keyword === 'PARAMETER' && typeof c.args[1] === 'number') p[fold(name(c))] = c.args[1] as number;
  const tx = p['x axis translation'];
  if (tx === undefined) return null;
  const out = [tx, p['y axis translation'] ?? 0, p['z axis translation'] ?? 0];
  if (p['x axis rotation'] !== undefined) {
    const sign = method.includes('coordinate frame') ? -1 : 1;
    let ds = p['scale difference'] ?? 0;
    // GDAL writes the scale as a ratio (1.0000002529…) or in parts per million.
    if (Math.abs(ds - 1) < 0.01) ds = (ds - 1) * 1e6;
    out.push(sign * p['x axis rotation'], sign * (p['y axis rotation'] ?? 0), sign * (p['z axis rotation'] ?? 0), ds);
  }
  return out;
}

/** Reads a parsed WKT (WKT1 OGC/ESRI, or WKT2 PROJCRS/GEOGCRS/BOUNDCRS). Throws when it is not a CRS. */
export function interpretWkt(root: WktNode): WktCrs {
  let crs = root;
  let towgs84: number[] | null = null;
  if (root.keyword === 'BOUNDCRS') {
    const src = child(root, 'SOURCECRS');
    const inner = src && children(src)[0];
    if (!inner) throw new Error('WKT: BOUNDCRS without SOURCECRS');
    crs = inner;
    const t = child(root, 'ABRIDGEDTRANSFORMATION');
    if (t) towgs84 = abridged(t);
  }
  const projected = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(crs.keyword);
  const geographic = ['GEOGCS', 'GEOGCRS', 'GEOGRAPHICCRS', 'GEODCRS', 'BASEGEOGCRS'].includes(crs.keyword);
  if (!projected && !geographic) throw new Error(`WKT: ${crs.keyword} is not a coordinate system`);
  const geog = projected ? child(crs, 'GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS', 'GEOGCRS') : crs;
  if (!geog) throw new Error('WKT: no geographic CRS');
  const datum = child(geog, 'DATUM', 'TRF', 'GEODETICDATUM');
  const ellNode = datum ? child(datum, 'SPHEROID', 'ELLIPSOID') : undefined;
  const a = num(ellNode, 1);
  const rf = num(ellNode, 2);
  if (a === null || rf === null) throw new Error('WKT: no ellipsoid');
  const tw = datum ? child(datum, 'TOWGS84') : undefined;
  if (tw) towgs84 = tw.args.filter((x): x is number => typeof x === 'number');
  const pm = num(child(geog, 'PRIMEM'), 1) ?? 0;

  const params: Record<string, number> = {};
  let method: string | undefined;
  let toMetre = 1;
  if (projected) {
    const conv = child(crs, 'CONVERSION') ?? crs;
    method = fold(name(child(crs, 'PROJECTION') ?? child(conv, 'METHOD')));
    for (const c of children(conv)) if (c.keyword === 'PARAMETER' && typeof c.args[1] === 'number') params[fold(name(c))] = c.args[1] as number;
    const unit = children(crs).filter((c) => c.keyword === 'UNIT' || c.keyword === 'LENGTHUNIT').pop();
    toMetre = num(unit, 1) ?? 1;
    if (!(toMetre > 0)) toMetre = 1;
  }
  return {
    kind: projected ? 'projected' : 'geographic',
    name: name(crs),
    datumName: name(datum),
    ellipsoid: { name: name(ellNode), a, rf },
    towgs84: towgs84 && towgs84.length >= 3 ? towgs84 : null,
    primeMeridian: pm,
    method,
    params,
    toMetre,
    epsg: epsgCodes(root),
  };
}

/** The first parameter present among several spellings (ESRI, OGC, WKT2), folded. */
export function param(c: WktCrs, ...names: string[]): number | undefined {
  for (const n of names) {
    const v = c.params[fold(n)];
    if (v !== undefined) return v;
  }
  return undefined;
}
