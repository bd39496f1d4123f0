/**
 * The atlas page: header controls, the map with its legend, and the panels.
 * State lives here and flows down; data comes from the provider (bundle and
 * DuckDB); every number shown is answered by DuckDB.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { pointOnFeature } from '@turf/turf';
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import { useEffect, useMemo, useState } from 'react';
import { priorityFlags, type PriorityFlag } from '../db/queries.ts';
import type { UnitFeature } from '../map/boundaries.ts';
import { choroplethProps, contextFillProps, labelProps, outlineProps, ratingColors } from '../map/layers.ts';
import { formatNumber, t, type Lang } from '../model/i18n.ts';
import { PRIORITY_KINDS } from '../model/priority.ts';
import { levelById, weakLevelIds } from '../model/scale.ts';
import { characterSetOf } from '../model/text.ts';
import { useData } from './DataProvider.tsx';
import { Diagnostics } from './Diagnostics.tsx';
import { Legend } from './Legend.tsx';
import { hasWebGL2, MapView } from './MapView.tsx';
import { markState, probe, timeline } from './startup.ts';
import { useStructureGeometry } from './useAtlasGeometry.ts';
import { useRatings } from './useRatings.ts';

/** Vietnamese letters a label may need beyond the names present, so late data never misses a glyph. */
const VIETNAMESE_CHARS =
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ' +
  'AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ' +
  'fjwzFJWZ0123456789 -.,()\'/–';

function initialLang(): Lang {
  return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'vi';
}

export function App() {
  const { bundle, db } = useData();
  const [lang, setLang] = useState<Lang>(initialLang);
  const [showDiag, setShowDiag] = useState(() => new URLSearchParams(location.search).has('diag'));
  const [mapError, setMapError] = useState<string | undefined>();
  const [webgl] = useState(hasWebGL2);
  const loaded = bundle.status === 'ready' ? bundle.bundle : undefined;
  const manifest = loaded?.manifest;
  // Until the user chooses, the newest structure and the latest year.
  const [structureChoice, setStructure] = useState<string | undefined>();
  const [yearChoice, setYear] = useState<number | undefined>();
  const structure = structureChoice ?? manifest?.structures[0].id ?? '';
  const year = yearChoice ?? (manifest ? Math.max(...manifest.years) : 0);
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [overlays, setOverlays] = useState<Set<string>>(() => new Set(['border']));
  const [flags, setFlags] = useState<PriorityFlag[]>([]);
  const [fontReady, setFontReady] = useState(false);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, 'appTitle');
  }, [lang]);

  useEffect(() => {
    // The TextLayer rasterises glyphs once: the bundled font must be loaded first,
    // or it would bake a fallback font's glyphs into its atlas.
    document.fonts
      .load('600 16px "Be Vietnam Pro"', 'Đồng Văn ồ ế')
      .catch(() => undefined)
      .finally(() => setFontReady(true));
  }, []);

  const geo = useStructureGeometry(loaded, structure);
  const runner = db.status === 'ready' ? db.db : undefined;
  const { ratings, error: queryError } = useRatings(runner, manifest, structure, year);

  useEffect(() => {
    if (!runner || !structure) return;
    let current = true;
    priorityFlags(runner, structure)
      .then((f) => current && setFlags(f))
      .catch((e: unknown) => console.error(e));
    return () => {
      current = false;
    };
  }, [runner, structure]);

  const colors = useMemo(() => {
    if (!geo) return undefined;
    const byCode = ratings && ratings.structure === structure ? ratings.byCode : new Map<string, string | null>();
    return { rgba: ratingColors(geo.communes, byCode, manifest!.scale), version: nextColorVersion() };
  }, [geo, ratings, structure, manifest]);

  const characterSet = useMemo(
    () => characterSetOf([VIETNAMESE_CHARS, ...(geo?.provinceLabels.map((l) => l.text) ?? [])]),
    [geo],
  );

  const featureByCode = useMemo(() => new Map(geo?.communes.map((f) => [f.properties.code, f]) ?? []), [geo]);

  const layers = useMemo<Layer[]>(() => {
    if (!geo || !colors) return [];
    const out: Layer[] = [];
    if (geo.neighbours.length) out.push(new GeoJsonLayer(contextFillProps('neighbours', geo.neighbours, [238, 236, 230, 255], [180, 176, 168, 255])));
    out.push(new GeoJsonLayer(choroplethProps({ id: 'communes', features: geo.communes, colors: colors.rgba, colorVersion: colors.version, lineWidthPixels: 0.3 })));
    out.push(new GeoJsonLayer(outlineProps('provinces', geo.provinces, [60, 60, 70, 220], 1.2)));
    for (const kind of PRIORITY_KINDS) {
      if (!overlays.has(kind.id)) continue;
      const feats = flags.filter((f) => f.kind === kind.id).map((f) => featureByCode.get(f.code)).filter((f): f is UnitFeature => !!f);
      out.push(new GeoJsonLayer(outlineProps(`priority-${kind.id}`, feats, kind.color, 2.2)));
    }
    const sel = selected ? featureByCode.get(selected) : undefined;
    if (sel) out.push(new GeoJsonLayer(outlineProps('selection', [sel], [0, 0, 0, 255], 3.5)));
    if (fontReady) out.push(new TextLayer(labelProps('province-labels', geo.provinceLabels, characterSet, 13)));
    return out;
  }, [geo, colors, overlays, flags, featureByCode, selected, fontReady, characterSet]);

  // Test and benchmark probe: where a commune is on screen.
  useEffect(() => {
    probe.unitAt = (code) => {
      const f = featureByCode.get(code);
      if (!f || !probe.project) return undefined;
      const [lng, lat] = labelPointCached(f);
      return probe.project(lng, lat);
    };
  }, [featureByCode]);

  const coloured = !!ratings && ratings.structure === structure && ratings.year === year;
  const onAfterRender = () => {
    if (!coloured) return;
    if (document.documentElement.dataset.mapState !== 'coloured') {
      timeline.end('first-coloured-map');
      markState('mapState', 'coloured');
    }
    document.documentElement.dataset.mapYear = String(year);
    document.documentElement.dataset.mapStructure = structure;
  };
  useEffect(() => {
    timeline.begin('first-coloured-map');
  }, []);

  const onHover = (info: PickingInfo) => {
    const f = info.object as UnitFeature | undefined;
    setHover(f && info.layer?.id === 'communes' ? { code: f.properties.code, x: info.x, y: info.y } : undefined);
  };
  const onClick = (info: PickingInfo) => {
    const f = info.object as UnitFeature | undefined;
    setSelected(f && info.layer?.id === 'communes' ? f.properties.code : undefined);
  };

  const failure = bundle.status === 'failed' ? bundle.message : undefined;
  const dbFailure = db.status === 'failed' ? db.message : undefined;
  const weakIds = manifest ? weakLevelIds(manifest.scale) : [];
  const weakCount = ratings ? weakIds.reduce((n, id) => n + (ratings.counts.get(id) ?? 0), 0) : undefined;
  const hoverInfo = hover ? geo?.info.get(hover.code) : undefined;
  const selInfo = selected ? geo?.info.get(selected) : undefined;

  return (
    <div className="app">
      <header className="topbar">
        <h1>{t(lang, 'appTitle')}</h1>
        {manifest?.illustrative && (
          <span className="badge illustrative" title={t(lang, 'illustrativeLong')}>
            {t(lang, 'illustrative')}
          </span>
        )}
        <div className="controls">
          {manifest && (
            <>
              <label>
                {t(lang, 'structure')}
                <select value={structure} onChange={(e) => setStructure(e.target.value)} data-testid="structure">
                  {manifest.structures.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.id === '2025' ? t(lang, 'structure2025') : s.id === 'pre2025' ? t(lang, 'structurePre2025') : s.label[lang]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t(lang, 'year')}
                <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="year">
                  {[...manifest.years].sort((a, b) => b - a).map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          <button type="button" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} data-testid="lang">
            {t(lang, 'switchLang')}
          </button>
          <button type="button" onClick={() => setShowDiag((v) => !v)} data-testid="diag-button">
            {t(lang, 'diagnostics')}
          </button>
        </div>
      </header>

      <main className="stage">
        {failure ? (
          <ErrorBox title={t(lang, 'errorTitle')} message={failure} />
        ) : !webgl ? (
          <ErrorBox title={t(lang, 'errorTitle')} message={{ vi: t('vi', 'errorNoWebgl'), en: t('en', 'errorNoWebgl') }} />
        ) : geo ? (
          <MapView
            layers={layers}
            bounds={geo.bounds}
            ariaLabel={t(lang, 'mapAria')}
            onHover={onHover}
            onClick={onClick}
            onError={(m) => {
              console.error(m);
              setMapError(m);
            }}
            onAfterRender={onAfterRender}
          />
        ) : (
          <p className="loading">{t(lang, 'loadingData')}</p>
        )}
        {mapError && <ErrorBox title={t(lang, 'errorTitle')} message={{ vi: t('vi', 'errorMap', { reason: mapError }), en: t('en', 'errorMap', { reason: mapError }) }} />}

        {hover && hoverInfo && (
          <div className="tooltip" role="tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }} data-testid="tooltip">
            <strong>{hoverInfo.name}</strong>
            <span>{hoverInfo.provinceName}</span>
            {ratings && <span>{t(lang, 'rating')}: {levelLabel(manifest!, ratings.byCode.get(hover.code), lang)}</span>}
          </div>
        )}

        <div className="side">
          {manifest && <Legend lang={lang} scale={manifest.scale} counts={ratings?.counts} />}
          <section className="status" aria-live="polite">
            <p data-testid="db-status" data-state={db.status}>
              {db.status === 'ready' ? `${t(lang, 'dbReady')} (${db.version})` : db.status === 'failed' ? t(lang, 'dbFailed') : t(lang, 'dbBooting')}
            </p>
            {dbFailure && <ErrorBox title={t(lang, 'dbFailed')} message={dbFailure} />}
            {queryError && <p className="error-text">{queryError}</p>}
            {ratings && weakCount !== undefined && (
              <p data-testid="weak-count">
                {t(lang, 'weakCount', { year: ratings.year, count: formatNumber(lang, weakCount), total: formatNumber(lang, ratings.total) })}
              </p>
            )}
          </section>
          {manifest && (
            <section className="overlays">
              <h2>{t(lang, 'overlays')}</h2>
              {PRIORITY_KINDS.map((k) => (
                <label key={k.id} className="overlay-toggle">
                  <input
                    type="checkbox"
                    checked={overlays.has(k.id)}
                    onChange={(e) => {
                      const next = new Set(overlays);
                      if (e.target.checked) next.add(k.id);
                      else next.delete(k.id);
                      setOverlays(next);
                    }}
                  />
                  <span className="line" style={{ borderColor: `rgb(${k.color.slice(0, 3).join(',')})` }} />
                  {t(lang, k.label)} ({formatNumber(lang, flags.filter((f) => f.kind === k.id).length)})
                </label>
              ))}
            </section>
          )}
          {selInfo && (
            <section className="selection" data-testid="selection">
              <h2>{selInfo.name}</h2>
              <p>{selInfo.provinceName}</p>
              <p>
                {t(lang, 'rating')} {year}: {levelLabel(manifest!, ratings?.byCode.get(selInfo.code), lang)}
                {ratings?.scoreByCode.get(selInfo.code) != null && ` · ${t(lang, 'score')} ${formatNumber(lang, ratings.scoreByCode.get(selInfo.code)!, 1)}`}
              </p>
              <p>
                {t(lang, 'area')}: {formatNumber(lang, selInfo.areaKm2, 1)} km²
              </p>
              <ul className="flags">
                {flags
                  .filter((f) => f.code === selInfo.code)
                  .map((f) => (
                    <li key={f.kind + (f.detail ?? '')}>
                      {PRIORITY_KINDS.find((k) => k.id === f.kind) ? t(lang, PRIORITY_KINDS.find((k) => k.id === f.kind)!.label) : f.kind}
                      {f.detail ? ` — ${f.detail}` : ''}
                    </li>
                  ))}
              </ul>
              <button type="button" onClick={() => setSelected(undefined)}>
                {t(lang, 'clearSelection')}
              </button>
            </section>
          )}
        </div>
      </main>

      <footer className="sourceline">
        {manifest && (
          <span>
            {t(lang, 'source')}: {manifest.source[lang]} · {t(lang, 'dataDate')} {manifest.dataDate}
          </span>
        )}
      </footer>
      {showDiag && <Diagnostics lang={lang} onClose={() => setShowDiag(false)} />}
    </div>
  );
}

let colorVersionCounter = 0;
/** A fresh number per colour array, for deck.gl's updateTriggers. */
function nextColorVersion(): number {
  return ++colorVersionCounter;
}

function levelLabel(manifest: { scale: Parameters<typeof levelById>[0] }, id: string | null | undefined, lang: Lang): string {
  if (!id) return t(lang, 'noData');
  return levelById(manifest.scale, id)?.label[lang] ?? id;
}

const labelCache = new WeakMap<UnitFeature, [number, number]>();
function labelPointCached(f: UnitFeature): [number, number] {
  let p = labelCache.get(f);
  if (!p) {
    p = interiorPoint(f);
    labelCache.set(f, p);
  }
  return p;
}

/** A point guaranteed inside the feature (a centre of mass can fall outside a concave unit). */
function interiorPoint(f: UnitFeature): [number, number] {
  const c = pointOnFeature(f).geometry.coordinates;
  return [c[0], c[1]];
}

function ErrorBox({ title, message }: { title: string; message: { vi: string; en: string } }) {
  return (
    <div className="error-box" role="alert" data-testid="error">
      <h2>{title}</h2>
      <p lang="vi">{message.vi}</p>
      <p lang="en">{message.en}</p>
    </div>
  );
}

