/**
 * The atlas page: a top bar (structure, year, colour mode, language), the
 * planner's filters and charts on the left, the map in the middle, the worklist
 * and a commune's detail on the right. The whole view lives in the URL hash
 * (useViewState); every number shown is answered by DuckDB.
 *
 * This component only lays the page out; each job is a named hook:
 * useViewColors (colours), useWorklist, usePriorityFlags, useFade and
 * useMapLayers (what the map draws), useMapPointer (hover and click),
 * useCameraFocus (zoom to a commune, fit imported data), useRenderProbes
 * (what tests and the benchmark read), useKeptDataset, useSavedViews,
 * useSavedViewCamera, usePresentation and useSlideExport (the briefing).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LoadedBundle } from '../../io/bundle.ts';
import { boundsOf } from '../../map/boundaries.ts';
import { weakCount, type MapColors } from '../../map/colors.ts';
import { needsInset, sovereigntyLabels } from '../../map/sovereignty.ts';
import { isUnfiltered } from '../../model/filters.ts';
import { compareVi, formatDate, t, type Lang } from '../../model/i18n.ts';
import { kindDef, kindsWithFlags, priorityKindsOf } from '../../model/priority.ts';
import { viewToHash, type ViewBounds, type ViewState } from '../../model/view-state.ts';
import { SavedViewsPanel } from '../briefing/SavedViewsPanel.tsx';
import { SlideOverlay } from '../briefing/SlideOverlay.tsx';
import { usePresentation } from '../briefing/usePresentation.ts';
import { useSavedViewCamera } from '../briefing/useSavedViewCamera.ts';
import { useSavedViews } from '../briefing/useSavedViews.ts';
import { usePrintFit } from '../briefing/usePrintFit.ts';
import { useSlideExport } from '../briefing/useSlideExport.ts';
import { ImportDialog } from '../import/ImportDialog.tsx';
import { KeptDatasetNotice } from '../import/KeptDatasetNotice.tsx';
import { useKeptDataset } from '../import/useKeptDataset.ts';
import { CompareMap, type CompareHandles } from '../map/CompareMap.tsx';
import { HoverTooltip } from '../map/HoverTooltip.tsx';
import { Inset, NorthArrow } from '../map/Inset.tsx';
import { Legend } from '../map/Legend.tsx';
import { MapErrorBoundary, MapFailure } from '../map/MapFailure.tsx';
import { hasWebGL2, MapView, type MapHandle } from '../map/MapView.tsx';
import { OverlayToggles } from '../map/OverlayToggles.tsx';
import { useStructureGeometry } from '../map/useAtlasGeometry.ts';
import { shortProvinceName } from '../../model/provinces.ts';
import { useCameraFocus } from '../map/useCameraFocus.ts';
import { useFade } from '../map/useFade.ts';
import { useViewColors } from '../map/useMapColors.ts';
import { useHoverLayer, useMapLayers } from '../map/useMapLayers.ts';
import { useMapPointer } from '../map/useMapPointer.ts';
import { useLabelPlacement } from '../map/useLabelPlacement.ts';
import { useLegendRows } from '../map/useLegendRows.ts';
import { ChartsPanel } from '../planner/ChartsPanel.tsx';
import { useWeakByYear } from '../planner/useWeakByYear.ts';
import { CommuneDetail } from '../planner/CommuneDetail.tsx';
import { ExportButtons } from '../planner/ExportButtons.tsx';
import { FilterPanel } from '../planner/FilterPanel.tsx';
import { usePriorityFlags } from '../planner/usePriorityFlags.ts';
import { filterOf, useWorklist } from '../planner/useWorklist.ts';
import { KindKey, Worklist, type SortState } from '../planner/Worklist.tsx';
import { ProvinceRanking } from '../planner/ProvinceRanking.tsx';
import { PassphraseScreen } from '../protect/PassphraseScreen.tsx';
import { ReportView } from '../report/ReportView.tsx';
import { useData } from './DataProvider.tsx';
import { Diagnostics } from './Diagnostics.tsx';
import { markFirstMapShown } from './startup.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { StatusPanel } from './StatusPanel.tsx';
import { TopBar } from './TopBar.tsx';
import { usePanels } from './usePanels.ts';
import { useRenderProbes } from './useRenderProbes.ts';
import { useViewState } from './useViewState.ts';

function urlLang(): Lang {
  return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'vi';
}

const NO_CODES: string[] = [];
const PANEL_PADDING = { top: 30, right: 30, bottom: 30, left: 30 };

/** The live maps: `main` shows the view's year; `left` is the other year's map while comparing. */
export interface MapHandles {
  main?: MapHandle;
  left?: MapHandle;
}

export function App() {
  const data = useData();
  const { bundle, db } = data;
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
  const [fallbackLang, setFallbackLang] = useState<Lang>(urlLang);
  const { view, setView, problems, dismissProblems } = useViewState(bounds, { lang: fallbackLang });
  const lang = view?.lang ?? fallbackLang;
  const setLang = (l: Lang) => (view ? setView({ lang: l }) : setFallbackLang(l));

  const [showDiag, setShowDiag] = useState(() => new URLSearchParams(location.search).has('diag'));
  const [showImport, setShowImport] = useState(false);
  const [mapError, setMapError] = useState<string | undefined>();
  // A new epoch makes the map (or the two maps) again: the "Tải lại bản đồ" button.
  const [mapEpoch, setMapEpoch] = useState(0);
  const [webgl] = useState(hasWebGL2);
  const [maps, setMaps] = useState<MapHandles>({});
  const mapHandle = maps.main;
  const onSingleReady = useCallback((main: MapHandle) => setMaps({ main }), []);
  const onCompareReady = useCallback((h: CompareHandles) => setMaps(h), []);
  const [tab, setTab] = useState<'list' | 'provinces' | 'views'>('list');
  const saved = useSavedViews(manifest?.id);
  const [sort, setSort] = useState<SortState>({ column: 'rating_order', dir: 'desc' });

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, 'appTitle');
  }, [lang]);

  const structure = view?.structure ?? '';
  const geo = useStructureGeometry(loaded, structure);
  // The worklist first: hooks' effects run in this order, and so their questions reach DuckDB's one worker.
  const wl = useWorklist(runner, manifest, view, sort);
  const { colors, leftColors, leftYear, error: colorError } = useViewColors(runner, loaded, view);
  const { flags, loaded: flagsLoaded, kindCounts } = usePriorityFlags(runner, structure);
  // Priority kinds are data: the manifest's, and any its flags have that it forgot.
  const kinds = useMemo(() => (manifest ? kindsWithFlags(priorityKindsOf(manifest), kindCounts.keys()) : []), [manifest, kindCounts]);
  const overlayLegend = useMemo(
    () => (view?.overlays ?? []).filter((id) => kinds.some((k) => k.id === id)).map((id) => ({ id, label: kindDef(kinds, id).label[lang], color: kindDef(kinds, id).color, count: kindCounts.get(id) ?? 0 })),
    [view?.overlays, kinds, kindCounts, lang],
  );
  // Real weak counts per year (shared with the charts): shown beside an estimated map's count.
  const realCounts = useWeakByYear(runner, manifest, structure || undefined);

  const { focus, focusOn, fitImported } = useCameraFocus(geo?.bounds);
  // Data the user imports (or a kept dataset) is shown whole, whatever the camera was.
  const replaceBundle = async (next: LoadedBundle) => {
    await data.replaceBundle(next);
    fitImported(next.manifest.id);
  };
  const kept = useKeptDataset(replaceBundle);

  const featureByCode = useMemo(() => new Map(geo?.communes.map((f) => [f.properties.code, f]) ?? []), [geo]);
  const coloured = !!colors && !!view && colors.key.startsWith(`${view.structure}|${view.year}|`);
  const filter = useMemo(() => (view ? filterOf(view) : undefined), [view]);
  const filtered = !!filter && !isUnfiltered(filter);
  const fade = useFade({ filter, geo, ratingByCode: coloured ? colors!.ratingByCode : undefined, flags: flagsLoaded, dbMatches: wl.matches, dbKey: wl.key });
  const place = useLabelPlacement();
  const focal = view?.provinces ?? NO_CODES;
  const common = { geo, flags, kinds, overlays: view?.overlays ?? [], selected: view?.selected, featureByCode, lang, labelZoom: place.zoom, labelSize: place.size, focal };
  const main = useMapLayers({ ...common, colors, matches: fade.matches, filtered });
  const left = useMapLayers({ ...common, colors: leftColors });
  const layers = main.layers;
  const hoverLayer = useHoverLayer(featureByCode);
  const weakOf = (c?: MapColors) => (c && manifest ? weakCount(c, manifest.scale) : undefined);
  const onAfterRender = useRenderProbes({ colors, coloured, layers, layersKey: `${colors?.key ?? ''}#${fade.key ?? ''}`, worklist: wl, featureByCode, labels: main.labels, labelZoom: place.zoom, labelSize: place.size });
  const legendRows = useLegendRows(colors, geo, fade.matches, filtered, view?.mode === 'rating', lang);
  // The archipelagos' inset, when a national frame leaves them out (never in a province view).
  const insetLabels = useMemo(() => (geo ? sovereigntyLabels(lang, geo.archipelagos, 14) : []), [geo, lang]);
  const showInset = !!geo && !!place.frame && needsInset(place.frame, geo.archipelagos);
  const panels = usePanels(view, setView);
  usePrintFit();

  const select = (code: string | undefined, zoom: boolean) => {
    setView({ selected: code });
    const f = code ? featureByCode.get(code) : undefined;
    if (f && zoom) focusOn(boundsOf([f]));
  };
  const { hover, onPointerMove, onPointerClick } = useMapPointer(geo, mapHandle, (code) => select(code, false));
  const onMapError = useCallback((m: string) => {
    console.error(m);
    markFirstMapShown();
    setMapError(m);
  }, []);
  const reloadMap = () => {
    setMapError(undefined);
    setMaps({});
    setMapEpoch((e) => e + 1);
  };

  /** "Phóng tới kết quả": the map moves to the communes the filter keeps. */
  const fitResults = () => {
    const fs = [...(fade.matches ?? [])].map((c) => featureByCode.get(c)).filter((f) => !!f);
    if (fs.length > 0) focusOn(boundsOf(fs));
  };
  // No map will be drawn: DuckDB need not wait for one (see firstMapShown).
  useEffect(() => {
    if (!webgl) markFirstMapShown();
  }, [webgl]);

  const failure = bundle.status === 'failed' ? bundle.message : undefined;
  const selInfo = view?.selected ? geo?.info.get(view.selected) : undefined;
  const provinces = useMemo(
    () => (geo ? geo.provinces.map((p) => ({ code: p.properties.code, name: shortProvinceName(geo.info.get(p.properties.code)?.name ?? p.properties.code) })).sort((a, b) => compareVi(a.name, b.name)) : []),
    [geo],
  );
  /** A change made with the filters or charts; picking provinces there zooms to them (a link or a slide keeps its own camera). */
  const patch = (p: Partial<ViewState>) => {
    setView(p);
    if (!geo || !p.provinces || p.provinces.length === 0) return;
    const chosen = new Set(p.provinces);
    const fs = geo.provinces.filter((f) => chosen.has(f.properties.code));
    if (fs.length > 0) focusOn(boundsOf(fs));
  };

  const { applySaved, capture } = useSavedViewCamera({ bounds, view, setView, maps, setViews: saved.setViews });
  const presentation = usePresentation(saved.views, (v) => void applySaved(v, { fly: true }));
  const present = presentation.present;
  const slides = useSlideExport({
    lang,
    manifest,
    bounds,
    maps,
    views: saved.views,
    applySaved,
    state: { colors, leftColors, legendRows, fadeKey: fade.key, leftYear, archipelagos: geo?.archipelagos ?? [] },
    provinces,
  });

  // A protected folder shows nothing but the passphrase screen until it is unlocked.
  if (bundle.status === 'locked') return <PassphraseScreen lang={lang} onLang={setLang} unlock={bundle.unlock} />;

  return (
    <div className={`app${present ? ' present' : ''}${panels.open ? '' : ' panels-closed'}`} data-presenting={present ? 'yes' : undefined} data-panels={panels.open ? 'open' : 'closed'}>
      <a
        className="skip-link"
        href="#worklist"
        onClick={(e) => {
          e.preventDefault();
          if (!panels.open) panels.show();
          setTab('list');
          // The list is in the DOM once the panels are shown: focus it on the next frame.
          requestAnimationFrame(() => document.getElementById('worklist')?.focus());
        }}
        data-testid="skip-worklist"
      >
        {t(lang, 'skipToWorklist')}
      </a>
      <TopBar
        lang={lang}
        manifest={manifest}
        view={view}
        imported={bundle.status === 'ready' && bundle.origin === 'imported'}
        colors={colors}
        maps={maps}
        exportState={{ legendRows, leftColors, leftYear, archipelagos: geo?.archipelagos ?? [] }}
        provinces={provinces}
        panelsOpen={panels.open}
        onPanels={panels.toggle}
        canImport={!!runner}
        onChange={patch}
        onImport={() => setShowImport(true)}
        onLang={setLang}
        onDiagnostics={() => setShowDiag((v) => !v)}
        onReport={() => setView({ report: view && view.provinces.length === 1 ? view.provinces[0] : 'national' })}
      />

      {runner && <KeptDatasetNotice lang={lang} state={kept} />}
      {problems.length > 0 && (
        <div className="notice" role="status" data-testid="link-problems">
          {t(lang, 'linkProblems', { list: problems.join('; ') })}
          <button type="button" onClick={dismissProblems}>{t(lang, 'dismiss')}</button>
        </div>
      )}

      <div className="workspace">
        <aside className="left">
          {manifest && view && (
            <FilterPanel lang={lang} scale={manifest.scale} view={view} provinces={provinces} kinds={kinds} kindCounts={kindCounts} matching={wl.count} onChange={patch} />
          )}
          <StatusPanel lang={lang} db={db} error={colorError ?? wl.error} year={view?.year} colors={colors} weak={weakOf(colors)} real={realCounts?.find((r) => r.year === view?.year)} />
          {view && <OverlayToggles lang={lang} kinds={kinds} overlays={view.overlays} counts={kindCounts} onChange={(overlays) => setView({ overlays })} />}
          {manifest && view && runner && <ChartsPanel lang={lang} db={runner} manifest={manifest} kinds={kinds} view={view} onChange={patch} />}
        </aside>

        <main className="stage">
          {failure ? (
            <ErrorBox title={t(lang, 'errorTitle')} message={failure} />
          ) : !webgl ? (
            <ErrorBox title={t(lang, 'errorTitle')} message={{ vi: t('vi', 'errorNoWebgl'), en: t('en', 'errorNoWebgl') }} />
          ) : geo && view && view.split ? (
            <MapErrorBoundary lang={lang} onReload={reloadMap} key={`split-${mapEpoch}`}>
              <CompareMap
                lang={lang}
                left={{ year: leftYear, layers: left.layers, layersAt: left.at, weak: weakOf(leftColors), estimated: leftColors?.estimated }}
                right={{ year: view.year, layers, layersAt: main.at, weak: weakOf(colors), estimated: colors?.estimated }}
                bounds={geo.frame}
                camera={view.camera}
                focus={focus}
                ariaLabel={t(lang, 'mapAria')}
                weakLabel={t(lang, 'weakShort')}
                onPointerMove={onPointerMove}
                onPointerClick={onPointerClick}
                onError={onMapError}
                onAfterRender={onAfterRender}
                onReady={onCompareReady}
                onMoveEnd={(camera) => setView({ camera })}
                onZoom={place.onZoom}
                onFrame={place.onFrame}
                hover={hover}
                hoverLayer={hoverLayer}
              />
            </MapErrorBoundary>
          ) : geo && view ? (
            <MapErrorBoundary lang={lang} onReload={reloadMap} key={`single-${mapEpoch}`}>
              <MapView
                lang={lang}
                layers={layers}
                layersAt={main.at}
                bounds={geo.frame}
                camera={view.camera}
                focus={focus}
                padding={PANEL_PADDING}
                ariaLabel={t(lang, 'mapAria')}
                onPointerMove={onPointerMove}
                onPointerClick={onPointerClick}
                onMoveEnd={(camera) => setView({ camera })}
                onZoom={place.onZoom}
                onFrame={place.onFrame}
                onError={onMapError}
                onAfterRender={onAfterRender}
                onReady={onSingleReady}
                hover={hover}
                hoverLayer={hoverLayer}
              />
            </MapErrorBoundary>
          ) : (
            <p className="loading">{t(lang, 'loadingData')}</p>
          )}
          {mapError && <MapFailure lang={lang} reason={mapError} onReload={reloadMap} />}
          {geo && manifest && <HoverTooltip lang={lang} hover={hover} info={geo.info} scale={manifest.scale} ratingByCode={colors?.ratingByCode} />}
          {geo && view && !present && filtered && !!fade.matches && fade.matches.size > 0 && (
            <div className="map-actions">
              <button type="button" onClick={fitResults} title={t(lang, 'fitResultsHint')} data-testid="fit-results">
                {t(lang, 'fitResults')}
              </button>
            </div>
          )}
          {present && manifest && view && (
            <SlideOverlay
              lang={lang}
              manifest={manifest}
              view={view}
              slide={saved.views[present.index]}
              index={present.index}
              count={saved.views.length}
              provinces={provinces}
              onStep={presentation.step}
              onExit={presentation.exit}
            />
          )}
          {geo && view && <NorthArrow lang={lang} />}
          <div className="map-legend">
            {showInset && <Inset lang={lang} shapes={geo.archipelagos} labels={insetLabels} />}
            {colors && colors.source === 'duckdb' && <Legend lang={lang} title={colors.title} rows={legendRows} overlays={overlayLegend} />}
          </div>
        </main>

        <aside className="right">
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'list'} onClick={() => setTab('list')} data-testid="tab-list">
              {t(lang, 'tabList')}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'provinces'} onClick={() => setTab('provinces')} data-testid="tab-provinces">
              {t(lang, 'tabProvinces')}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'views'} onClick={() => setTab('views')} data-testid="tab-views">
              {t(lang, 'tabViews')} {saved.views.length > 0 && `(${saved.views.length})`}
            </button>
          </div>
          {tab === 'provinces' && manifest && view && runner && <ProvinceRanking lang={lang} db={runner} manifest={manifest} view={view} onReport={(code) => setView({ report: code })} />}
          {tab === 'views' && manifest && bounds && view && (
            <SavedViewsPanel
              lang={lang}
              views={saved.views}
              bundleId={manifest.id}
              current={viewToHash(view, bounds)}
              onChange={saved.setViews}
              onCapture={capture}
              onApply={applySaved}
              onPresent={presentation.start}
              onExportSlides={slides.exportSlides}
              slidesBusy={slides.busy}
              slidesError={slides.error}
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
                kinds={kinds}
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
              <KindKey lang={lang} kinds={kinds} />
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
              kinds={kinds}
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
      {view?.report && loaded && <ReportView lang={lang} bundle={loaded} db={runner} view={view} provinces={provinces} onChange={patch} />}
      {showDiag && <Diagnostics lang={lang} onClose={() => setShowDiag(false)} />}
      {showImport && <ImportDialog lang={lang} current={loaded} replaceBundle={replaceBundle} onClose={() => setShowImport(false)} />}
    </div>
  );
}
