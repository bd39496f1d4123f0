/**
 * Page geometry of the image export (src/map/print-layout.ts), and the PNG
 * resolution and zip writers of src/io/png.ts and src/io/zip.ts (pure byte work).
 */
import { PNG } from 'pngjs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { a4Landscape, contains, exportLabelSize, insetRect, metresPerPixel, niceScaleBar, OUTPUT_SIZES, overlaps, printLayout, splitRect, type Rect } from '../../src/map/print-layout.ts';
import { pixelsPerMetre, pngDpi, withPngDpi } from '../../src/io/png.ts';
import { slidesToZip } from '../../src/io/zip.ts';

const sizes = [
  { ...OUTPUT_SIZES.screen, marking: false },
  { ...OUTPUT_SIZES.a4, marking: true },
  { ...OUTPUT_SIZES.a4, marking: false },
  { id: 'a4-150', ...a4Landscape(150), dpi: 150, marking: true },
  { id: 'portrait', width: 1240, height: 1754, dpi: 150, marking: false },
];

describe('printLayout', () => {
  it('A4 landscape at 300 dpi is 3508 × 2480 px and 11811 px/m', () => {
    expect(a4Landscape(300)).toEqual({ width: 3508, height: 2480 });
    expect(OUTPUT_SIZES.a4).toMatchObject(a4Landscape(300));
    expect(pixelsPerMetre(300)).toBe(11811);
    expect(pixelsPerMetre(96)).toBe(3780);
  });

  for (const s of sizes) {
    it(`keeps every rectangle on the page and apart (${s.id}, ${s.width}×${s.height})`, () => {
      const l = printLayout(s.width, s.height, s.dpi, { marking: s.marking });
      const page: Rect = { x: 0, y: 0, w: s.width, h: s.height };
      const named: [string, Rect][] = [
        ['title', l.title],
        ['subtitle', l.subtitle],
        ['map', l.map],
        ['legend', l.legend],
        ['northArrow', l.northArrow],
        ['scaleBar', l.scaleBar],
        ['source', l.source],
        ...(l.marking ? [['marking', l.marking] as [string, Rect]] : []),
      ];
      expect(!!l.marking).toBe(s.marking);
      for (const [name, r] of named) {
        expect(r.w, name).toBeGreaterThan(0);
        expect(r.h, name).toBeGreaterThan(0);
        expect(contains(page, r), `${name} inside the page`).toBe(true);
      }
      for (let i = 0; i < named.length; i++)
        for (let j = i + 1; j < named.length; j++) expect(overlaps(named[i][1], named[j][1]), `${named[i][0]} / ${named[j][0]}`).toBe(false);
      // The map is the page: it takes most of it.
      expect((l.map.w * l.map.h) / (s.width * s.height)).toBeGreaterThan(0.45);
      // Reading order: title above subtitle above map above source.
      expect(l.title.y + l.title.h).toBeLessThanOrEqual(l.subtitle.y);
      expect(l.subtitle.y + l.subtitle.h).toBeLessThanOrEqual(l.map.y);
      expect(l.map.y + l.map.h).toBeLessThanOrEqual(l.source.y);
    });
  }

  it('scales every size with the dpi for the same physical page', () => {
    const hi = printLayout(3508, 2480, 300, { marking: true });
    const lo = printLayout(1754, 1240, 150, { marking: true });
    expect(hi.pixelRatio).toBeCloseTo(2 * lo.pixelRatio, 6);
    for (const key of ['title', 'subtitle', 'map', 'legend', 'northArrow', 'scaleBar', 'source', 'marking'] as const) {
      const a = hi[key]!, b = lo[key]!;
      for (const k of ['x', 'y', 'w', 'h'] as const) expect(Math.abs(a[k] - 2 * b[k]), `${key}.${k}`).toBeLessThanOrEqual(3);
    }
    for (const k of Object.keys(hi.fonts) as (keyof typeof hi.fonts)[]) expect(Math.abs(hi.fonts[k] - 2 * lo.fonts[k])).toBeLessThanOrEqual(1);
    // Print type is legible: body text of an A4 page is at least 10 pt.
    expect((hi.fonts.legend / 300) * 72).toBeGreaterThanOrEqual(10);
    expect((hi.fonts.title / 300) * 72).toBeGreaterThanOrEqual(20);
    // A projector slide: title at least 40 px on 1080 lines.
    expect(printLayout(1920, 1080, 96).fonts.title).toBeGreaterThanOrEqual(40);
  });

  it('renders the map at dpi / 96 output pixels per CSS pixel, never below 1', () => {
    expect(printLayout(3508, 2480, 300).pixelRatio).toBeCloseTo(3.125, 6);
    expect(printLayout(1920, 1080, 96).pixelRatio).toBe(1);
    expect(printLayout(800, 600, 72).pixelRatio).toBe(1);
  });
});

describe('scale bar', () => {
  it('computes Web Mercator resolution at a latitude and pixel ratio', () => {
    // Zoom 0, equator, 512-px tiles: the whole circumference over 512 px.
    expect(metresPerPixel(0, 0)).toBeCloseTo(40_075_016.686 / 512, 3);
    expect(metresPerPixel(5, 60)).toBeCloseTo(metresPerPixel(5, 0) / 2, 6);
    expect(metresPerPixel(7, 16, 3.125)).toBeCloseTo(metresPerPixel(7, 16) / 3.125, 9);
  });

  it('picks the longest 1, 2, 5 × 10ⁿ km length that fits the target width', () => {
    const round = (m: number) => {
      const km = m / 1000;
      const exp = Math.floor(Math.log10(km) + 1e-9);
      const mant = Math.round(km / 10 ** exp);
      return [1, 2, 5].includes(mant) && Math.abs(mant * 10 ** exp - km) < 1e-9 * Math.max(1, km);
    };
    for (const mpp of [0.7, 3, 17, 120, 999, 1234, 5000, 25_000]) {
      for (const maxPx of [80, 150, 400, 900]) {
        const s = niceScaleBar(mpp, maxPx);
        expect(round(s.metres), `${s.metres} m is round`).toBe(true);
        expect(s.px).toBeLessThanOrEqual(maxPx + 1e-9);
        expect(s.px).toBeCloseTo(s.metres / mpp, 9);
        // The next round length would not fit: it is the longest.
        const next = [1, 2, 5, 10].map((k) => k * 10 ** Math.floor(Math.log10(s.metres))).find((v) => v > s.metres + 1e-9)!;
        expect(next / mpp).toBeGreaterThan(maxPx);
      }
    }
    expect(niceScaleBar(1000, 260)).toMatchObject({ metres: 200_000, label: '200 km' });
    expect(niceScaleBar(2, 300)).toMatchObject({ metres: 500, label: '500 m' });
    expect(niceScaleBar(10, 110)).toMatchObject({ metres: 1000, label: '1 km' });
  });
});

function tinyPng(): Uint8Array {
  const png = new PNG({ width: 3, height: 2 });
  png.data.fill(200);
  return new Uint8Array(PNG.sync.write(png));
}

describe('PNG resolution and zip', () => {
  it('writes one pHYs chunk after IHDR that decoders read back', () => {
    const src = tinyPng();
    expect(pngDpi(src)).toBeUndefined();
    const out = withPngDpi(withPngDpi(src, 150), 300);
    expect(pngDpi(out)).toBeCloseTo(300, 0);
    const text = Buffer.from(out).toString('latin1');
    expect(text.split('pHYs').length - 1).toBe(1);
    expect(text.indexOf('IHDR')).toBeLessThan(text.indexOf('pHYs'));
    expect(text.indexOf('pHYs')).toBeLessThan(text.indexOf('IDAT'));
    // pngjs checks every CRC: a wrong one throws.
    const decoded = PNG.sync.read(Buffer.from(out), { checkCRC: true } as never);
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
  });

  it('packs images in order into one zip with unique names', async () => {
    const blob = (s: string) => new Blob([new TextEncoder().encode(s)]);
    const zip = await slidesToZip([
      { name: 'ban-do-2025.png', blob: blob('a') },
      { name: 'ban-do-2025.png', blob: blob('b') },
      { name: 'x/y.png', blob: blob('c') },
    ]);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files)).toEqual(['01-ban-do-2025.png', '02-ban-do-2025.png', '03-x-y.png']);
    expect(new TextDecoder().decode(files['02-ban-do-2025.png'])).toBe('b');
  });
});

describe('labels, inset and comparison halves of an export', () => {
  it('labels are at least 16 px on the 1920×1080 slide and about 3.4 mm on A4 at 300 dpi', () => {
    const fhd = printLayout(1920, 1080, 96);
    expect(exportLabelSize(fhd).outputPx).toBeGreaterThanOrEqual(16);
    expect(exportLabelSize(fhd).cssPx).toBe(exportLabelSize(fhd).outputPx);
    const a4 = printLayout(OUTPUT_SIZES.a4.width, OUTPUT_SIZES.a4.height, 300);
    const { outputPx, cssPx } = exportLabelSize(a4);
    expect((outputPx / 300) * 25.4).toBeGreaterThan(3);
    expect((outputPx / 300) * 25.4).toBeLessThan(4);
    expect(cssPx * a4.pixelRatio).toBeCloseTo(outputPx, 6);
  });

  it('the inset sits inside the map, in its bottom-right corner, taller than wide', () => {
    for (const [w, h, dpi] of [[1920, 1080, 96], [OUTPUT_SIZES.a4.width, OUTPUT_SIZES.a4.height, 300]]) {
      const l = printLayout(w, h, dpi);
      const r = insetRect(l.map, l.unit);
      expect(contains(l.map, r)).toBe(true);
      expect(r.h).toBeGreaterThan(r.w);
      expect(r.x + r.w).toBeGreaterThan(l.map.x + l.map.w * 0.9);
      expect(r.y + r.h).toBeGreaterThan(l.map.y + l.map.h * 0.9);
    }
  });

  it('the two halves of a comparison share the map rectangle without overlapping', () => {
    const l = printLayout(1920, 1080, 96);
    const [a, b] = splitRect(l.map, 4);
    expect(overlaps(a, b)).toBe(false);
    expect(contains(l.map, a) && contains(l.map, b)).toBe(true);
    expect(a.w).toBe(b.w);
    expect(b.x - (a.x + a.w)).toBeGreaterThanOrEqual(4);
  });
});
