/**
 * The atlas page: a top bar (structure, year, colour mode, language), the
 * planner's filters and charts on the left, the map in the middle, the worklist
 * and a commune's detail on the right. The whole view lives in the URL hash
 * (useViewState); every number shown is answered by DuckDB.
 */
import { pointOnFeature } from '@turf/turf';
import { useEffect, useMemo, useRef, useState } from 'react';
import { priorityFlags, type PriorityFlag } from '../../db/queries.ts';
import type { UnitFeature } from '../../map/boundaries.ts';
import { boundsOf } from '../../map/boundaries.ts';
import { compareVi, formatDate, formatNumber, t, type Lang } from '../../model/i18n.ts';
import { levelById } from '../../model/scale.ts';
import { viewToHash, type ViewBounds, type ViewState } from '../../model/view-state.ts';
import { ChartsPanel } from '../planner/ChartsPanel.tsx';
import { CommuneDetail } from '../planner/CommuneDetail.tsx';
import { useData } from './DataProvider.tsx';
import { Diagnostics } from './Diagnostics.tsx';
import { ErrorBox } from './ErrorBox.tsx';
import { ExportButtons } from '../planner/ExportButtons.tsx';
import { ExportImageButtons } from '../briefing/ExportImageButtons.tsx';
import { ImportDialog } from '../import/ImportDialog.tsx';
import { forgetDataset, keptDataset, type KeptDataset } from '../import/datasetStore.ts';
import { decodeBundle } from '../../io/bundle.ts';
import { FilterPanel } from '../planner/FilterPanel.tsx';
import { Legend } from '../map/Legend.tsx';
import { MapControls } from '../map/MapControls.tsx';
import { OverlayToggles } from '../map/OverlayToggles.tsx';
import { SavedViewsPanel } from '../briefing/SavedViewsPanel.tsx';
import { SlideOverlay } from '../briefing/SlideOverlay.tsx';
import { newViewId, useSavedViews } from '../briefing/useSavedViews.ts';
import { captureView, viewOf, type SavedView } from '../../model/saved-views.ts';
import { PassphraseScreen } from '../protect/PassphraseScreen.tsx';
import { hasWebGL2, MapView, type MapHandle, type MapPointer } from '../map/MapView.tsx';
import { buildPointIndex } from '../../geo/point-index.ts';
import { firstListShown, markFirstListShown, markState, probe, timeline } from './startup.ts';
import { shortProvinceName, useStructureGeometry } from '../map/useAtlasGeometry.ts';
import { HoverStore } from '../map/hover.ts';
import { HoverTooltip } from '../map/HoverTooltip.tsx';
import { useHoverLayer, useMapLayers } from '../map/useMapLayers.ts';
import { colorsKey, firstPaint, keepEqualColors, useMapColors, type MapColors } from '../map/useMapColors.ts';
import { renderViewImage } from '../briefing/exportImage.ts';
import { slidesToZip } from '../../io/zip.ts';
import { OUTPUT_SIZES } from '../../map/print-layout.ts';
import { download } from '../planner/ExportButtons.tsx';
import { filterOf } from '../planner/useWorklist.ts';
import { CompareMap } from '../map/CompareMap.tsx';
import { useViewState } from './useViewState.ts';
import { useWorklist } from '../planner/useWorklist.ts';
import { useFade } from '../map/useFade.ts';
import { Worklist, type SortState } from '../planner/Worklist.tsx';

function urlLang(): Lang {
  return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'vi';
}

const NO_CODES: string[] = [];
const PANEL_PADDING = { top: 30, right: 30, bottom: 30, left: 30 };

/** deck.gl frames drawn since the page opened (`<html data-frame>`), so a benchmark can wait for the next one. */
let frameCount = 0;

export function App() {
  const { bundle, db, replaceBundle } = useData();
  const loaded = bundle.status === 'ready' ? bundle.bundle : undefined;
  const manifest = loaded?.manifest;
  const runner = db.status === 'ready' ? db.db : undefined;

  const bounds = useMemo<ViewBounds | undefined>(
    () =>
      manifest && {
        structures: manifest.structures.map((s) => s.id),
        years: manifest.years,
        levels: manifest.scale.levels.map((l) => l.id),
        indicators: manifest.indicators.map((i) => i.column),
      },
    [manifest],
  );
  const { view, setView, problems, dismissProblems } = useViewState(bounds);
  const [fallbackLang, setFallbackLang] = useState<Lang>(urlLang);
  const lang = view?.lang ?? fallbackLang;
  const setLang = (l: Lang) => (view ? setView({ lang: l }) : setFallbackLang(l));

  const [showDiag, setShowDiag] = useState(() => new URLSearchParams(location.search).has('diag'));
  const [showImport, setShowImport] = useState(false);
  const [kept, setKept] = useState<KeptDataset | undefined>();
  useEffect(() => {
    let current = true;
    keptDataset().then((k) => current && setKept(k));
    return () => {
      current = false;
    };
  }, []);
  const [mapError, setMapError] = useState<string | undefined>();
  const [webgl] = useState(hasWebGL2);
  // Hover lives outside React state: a mouse move re-renders only what shows it (see ../map/hover.ts).
  const [hover] = useState(() => new HoverStore());
  const [mapHandle, setMapHandle] = useState<MapHandle>();
  const [tab, setTab] = useState<'list' | 'views'>('list');
  const [present, setPresent] = useState<{ index: number } | undefined>();
  const saved = useSavedViews(manifest?.id);
  const [focus, setFocus] = useState<{ bounds: [[number, number], [number, number]]; seq: number }>();
  const [sort, setSort] = useState<SortState>({ column: 'rating_order', dir: 'desc' });
  const [flagsOf, setFlagsOf] = useState<{ structure: string; list: PriorityFlag[] }>();

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, 'appTitle');
  }, [lang]);

  const structure = view?.structure ?? '';
  const geo = useStructureGeometry(loaded, structure);
  // Side by side, both maps use the same classes: rating levels, or breaks pooled over all years.
  const numericMode = !!view && (view.mode === 'score' || view.mode.startsWith('ind:'));
  const colorView = useMemo(
    () => (view && view.split ? { ...view, mode: view.mode === 'change' ? ('rating' as const) : view.mode, lockBreaks: numericMode ? true : view.lockBreaks } : view),
    [view, numericMode],
  );
  const leftYear = view && manifest ? (view.compareYear ?? Math.max(Math.min(...manifest.years), view.year - 1)) : 0;
  const leftView = useMemo(() => (colorView && colorView.split ? { ...colorView, year: leftYear } : undefined), [colorView, leftYear]);
  // The worklist first: hooks' effects run in this order, and so their questions reach DuckDB's one worker.
  const wl = useWorklist(runner, manifest, view, sort);
  const { colors: dbColors, error: colorError } = useMapColors(runner, manifest, colorView);
  // Until DuckDB's colours come, paint the rating map of a year on its own structure straight from the bundle.
  const early = useMemo(() => (!dbColors && loaded && colorView ? firstPaint(loaded, colorView) : undefined), [dbColors, loaded, colorView]);
  // DuckDB's first answer usually equals that first paint: keep the colours already drawn, so no frame is redrawn for nothing.
  const colors = useMemo(() => keepEqualColors(dbColors ?? early), [dbColors, early]);
  const { colors: leftColors } = useMapColors(runner, manifest, leftView);

  useEffect(() => {
    if (!runner || !structure) return;
    let current = true;
    firstListShown.then(() => (current ? priorityFlags(runner, structure) : undefined)).then(
      (list) => current && list && setFlagsOf({ structure, list }),
      (e: unknown) => console.error(e),
    );
    return () => {
      current = false;
    };
  }, [runner, structure]);

  const flagsLoaded = flagsOf && flagsOf.structure === structure ? flagsOf.list : undefined;
  const flags = useMemo(() => flagsLoaded ?? [], [flagsLoaded]);
  const kindCounts = useMemo(() => {
    const m = new Map<string, Set<string>>();
    for (const f of flags) {
      if (!m.has(f.kind)) m.set(f.kind, new Set());
      m.get(f.kind)!.add(f.code);
    }
    return new Map([...m].map(([k, s]) => [k, s.size]));
  }, [flags]);

  // New data from an import: show all of it, whatever the camera was.
  const [fittedFor, setFittedFor] = useState<string>();
  if (geo && manifest && bundle.status === 'ready' && bundle.origin === 'imported' && fittedFor !== manifest.id) {
    setFittedFor(manifest.id);
    setFocus((prev) => ({ bounds: geo.bounds, seq: (prev?.seq ?? 0) + 1 }));
  }

  const featureByCode = useMemo(() => new Map(geo?.communes.map((f) => [f.properties.code, f]) ?? []), [geo]);

  const coloured = !!colors && !!view && colors.key.startsWith(`${view.structure}|${view.year}|`);
  const filter = useMemo(() => (view ? filterOf(view) : undefined), [view]);
  const fade = useFade({ filter, geo, ratingByCode: coloured ? colors!.ratingByCode : undefined, flags: flagsLoaded, dbMatches: wl.matches, dbKey: wl.key });
  const layers = useMapLayers({ geo, colors, matches: fade.matches, flags, overlays: view?.overlays ?? [], selected: view?.selected, featureByCode });
  const leftLayers = useMapLayers({ geo, colors: leftColors, flags, overlays: view?.overlays ?? [], selected: view?.selected, featureByCode });
  const hoverLayer = useHoverLayer(featureByCode);
  const weakOf = (c?: MapColors) => (c && manifest ? [...c.ratingByCode.values()].filter((r) => r && levelById(manifest.scale, r)?.weak).length : undefined);

  // What the layers show (colours key # filter of the fade), for the benchmark:
  // <html data-layers-key> when they are handed to deck.gl, data-rendered-key
  // and data-frame when a deck.gl frame has drawn them. The ref is set in a
  // passive effect, the same flush in which MapView's effect calls setProps, so
  // the next frame draws exactly the layers the key names.
  const layersKey = `${colors?.key ?? ''}#${fade.key ?? ''}`;
  const drawnKey = useRef('');
  useEffect(() => {
    drawnKey.current = layersKey;
    markState('layersKey', layersKey);
  }, [layers, layersKey]);
  // The worklist's filter once its rows are committed to the DOM (data-worklist-key is set when the query answers).
  useEffect(() => {
    if (wl.key !== undefined) markState('tableKey', wl.key);
    if (wl.key !== undefined || wl.error) markFirstListShown();
  }, [wl.key, wl.table, wl.error]);

  useEffect(() => {
    timeline.begin('first-coloured-map');
    timeline.begin('duckdb-coloured-map');
    timeline.begin('first-frame');
  }, []);
  /** Marks which colours the map on screen shows (tests, the benchmark and the slide exporter wait on it). */
  const markColoured = () => {
    if (!coloured || !view) return;
    if (document.documentElement.dataset.mapState !== 'coloured') {
      timeline.end('first-coloured-map');
      markState('mapState', 'coloured');
    }
    if (colors!.source === 'duckdb' && document.documentElement.dataset.mapSource !== 'duckdb') timeline.end('duckdb-coloured-map');
    markState('mapSource', colors!.source);
    document.documentElement.dataset.mapKey = colors!.key;
  };
  /** The colour array the last frame drew. */
  const drawnColors = useRef<MapColors['colorByCode']>(undefined);
  const onAfterRender = () => {
    frameCount += 1;
    if (frameCount === 1) timeline.end('first-frame');
    markState('frame', String(frameCount));
    markState('renderedKey', drawnKey.current);
    drawnColors.current = colors?.colorByCode;
    markColoured();
  };
  // New colours equal to those drawn (same array, see keepEqualColors) need no frame: what is on screen is their answer.
  useEffect(() => {
    if (colors && drawnColors.current === colors.colorByCode) markColoured();
  });

  useEffect(() => {
    probe.unitAt = (code) => {
      const f = featureByCode.get(code);
      if (!f || !probe.project) return undefined;
      const [lng, lat] = interiorPoint(f);
      return probe.project(lng, lat);
    };
  }, [featureByCode]);

  const select = (code: string | undefined, zoom: boolean) => {
    setView({ selected: code });
    const f = code ? featureByCode.get(code) : undefined;
    if (f && zoom) setFocus((prev) => ({ bounds: boundsOf([f]), seq: (prev?.seq ?? 0) + 1 }));
  };

  const pointIndex = useMemo(() => (geo ? buildPointIndex(geo.communes) : undefined), [geo]);
  const unitAtPointer = (p: MapPointer) => {
    const i = pointIndex ? pointIndex.query(p.lng, p.lat) : -1;
    return i >= 0 ? geo!.communes[i].properties.code : undefined;
  };
  const onPointerMove = (p: MapPointer | undefined) => {
    const code = p ? unitAtPointer(p) : undefined;
    if (mapHandle) mapHandle.map.getCanvas().style.cursor = code ? 'pointer' : '';
    hover.set((h) => (!code ? undefined : h && h.code === code && !h.fromList && Math.abs((h.x ?? 0) - p!.x) < 24 && Math.abs((h.y ?? 0) - p!.y) < 24 ? h : { code, x: p!.x, y: p!.y }));
  };
  const onMapError = (m: string) => {
    console.error(m);
    setMapError(m);
  };
  const onPointerClick = (p: MapPointer) => select(unitAtPointer(p), false);

  const failure = bundle.status === 'failed' ? bundle.message : undefined;
  const dbFailure = db.status === 'failed' ? db.message : undefined;
  const selInfo = view?.selected ? geo?.info.get(view.selected) : undefined;
  const provinces = useMemo(
    () => (geo ? geo.provinces.map((p) => ({ code: p.properties.code, name: shortProvinceName(geo.info.get(p.properties.code)?.name ?? p.properties.code) })).sort((a, b) => compareVi(a.name, b.name)) : []),
    [geo],
  );
  const patch = (p: Partial<ViewState>) => setView(p);

  /** Shows a saved view: its state, and a smooth camera move to its extent. */
  const applySaved = (v: SavedView) => {
    if (!bounds) return;
    const parsed = viewOf(v, bounds);
    setView(parsed.view);
    const c = parsed.view.camera;
    if (!mapHandle) return;
    if (v.extent) mapHandle.map.fitBounds([[v.extent[0], v.extent[1]], [v.extent[2], v.extent[3]]], { padding: 20, duration: 1500, essential: true });
    else if (c) mapHandle.map.flyTo({ center: [c.lng, c.lat], zoom: c.zoom, duration: 1500, essential: true });
  };
  const capture = (title: string, note: string) => {
    if (!view || !bounds) return;
    const c = mapHandle?.map.getCenter();
    const camera = c && mapHandle ? { lng: c.lng, lat: c.lat, zoom: mapHandle.map.getZoom() } : view.camera;
    const b = mapHandle?.map.getBounds();
    const extent: [number, number, number, number] | undefined = b ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] : undefined;
    saved.setViews((vs) => [...vs, captureView(newViewId(), { ...view, camera }, bounds, title, note, extent)]);
  };
  // The latest colours, for the slide exporter that waits for each slide's map.
  const colorsRef = useRef(colors);
  useEffect(() => {
    colorsRef.current = colors;
  });
  const [deckBusy, setDeckBusy] = useState<string>();
  /** Exports every saved view as a 1920×1080 PNG (titled with the view's name) in one .zip. */
  const exportDeck = async () => {
    if (!mapHandle || !bounds || !manifest) return;
    const images: { name: string; blob: Blob }[] = [];
    try {
      for (const [i, v] of saved.views.entries()) {
        setDeckBusy(`${i + 1} / ${saved.views.length}`);
        applySaved(v);
        const want = colorsKey(viewOf(v, bounds).view);
        const deadline = performance.now() + 120_000;
        // Wait for DuckDB's colours of this slide on screen and the camera at rest.
        while (!(colorsRef.current?.key === want && colorsRef.current.source === 'duckdb' && document.documentElement.dataset.mapKey === want && !mapHandle.map.isMoving())) {
          if (performance.now() > deadline) throw new Error(`slide ${i + 1} did not render`);
          await new Promise((r) => setTimeout(r, 150));
        }
        const c = colorsRef.current;
        const parsed = viewOf(v, bounds).view;
        const blob = await renderViewImage(
          mapHandle,
          { lang, manifest, filter: filterOf(parsed), legend: c, provinces: Object.fromEntries(provinces.map((p) => [p.code, p.name])), title: v.title },
          OUTPUT_SIZES.screen,
        );
        images.push({ name: `${v.title || `trang-${i + 1}`}.png`, blob });
      }
      download(await slidesToZip(images), lang === 'vi' ? 'trinh-chieu.zip' : 'slides.zip');
    } catch (e) {
      console.error(e);
    } finally {
      setDeckBusy(undefined);
    }
  };
  const startPresenting = (index: number) => {
    setPresent({ index });
    const v = saved.views[index];
    if (v) applySaved(v);
  };
  const step = (delta: number) => {
    if (!present || saved.views.length === 0) return;
    const index = Math.max(0, Math.min(saved.views.length - 1, present.index + delta));
    if (index === present.index) return;
    setPresent({ index });
    applySaved(saved.views[index]);
  };
  const keyHandler = useRef<(e: KeyboardEvent) => void>(() => undefined);
  useEffect(() => {
    keyHandler.current = (e: KeyboardEvent) => {
      if (!present) return;
      if (['ArrowRight', 'PageDown', ' '].includes(e.key)) step(1);
      else if (['ArrowLeft', 'PageUp'].includes(e.key)) step(-1);
      else if (e.key === 'Home') step(-saved.views.length);
      else if (e.key === 'End') step(saved.views.length);
      else if (e.key === 'Escape') setPresent(undefined);
      else return;
      e.preventDefault();
    };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keyHandler.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A protected folder shows nothing but the passphrase screen until it is unlocked.
  if (bundle.status === 'locked') return <PassphraseScreen lang={lang} onLang={setLang} unlock={bundle.unlock} />;

  return (
    <div className={present ? 'app present' : 'app'} data-presenting={present ? 'yes' : undefined}>
      <header className="topbar">
        <h1>{t(lang, 'appTitle')}</h1>
        {bundle.status === 'ready' && bundle.origin === 'imported' && (
          <span className="badge imported" data-testid="imported">
            {t(lang, 'importedBadge')}
          </span>
        )}
        {manifest?.illustrative && (
          <span className="badge illustrative" title={t(lang, 'illustrativeLong')} data-testid="illustrative">
            {t(lang, 'illustrative')}
          </span>
        )}
        <div className="controls">
          {manifest && view && <MapControls lang={lang} manifest={manifest} view={view} onChange={patch} />}
          {manifest && view && <ExportImageButtons lang={lang} manifest={manifest} view={view} colors={colors} handle={mapHandle} provinces={provinces} />}
          <button type="button" disabled={!runner} onClick={() => setShowImport(true)} data-testid="import-open">
            {t(lang, 'importOpen')}
          </button>
          <button type="button" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} data-testid="lang">
            {t(lang, 'switchLang')}
          </button>
          <button type="button" onClick={() => setShowDiag((v) => !v)} data-testid="diag-button">
            {t(lang, 'diagnostics')}
          </button>
        </div>
      </header>

      {kept && runner && (
        <div className="notice" role="status" data-testid="kept">
          {t(lang, 'keptFound', { date: new Date(kept.savedAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') })}
          <button
            type="button"
            onClick={() => {
              decodeBundle(kept.payload, 'IndexedDB')
                .then((b) => replaceBundle(b))
                .then(() => setKept(undefined))
                .catch((e: unknown) => console.error(e));
            }}
          >
            {t(lang, 'keptOpen')}
          </button>
          <button type="button" onClick={() => void forgetDataset().then(() => setKept(undefined))}>
            {t(lang, 'keptForget')}
          </button>
        </div>
      )}
      {problems.length > 0 && (
        <div className="notice" role="status" data-testid="link-problems">
          {t(lang, 'linkProblems', { list: problems.join('; ') })}
          <button type="button" onClick={dismissProblems}>{t(lang, 'dismiss')}</button>
        </div>
      )}

      <div className="workspace">
        <aside className="left">
          {manifest && view && (
            <FilterPanel lang={lang} scale={manifest.scale} view={view} provinces={provinces} kindCounts={kindCounts} matching={wl.count} onChange={patch} />
          )}
          <section className="status" aria-live="polite">
            <p data-testid="db-status" data-state={db.status}>
              {db.status === 'ready' ? `${t(lang, 'dbReady')} (${db.version})` : db.status === 'failed' ? t(lang, 'dbFailed') : t(lang, 'dbBooting')}
            </p>
            {dbFailure && <ErrorBox title={t(lang, 'dbFailed')} message={dbFailure} />}
            {(colorError || wl.error) && <p className="error-text">{colorError ?? wl.error}</p>}
            {colors && colors.source === 'duckdb' && view && (
              <p data-testid="weak-count">
                {t(lang, 'weakCount', {
                  year: view.year,
                  count: formatNumber(lang, weakOf(colors) ?? 0),
                  total: formatNumber(lang, colors.ratingByCode.size),
                })}
              </p>
            )}
          </section>
          {view && <OverlayToggles lang={lang} overlays={view.overlays} counts={kindCounts} onChange={(overlays) => setView({ overlays })} />}
          {manifest && view && runner && <ChartsPanel lang={lang} db={runner} manifest={manifest} view={view} onChange={patch} />}
        </aside>

        <main className="stage">
          {failure ? (
            <ErrorBox title={t(lang, 'errorTitle')} message={failure} />
          ) : !webgl ? (
            <ErrorBox title={t(lang, 'errorTitle')} message={{ vi: t('vi', 'errorNoWebgl'), en: t('en', 'errorNoWebgl') }} />
          ) : geo && view && view.split ? (
            <CompareMap
              lang={lang}
              left={{ year: leftYear, layers: leftLayers, weak: weakOf(leftColors) }}
              right={{ year: view.year, layers, weak: weakOf(colors) }}
              bounds={geo.bounds}
              camera={view.camera}
              ariaLabel={t(lang, 'mapAria')}
              weakLabel={t(lang, 'weakShort')}
              onPointerMove={onPointerMove}
              onPointerClick={onPointerClick}
              onError={onMapError}
              onAfterRender={onAfterRender}
              onReady={setMapHandle}
              hover={hover}
              hoverLayer={hoverLayer}
            />
          ) : geo && view ? (
            <MapView
              layers={layers}
              bounds={geo.bounds}
              camera={view.camera}
              focus={focus}
              padding={PANEL_PADDING}
              ariaLabel={t(lang, 'mapAria')}
              onPointerMove={onPointerMove}
              onPointerClick={onPointerClick}
              onMoveEnd={(camera) => setView({ camera })}
              onError={onMapError}
              onAfterRender={onAfterRender}
              onReady={setMapHandle}
              hover={hover}
              hoverLayer={hoverLayer}
            />
          ) : (
            <p className="loading">{t(lang, 'loadingData')}</p>
          )}
          {mapError && <ErrorBox title={t(lang, 'errorTitle')} message={{ vi: t('vi', 'errorMap', { reason: mapError }), en: t('en', 'errorMap', { reason: mapError }) }} />}
          {geo && manifest && <HoverTooltip lang={lang} hover={hover} info={geo.info} scale={manifest.scale} ratingByCode={colors?.ratingByCode} />}
          {present && manifest && view && (
            <SlideOverlay
              lang={lang}
              manifest={manifest}
              view={view}
              slide={saved.views[present.index]}
              index={present.index}
              count={saved.views.length}
              provinces={provinces}
              onStep={step}
              onExit={() => setPresent(undefined)}
            />
          )}
          <div className="map-legend">{colors && colors.source === 'duckdb' && <Legend lang={lang} title={colors.title} entries={colors.entries} noData={colors.noData} />}</div>
        </main>

        <aside className="right">
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'list'} onClick={() => setTab('list')} data-testid="tab-list">
              {t(lang, 'tabList')}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'views'} onClick={() => setTab('views')} data-testid="tab-views">
              {t(lang, 'tabViews')} {saved.views.length > 0 && `(${saved.views.length})`}
            </button>
          </div>
          {tab === 'views' && manifest && bounds && view && (
            <SavedViewsPanel
              lang={lang}
              views={saved.views}
              bundleId={manifest.id}
              current={viewToHash(view, bounds)}
              onChange={saved.setViews}
              onCapture={capture}
              onApply={applySaved}
              onPresent={startPresenting}
              onExportDeck={mapHandle ? () => void exportDeck() : undefined}
              deckBusy={deckBusy}
              storageError={saved.storageError}
            />
          )}
          {tab === 'list' && manifest && view && (
            <>
              <div className="worklist-head">
                <h2>{t(lang, 'worklist')}</h2>
                <ExportButtons lang={lang} manifest={manifest} view={view} table={wl.exact ? wl.table : undefined} provinces={provinces} />
              </div>
              <Worklist
                lang={lang}
                scale={manifest.scale}
                table={wl.table}
                rows={wl.rows}
                codes={wl.codes ?? NO_CODES}
                sort={sort}
                onSort={setSort}
                selected={view.selected}
                hover={hover}
                onSelect={select}
                onHover={(code) => hover.set(code ? { code, fromList: true } : undefined)}
              />
              {wl.count === 0 && <p className="muted">{t(lang, 'noMatch')}</p>}
            </>
          )}
          {tab === 'list' && manifest && view && selInfo && (
            <CommuneDetail
              lang={lang}
              db={runner}
              manifest={manifest}
              structure={view.structure}
              year={view.year}
              info={selInfo}
              flags={flags}
              onClose={() => select(undefined, false)}
              onZoom={() => select(selInfo.code, true)}
            />
          )}
        </aside>
      </div>

      <footer className="sourceline">
        {manifest && (
          <span>
            {t(lang, 'source')}: {manifest.source[lang]} · {t(lang, 'dataDate')} {formatDate(lang, manifest.dataDate)}
          </span>
        )}
      </footer>
      {showDiag && <Diagnostics lang={lang} onClose={() => setShowDiag(false)} />}
      {showImport && <ImportDialog lang={lang} current={loaded} replaceBundle={replaceBundle} onClose={() => setShowImport(false)} />}
    </div>
  );
}

const pointCache = new WeakMap<UnitFeature, [number, number]>();
/** A point guaranteed inside the unit, for the test probe (a centroid can fall outside a concave unit). */
function interiorPoint(f: UnitFeature): [number, number] {
  let p = pointCache.get(f);
  if (!p) {
    p = interiorPointOf(f);
    pointCache.set(f, p);
  }
  return p;
}

function interiorPointOf(f: UnitFeature): [number, number] {
  const c = pointOnFeature(f).geometry.coordinates;
  return [c[0], c[1]];
}
