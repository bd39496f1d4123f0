/**
 * The atlas page: a top bar (structure, year, colour mode, language), the
 * planner's filters and charts on the left, the map in the middle, the worklist
 * and a commune's detail on the right. The whole view lives in the URL hash
 * (useViewState); every number shown is answered by DuckDB.
 *
 * This component only lays the page out; each job is a named hook or part:
 * useAtlasView (view, bounds, language), useMapLifecycle (the live maps, their
 * failure and reload), useViewColors (colours), useWorklist, usePriorityFlags
 * (flags and kinds), useMapScene (what the map draws: fade, layers, legend
 * rows), useMapPointer (hover and click), useCameraFocus and useFocusActions
 * (zoom to a commune, to chosen provinces, to the results; fit imported data),
 * useRenderProbes (what tests and the benchmark read), usePanels (panels shown
 * or folded, the right panel's tab), useKeptDataset, useSavedViews,
 * useSavedViewCamera, usePresentation and useSlideExport (the briefing);
 * AtlasMap, MapLegendBox and RightPanel draw the stage's map, its corner and
 * the right panel.
 */
import { allProvincesLabel } from '../../model/filters.ts';
import { useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LoadedBundle } from '../../io/bundle.ts';
import { weakCount, type MapColors } from '../../map/colors.ts';
import { formatDate, t } from '../../model/i18n.ts';
import { SlideOverlay } from '../briefing/SlideOverlay.tsx';
import { usePresentation } from '../briefing/usePresentation.ts';
import { usePrintFit } from '../briefing/usePrintFit.ts';
import { useSavedViewCamera } from '../briefing/useSavedViewCamera.ts';
import { useSavedViews } from '../briefing/useSavedViews.ts';
import { useSlideExport } from '../briefing/useSlideExport.ts';
import { ImportDialog } from '../import/ImportDialog.tsx';
import { KeptDatasetNotice } from '../import/KeptDatasetNotice.tsx';
import { useKeptDataset } from '../import/useKeptDataset.ts';
import { AtlasMap } from '../map/AtlasMap.tsx';
import { HoverTooltip } from '../map/HoverTooltip.tsx';
import { NorthArrow } from '../map/Inset.tsx';
import { MapLegendBox } from '../map/MapLegendBox.tsx';
import { OverlayToggles } from '../map/OverlayToggles.tsx';
import { useStructureGeometry } from '../map/useAtlasGeometry.ts';
import { useCameraFocus } from '../map/useCameraFocus.ts';
import { useFocusActions } from '../map/useFocusActions.ts';
import { useViewColors } from '../map/useMapColors.ts';
import { useMapLifecycle } from '../map/useMapLifecycle.ts';
import { useMapPointer } from '../map/useMapPointer.ts';
import { useMapScene } from '../map/useMapScene.ts';
import { ChartsPanel } from '../planner/ChartsPanel.tsx';
import { FilterPanel } from '../planner/FilterPanel.tsx';
import { usePriorityFlags } from '../planner/usePriorityFlags.ts';
import { useProvinceList } from '../planner/useProvinceList.ts';
import { useWeakByYear } from '../planner/useWeakByYear.ts';
import { useWorklist } from '../planner/useWorklist.ts';
import type { SortState } from '../planner/Worklist.tsx';
import { PassphraseScreen } from '../protect/PassphraseScreen.tsx';
import { ReportView } from '../report/ReportView.tsx';
import { useData } from './DataProvider.tsx';
import { Diagnostics } from './Diagnostics.tsx';
import { RightPanel, SkipToWorklist } from './RightPanel.tsx';
import { StatusPanel } from './StatusPanel.tsx';
import { TopBar } from './TopBar.tsx';
import { useAtlasView } from './useAtlasView.ts';
import { usePanels } from './usePanels.ts';
import { useRenderProbes } from './useRenderProbes.ts';

const NO_CODES: string[] = [];

export function App() {
  const data = useData();
  const { bundle, db } = data;
  const loaded = bundle.status === 'ready' ? bundle.bundle : undefined;
  const manifest = loaded?.manifest;
  const runner = db.status === 'ready' ? db.db : undefined;

  const { bounds, view, setView, problems, dismissProblems, lang, setLang } = useAtlasView(manifest);
  const [showDiag, setShowDiag] = useState(() => new URLSearchParams(location.search).has('diag'));
  const [showImport, setShowImport] = useState(false);
  const life = useMapLifecycle();
  const maps = life.maps;
  const saved = useSavedViews(manifest?.id);
  const [sort, setSort] = useState<SortState>({ column: 'rating_order', dir: 'desc' });

  const structure = view?.structure ?? '';
  const geo = useStructureGeometry(loaded, structure);
  // The worklist first: hooks' effects run in this order, and so their questions reach DuckDB's one worker.
  const wl = useWorklist(runner, manifest, view, sort);
  const { colors, leftColors, leftYear, error: colorError } = useViewColors(runner, loaded, view);
  const { flags, loaded: flagsLoaded, kindCounts, kinds, error: flagsError } = usePriorityFlags(runner, manifest, structure);
  // Real weak counts per year (shared with the charts): shown beside an estimated map's count.
  const { years: realCounts, error: realError } = useWeakByYear(runner, manifest, structure || undefined);

  const { focus, focusOn, fitImported } = useCameraFocus(geo?.bounds);
  // Data the user imports (or a kept dataset) is shown whole, whatever the camera was.
  const replaceBundle = async (next: LoadedBundle) => {
    await data.replaceBundle(next);
    fitImported(next.manifest.id);
  };
  const kept = useKeptDataset(replaceBundle);

  const scene = useMapScene({ geo, view, lang, colors, leftColors, flags, flagsLoaded, kinds, worklist: wl });
  const { featureByCode, coloured, filtered, fade, place, main, left, hoverLayer, legendRows } = scene;
  const weakOf = (c?: MapColors) => (c && manifest ? weakCount(c, manifest.scale) : undefined);
  // Counted once per colours: the status line and the map's caption both show it.
  const weak = useMemo(() => (colors && manifest ? weakCount(colors, manifest.scale) : undefined), [colors, manifest]);
  const onAfterRender = useRenderProbes({ colors, coloured, layers: main.layers, layersKey: `${colors?.key ?? ''}#${fade.key ?? ''}`, worklist: wl, featureByCode, labels: main.labels, labelZoom: place.zoom, labelSize: place.size });
  const panels = usePanels(view, setView);
  usePrintFit();

  const { select, patch, fitResults } = useFocusActions({ geo, featureByCode, setView, focusOn, matches: fade.matches });
  // The charts follow a change of the view in React's next render, not in the input's task (a year
  // switch's task draws the map, the controls and the status line): their view is deferred and,
  // as they are memoised, their `onChange` keeps its identity.
  const chartView = useDeferredValue(view);
  const latestPatch = useRef(patch);
  useLayoutEffect(() => {
    latestPatch.current = patch;
  });
  const chartPatch = useCallback((p: Parameters<typeof patch>[0]) => latestPatch.current(p), []);
  const pointer = useMapPointer(geo, maps.main, (code) => select(code, false));
  const hover = pointer.hover;

  const failure = bundle.status === 'failed' ? bundle.message : undefined;
  const selInfo = view?.selected ? geo?.info.get(view.selected) : undefined;
  const provinces = useProvinceList(geo);
  const wholeLabel = useMemo(() => allProvincesLabel(lang, provinces.map((p) => p.code)), [lang, provinces]);

  const camera = useSavedViewCamera({ bounds, view, setView, maps, setViews: saved.setViews });
  const presentation = usePresentation(saved.views, (v) => void camera.applySaved(v, { fly: true }));
  const present = presentation.present;
  const slides = useSlideExport({
    lang,
    manifest,
    bounds,
    maps,
    views: saved.views,
    applySaved: camera.applySaved,
    state: { colors, leftColors, legendRows, fadeKey: fade.key, leftYear, archipelagos: geo?.archipelagos ?? [] },
    provinces,
  });

  // A protected folder shows nothing but the passphrase screen until it is unlocked.
  if (bundle.status === 'locked') return <PassphraseScreen lang={lang} onLang={setLang} unlock={bundle.unlock} />;

  return (
    <div className={`app${present ? ' present' : ''}${panels.open ? '' : ' panels-closed'}`} data-presenting={present ? 'yes' : undefined} data-panels={panels.open ? 'open' : 'closed'}>
      <SkipToWorklist lang={lang} onSkip={panels.showWorklist} />
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
        // A province chosen, or the data's only province: its report, not a "national" one of one province.
        onReport={() => setView({ report: view && view.provinces.length === 1 ? view.provinces[0] : provinces.length === 1 ? provinces[0].code : 'national' })}
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
          <StatusPanel lang={lang} db={db} error={colorError ?? wl.error ?? (flagsError && t(lang, 'flagsFailed', { reason: flagsError })) ?? (realError && t(lang, 'chartsFailed', { reason: realError }))} year={view?.year} colors={colors} weak={weak} real={realCounts?.find((r) => r.year === view?.year)} />
          {view && <OverlayToggles lang={lang} kinds={kinds} overlays={view.overlays} counts={kindCounts} onChange={(overlays) => setView({ overlays })} />}
          {manifest && chartView && runner && <ChartsPanel lang={lang} db={runner} manifest={manifest} kinds={kinds} view={chartView} wholeLabel={wholeLabel} onChange={chartPatch} />}
        </aside>

        <main className="stage">
          <AtlasMap
            lang={lang}
            failure={failure}
            life={life}
            geo={geo}
            view={view}
            main={{ year: view?.year ?? 0, layers: main, weak, estimated: colors?.estimated, colorsKey: colors?.key }}
            left={{ year: leftYear, layers: left, weak: weakOf(leftColors), estimated: leftColors?.estimated, colorsKey: leftColors?.key }}
            focus={focus}
            pointer={pointer}
            hoverLayer={hoverLayer}
            place={place}
            onAfterRender={onAfterRender}
            onCamera={(camera) => setView({ camera })}
          />
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
          <MapLegendBox lang={lang} geo={geo} frame={place.frame} labelSize={place.size} colors={colors} rows={legendRows} overlays={view?.overlays ?? NO_CODES} kinds={kinds} kindCounts={kindCounts} />
        </main>

        <RightPanel
          {...{ lang, manifest, bounds, view, provinces, kinds, sort, hover, saved, camera, slides }}
          flags={flagsLoaded}
          db={runner} worklist={wl} selected={selInfo} onSelect={select} onSort={setSort}
          tab={panels.tab} onTab={panels.setTab} onPresent={presentation.start} onReport={(code) => setView({ report: code })}
        />
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
