/**
 * The right panel, one tab at a time: the worklist (with its export buttons,
 * the kinds' key and the chosen commune's detail), the province ranking (each
 * province opens its review report) and the saved views (capture, present,
 * export as slides). The tab itself is usePanels' state, which the skip link
 * sets too; so does the skip link before the top bar (SkipToWorklist).
 */
import type { PriorityFlag } from '../../db/queries.ts';
import type { SqlRunner } from '../../db/runner.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { t, type Lang } from '../../model/i18n.ts';
import type { PriorityKindDef } from '../../model/priority.ts';
import { viewToHash, type ViewBounds, type ViewState } from '../../model/view-state.ts';
import { useCallback, useLayoutEffect, useRef } from 'react';
import { SavedViewsPanel } from '../briefing/SavedViewsPanel.tsx';
import type { useSavedViewCamera } from '../briefing/useSavedViewCamera.ts';
import type { useSavedViews } from '../briefing/useSavedViews.ts';
import type { SlideExport } from '../briefing/useSlideExport.ts';
import type { HoverStore } from '../map/hover.ts';
import type { UnitInfo } from '../map/useAtlasGeometry.ts';
import { CommuneDetail } from '../planner/CommuneDetail.tsx';
import { ExportButtons } from '../planner/ExportButtons.tsx';
import { ProvinceRanking } from '../planner/ProvinceRanking.tsx';
import type { useWorklist } from '../planner/useWorklist.ts';
import { KindKey, Worklist, type SortState } from '../planner/Worklist.tsx';
import type { PanelTab } from './usePanels.ts';

const NO_CODES: string[] = [];

export interface RightPanelProps {
  lang: Lang;
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  manifest?: BundleManifest;
  bounds?: ViewBounds;
  view?: ViewState;
  db?: SqlRunner;
  provinces: { code: string; name: string }[];
  kinds: PriorityKindDef[];
  /** The structure's flags; undefined until DuckDB has answered. */
  flags?: PriorityFlag[];
  worklist: ReturnType<typeof useWorklist>;
  sort: SortState;
  onSort: (s: SortState) => void;
  hover: HoverStore;
  /** The commune chosen on the map or in the list, when the geometry knows it. */
  selected?: UnitInfo;
  onSelect: (code: string | undefined, zoom: boolean) => void;
  onReport: (province: string) => void;
  saved: ReturnType<typeof useSavedViews>;
  camera: ReturnType<typeof useSavedViewCamera>;
  onPresent: (index: number) => void;
  slides: SlideExport;
}

export function RightPanel(p: RightPanelProps) {
  const { lang, tab, onTab, manifest, view, db, kinds, saved } = p;
  // The list is memoised (Worklist): its callbacks keep their identity across renders.
  const latestSelect = useRef(p.onSelect);
  useLayoutEffect(() => {
    latestSelect.current = p.onSelect;
  });
  const onSelect = useCallback((code: string | undefined, zoom: boolean) => latestSelect.current(code, zoom), []);
  const hoverStore = p.hover;
  const onHover = useCallback((code: string | undefined) => hoverStore.set(code ? { code, fromList: true } : undefined), [hoverStore]);
  const wl = p.worklist;
  const sel = p.selected;
  const tabButton = (id: PanelTab, label: string) => (
    <button type="button" role="tab" aria-selected={tab === id} onClick={() => onTab(id)} data-testid={`tab-${id}`}>
      {label}
    </button>
  );
  return (
    <aside className="right">
      <div className="tabs" role="tablist">
        {tabButton('list', t(lang, 'tabList'))}
        {tabButton('provinces', t(lang, 'tabProvinces'))}
        {tabButton('views', `${t(lang, 'tabViews')} ${saved.views.length > 0 ? `(${saved.views.length})` : ''}`)}
      </div>
      {tab === 'provinces' && manifest && view && db && <ProvinceRanking lang={lang} db={db} manifest={manifest} view={view} onReport={p.onReport} />}
      {tab === 'views' && manifest && p.bounds && view && (
        <SavedViewsPanel
          lang={lang}
          views={saved.views}
          bundleId={manifest.id}
          current={viewToHash(view, p.bounds)}
          onChange={saved.setViews}
          onCapture={p.camera.capture}
          onApply={p.camera.applySaved}
          onPresent={p.onPresent}
          onExportSlides={p.slides.exportSlides}
          slidesBusy={p.slides.busy}
          slidesError={p.slides.error}
          storageError={saved.storageError}
        />
      )}
      {tab === 'list' && manifest && view && (
        <>
          <div className="worklist-head">
            <h2>{t(lang, 'worklist')}</h2>
            <ExportButtons lang={lang} manifest={manifest} view={view} table={wl.exact ? wl.table : undefined} provinces={p.provinces} />
          </div>
          <Worklist
            lang={lang}
            scale={manifest.scale}
            kinds={kinds}
            table={wl.table}
            rows={wl.rows}
            codes={wl.codes ?? NO_CODES}
            sort={p.sort}
            onSort={p.onSort}
            selected={view.selected}
            hover={p.hover}
            onSelect={onSelect}
            onHover={onHover}
          />
          {wl.count === 0 && <p className="muted">{t(lang, 'noMatch')}</p>}
          <KindKey lang={lang} kinds={kinds} />
        </>
      )}
      {tab === 'list' && manifest && view && sel && (
        <CommuneDetail
          lang={lang}
          db={db}
          manifest={manifest}
          structure={view.structure}
          year={view.year}
          info={sel}
          flags={p.flags}
          kinds={kinds}
          onClose={() => p.onSelect(undefined, false)}
          onZoom={() => p.onSelect(sel.code, true)}
        />
      )}
    </aside>
  );
}

/** The first thing a keyboard reaches: "Đến danh sách" shows the panels and focuses the worklist (usePanels' showWorklist). */
export function SkipToWorklist({ lang, onSkip }: { lang: Lang; onSkip: () => void }) {
  return (
    <a
      className="skip-link"
      href="#worklist"
      onClick={(e) => {
        e.preventDefault();
        onSkip();
      }}
      data-testid="skip-worklist"
    >
      {t(lang, 'skipToWorklist')}
    </a>
  );
}
