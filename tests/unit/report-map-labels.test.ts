/**
 * The review report's maps name Hoàng Sa, Trường Sa and Biển Đông wholly
 * inside each map and off the islands (src/map/report-map.ts with
 * src/map/label-fit.ts), for the demo data (data/build/demo, `npm run
 * data:demo`; on a fresh checkout, where the unit tests run before the
 * build makes it, the same demo is made in a temporary folder), both structures, Vietnamese and
 * English: the national map, each of the strip's five small maps, the map of
 * provinces, and the inset of the provinces that govern an archipelago (on
 * their main map and on each small map of their strip: the islands there,
 * each with a mark). The strip's captions stay within their map's width and
 * the page's content, apart. The
 * boxes are worked out here from the drawn text, measured with the report's
 * font as the PDF writer measures it (./report-labels.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, DEFAULT_OUT, DEFAULT_SEED } from '../../scripts/build-demo-data.ts';
import { loadIntoDuckDB } from '../../scripts/lib/report-folder.ts';
import { nodeReportFonts } from '../../scripts/lib/report-fonts.ts';
import { reportData } from '../../src/db/report.ts';
import type { SqlRunner } from '../../src/db/runner.ts';
import { decodeBundle, type LoadedBundle } from '../../src/io/bundle.ts';
import { CONTENT_WIDTH, measureWith } from '../../src/io/report/pdf.ts';
import { reportFigures, reportGeometry, type ReportGeometry } from '../../src/map/report-map.ts';
import { archipelagoShapes } from '../../src/map/sovereignty.ts';
import { BUNDLE_GLOBAL } from '../../src/model/bundle.ts';
import { captionProblems, coveredShare, insetGroupProblems, insetProblems, labelProblems, nationalMaps, stripMaps } from './report-labels.ts';

/** The demo's bundle script: the built one, or one made now in a temporary folder (removed after). */
async function demoScript(): Promise<{ file: string; made?: string }> {
  const built = join(DEFAULT_OUT, 'atlas-data.js');
  if (existsSync(built)) return { file: built };
  const made = mkdtempSync(join(tmpdir(), 'atlas-report-labels-'));
  await buildDemo({ seed: DEFAULT_SEED, out: made });
  return { file: join(made, 'atlas-data.js'), made };
}

const LANGS = ['vi', 'en'] as const;

describe('sovereignty labels of the report maps (demo data)', () => {
  let bundle: LoadedBundle;
  let db: SqlRunner;
  const measure = measureWith(nodeReportFonts());
  const geometries = new Map<string, ReportGeometry>();
  beforeAll(async () => {
    const demo = await demoScript();
    const sandbox: Record<string, unknown> = {};
    sandbox.globalThis = sandbox;
    runInNewContext(readFileSync(demo.file, 'utf8'), sandbox);
    if (demo.made) rmSync(demo.made, { recursive: true, force: true });
    bundle = await decodeBundle(sandbox[BUNDLE_GLOBAL]);
    db = await loadIntoDuckDB(bundle);
    for (const s of bundle.manifest.structures) geometries.set(s.id, reportGeometry(bundle.topology, s));
  }, 300_000);
  afterAll(async () => {
    await db?.close();
  });
  /** The last year on a structure's own codes (reported against the one before). */
  const yearOf = (structure: string) => bundle.manifest.structures.find((s) => s.id === structure)!.toYear;
  /** A structure's report (the whole country when `province` is null) in its last year. */
  const dataOf = (structure: string, province: string | null) => {
    const year = yearOf(structure);
    return reportData(db, bundle.manifest, { structure, province, year, baseYear: year - 1, kinds: [], kindsMode: 'any' });
  };
  /** The provinces that govern an archipelago (the demo's Đà Nẵng and Khánh Hòa). */
  const archipelagoProvinces = async (structure: string) => {
    const codes = new Set(archipelagoShapes(geometries.get(structure)!.communes).flatMap((a) => a.codes));
    const national = await dataOf(structure, null);
    return [...new Set(national.communes.filter((c) => codes.has(c.code)).map((c) => c.provinceCode))];
  };

  it('on every national map, in the strip\'s small maps too, in both languages: inside the map, off the islands, apart', async () => {
    for (const s of bundle.manifest.structures) {
      const year = yearOf(s.id);
      const data = await reportData(db, bundle.manifest, { structure: s.id, province: null, year, baseYear: year - 1, kinds: [], kindsMode: 'any' });
      const geometry = geometries.get(s.id)!;
      // The demo data has both archipelagos as units, so their islands are many marks.
      expect(archipelagoShapes(geometry.communes).map((a) => a.source)).toEqual(['data', 'data']);
      for (const lang of LANGS) {
        const f = reportFigures({ geometry, data, scale: bundle.manifest.scale, lang, source: bundle.manifest.source[lang], measure, width: CONTENT_WIDTH });
        for (const [name, scene, count] of [['map', f.map, 1], ['strip', f.strip, data.period.length], ['provinces', f.provinces!, 1]] as const) {
          const maps = nationalMaps(scene, geometry, lang, measure);
          const what = `${s.id} ${lang} ${name}`;
          expect(maps.length, what).toBe(count);
          expect(labelProblems(maps), what).toEqual([]);
          // Never below the print floor (src/map/report-map.ts PRINT_FIT).
          for (const m of maps) for (const l of m.labels) expect(l.size, `${what} ${l.text}`).toBeGreaterThanOrEqual(5);
        }
      }
    }
  });

  it('in the inset of a province that governs an archipelago: its name inside the box and above the islands, each island marked', async () => {
    let insets = 0;
    for (const s of bundle.manifest.structures) {
      const geometry = geometries.get(s.id)!;
      const provinces = await archipelagoProvinces(s.id);
      expect(provinces.length, s.id).toBe(2);
      for (const province of provinces) {
        const data = await dataOf(s.id, province);
        for (const lang of LANGS) {
          const f = reportFigures({ geometry, data, scale: bundle.manifest.scale, lang, source: bundle.manifest.source[lang], measure, width: CONTENT_WIDTH });
          const r = insetProblems(f.map, lang, measure);
          expect(r.problems, `${s.id} ${province} ${lang}`).toEqual([]);
          insets++;
        }
      }
    }
    expect(insets).toBe(8);
  });

  it('in the strip of a province that governs an archipelago: every small map has the islands in an inset, marked, covering no more of the mainland than the main map\'s', async () => {
    let smallInsets = 0;
    for (const s of bundle.manifest.structures) {
      const geometry = geometries.get(s.id)!;
      for (const province of await archipelagoProvinces(s.id)) {
        const data = await dataOf(s.id, province);
        for (const lang of LANGS) {
          const what = `${s.id} ${province} ${lang}`;
          const f = reportFigures({ geometry, data, scale: bundle.manifest.scale, lang, source: bundle.manifest.source[lang], measure, width: CONTENT_WIDTH });
          const [main, mainInset] = f.map.items.filter((g) => g.type === 'group' && !!g.clip) as Extract<(typeof f.map.items)[number], { type: 'group' }>[];
          const mainShare = coveredShare(main, mainInset.clip!);
          const maps = stripMaps(f.strip, measure);
          expect(maps.length, what).toBe(data.period.length);
          for (const m of maps) {
            expect(m.inset, `${what} ${m.year}: no inset`).toBeDefined();
            if (!m.inset) continue;
            expect(insetGroupProblems(m.inset, lang, measure, true).problems, `${what} ${m.year}`).toEqual([]);
            expect(coveredShare(m.map, m.inset.clip!), `${what} ${m.year}: share of the mainland under the inset`).toBeLessThanOrEqual(mainShare + 1e-9);
            smallInsets++;
          }
        }
      }
    }
    expect(smallInsets).toBe(40);
  });

  it('the strip\'s captions: within their map\'s width and the page\'s content, apart, 5 pt or more, in both languages', async () => {
    for (const s of bundle.manifest.structures) {
      const geometry = geometries.get(s.id)!;
      for (const province of [null, ...(await archipelagoProvinces(s.id))]) {
        const data = await dataOf(s.id, province);
        for (const lang of LANGS) {
          const f = reportFigures({ geometry, data, scale: bundle.manifest.scale, lang, source: bundle.manifest.source[lang], measure, width: CONTENT_WIDTH });
          const maps = stripMaps(f.strip, measure);
          expect(maps.length).toBe(data.period.length);
          expect(captionProblems(maps, CONTENT_WIDTH), `${s.id} ${province ?? 'national'} ${lang}`).toEqual([]);
        }
      }
    }
  });
});
