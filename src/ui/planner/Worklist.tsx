/**
 * The planner's worklist: the communes matching the filter, sorted by DuckDB,
 * virtualised (only visible rows are read out of the Arrow table), synced both
 * ways with the map (hover and selection), and keyboard navigable: ↑/↓ move the
 * selection, Home/End jump, Enter zooms the map to the selected commune.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useHoveredCode, type HoverStore } from '../map/hover.ts';
import type { Table } from 'apache-arrow';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { formatNumber, t, type Lang, type MessageKey } from '../../model/i18n.ts';
import { kindDef, type PriorityKindDef } from '../../model/priority.ts';
import { levelById, type RatingScale } from '../../model/scale.ts';
import { shortProvinceName } from '../../model/provinces.ts';
import { cleanName } from '../../model/text.ts';

export interface WorklistRow {
  code: string;
  name: string;
  provinceName: string;
  rating: string | null;
  score: number | null;
  kinds: string[];
  weakStreak: number;
  /** The year's rating and score were carried across the 2025 merger (an area-weighted estimate). */
  estimated: boolean;
  /** The streak counts such a carried year. */
  streakEstimated: boolean;
}

export type SortColumn = 'name' | 'province_name' | 'rating_order' | 'score' | 'weak_streak';
export interface SortState {
  column: SortColumn;
  dir: 'asc' | 'desc';
}

/** Reads row i of the worklist Arrow table (columns as produced by src/db/worklist.ts). */
export function worklistRow(table: Table, i: number): WorklistRow {
  const get = (c: string) => table.getChild(c)?.get(i);
  const kinds = String(get('kinds') ?? '');
  const score = get('score');
  return {
    code: String(get('code')),
    name: cleanName(get('name')),
    provinceName: shortProvinceName(cleanName(get('province_name'))),
    rating: (get('rating') as string | null) ?? null,
    score: score == null ? null : Number(score),
    kinds: kinds ? kinds.split(',') : [],
    weakStreak: Number(get('weak_streak') ?? 0),
    estimated: get('estimated') === true,
    streakEstimated: get('streak_estimated') === true,
  };
}

const COLUMNS: { id: SortColumn; label: MessageKey; className: string }[] = [
  { id: 'name', label: 'colName', className: 'c-name' },
  { id: 'province_name', label: 'province', className: 'c-province' },
  { id: 'rating_order', label: 'rating', className: 'c-rating' },
  { id: 'score', label: 'score', className: 'c-score' },
  { id: 'weak_streak', label: 'colWeakStreak', className: 'c-streak' },
];

export interface WorklistProps {
  lang: Lang;
  scale: RatingScale;
  /** The data's priority kinds, for the marks and their names. */
  kinds: PriorityKindDef[];
  table: Table | undefined;
  /** When given, the list is these rows of `table`, in this order (a search narrowed in memory, see useWorklist). */
  rows?: Int32Array;
  /** The list's codes in order, decoded once (see useWorklist). */
  codes: readonly string[];
  sort: SortState;
  onSort: (s: SortState) => void;
  selected?: string;
  /** The hovered unit (map or list): rows highlight it without the page re-rendering. */
  hover: HoverStore;
  onSelect: (code: string | undefined, zoom: boolean) => void;
  onHover: (code: string | undefined) => void;
}

const ROW_H = 30;

/**
 * Memoised: a year switch re-renders the page with the list DuckDB has not answered yet, whose
 * props are then all unchanged (the same table, codes and callbacks); the list's rows are not
 * rendered again in the task that recolours the map (bench/README.md, "Year switch").
 */
export const Worklist = memo(function Worklist({ lang, scale, kinds, table, rows, codes, sort, onSort, selected, hover, onSelect, onHover }: WorklistProps) {
  const hovered = useHoveredCode(hover);
  const scroller = useRef<HTMLDivElement>(null);
  const count = table ? (rows ? rows.length : table.numRows) : 0;
  const indexOfSelected = selected ? codes.indexOf(selected) : -1;
  // The virtualizer returns functions that React Compiler cannot memoise; this component opts out knowingly.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_H, overscan: 12 });

  // A selection made on the map scrolls its row into view.
  useEffect(() => {
    if (indexOfSelected >= 0) virtualizer.scrollToIndex(indexOfSelected, { align: 'auto' });
  }, [indexOfSelected, virtualizer]);

  const onKey = (e: KeyboardEvent) => {
    if (!count) return;
    let next: number;
    if (e.key === 'ArrowDown') next = Math.min(count - 1, indexOfSelected + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, indexOfSelected - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = count - 1;
    else if (e.key === 'Enter' && selected) {
      e.preventDefault();
      onSelect(selected, true);
      return;
    } else if (e.key === 'Escape') {
      onSelect(undefined, false);
      return;
    } else return;
    e.preventDefault();
    onSelect(codes[next], false);
  };

  return (
    <div className="worklist" data-testid="worklist">
      <div className="wl-head" role="row">
        {COLUMNS.map((c) => (
          <button
            key={c.id}
            type="button"
            role="columnheader"
            className={`${c.className} ${sort.column === c.id ? 'sorted' : ''}`}
            aria-sort={sort.column === c.id ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            title={t(lang, 'sortHint')}
            data-testid={`sort-${c.id}`}
            onClick={() => onSort({ column: c.id, dir: sort.column === c.id && sort.dir === 'desc' ? 'asc' : 'desc' })}
          >
            {t(lang, c.label)}
            {sort.column === c.id ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
          </button>
        ))}
      </div>
      <div
        className="wl-body"
        id="worklist"
        ref={scroller}
        tabIndex={0}
        role="grid"
        aria-rowcount={count}
        aria-label={t(lang, 'worklist')}
        onKeyDown={onKey}
        onMouseLeave={() => onHover(undefined)}
        data-testid="worklist-body"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {table &&
            virtualizer.getVirtualItems().map((v) => {
              const r = worklistRow(table, rows ? rows[v.index] : v.index);
              const level = r.rating ? levelById(scale, r.rating) : undefined;
              return (
                <div
                  key={r.code}
                  role="row"
                  aria-rowindex={v.index + 1}
                  aria-selected={r.code === selected}
                  className={`wl-row${r.code === selected ? ' selected' : ''}${r.code === hovered ? ' hovered' : ''}`}
                  style={{ transform: `translateY(${v.start}px)`, height: ROW_H }}
                  data-code={r.code}
                  onClick={() => onSelect(r.code, true)}
                  onMouseEnter={() => onHover(r.code)}
                >
                  <span className="c-name" title={r.name}>{r.name}</span>
                  <span className="c-province" title={r.provinceName}>{r.provinceName}</span>
                  <span className={r.estimated ? 'c-rating estimated' : 'c-rating'} title={r.estimated ? t(lang, 'estimateShort') : undefined}>
                    <i className="swatch" style={{ background: level?.color }} />
                    {r.estimated && level && '≈'}
                    {level ? level.short[lang] : '—'}
                  </span>
                  <span className="c-score">{r.score == null ? '—' : formatNumber(lang, r.score, 1)}</span>
                  <span
                    className="c-streak"
                    data-streak={r.weakStreak}
                    data-streak-estimated={r.streakEstimated ? 'true' : undefined}
                    title={[r.streakEstimated ? t(lang, 'streakEstimated') : '', ...r.kinds.map((k) => kindDef(kinds, k).label[lang])].filter((x) => x !== '').join(', ')}
                  >
                    {r.weakStreak > 0 ? `${r.streakEstimated ? '≈' : ''}${r.weakStreak}` : ''}
                    {r.kinds.length > 0 && (
                      <em className="kinds" aria-label={r.kinds.map((k) => kindDef(kinds, k).label[lang]).join(', ')}>
                        {r.kinds.map((k) => kindMark(kinds, k)).join('')}
                      </em>
                    )}
                  </span>
                </div>
              );
            })}
        </div>
      </div>
    </div>
  );
});

/** One-letter marks for priority kinds in tight table cells (full names in the title and in KindKey). */
const KIND_MARK: Record<string, string> = { border: 'B', maritime: 'M', island: 'Đ', ethnic_minority: 'D', industrial_zone: 'K' };

/** What the one-letter kind marks of the list stand for (the data's kinds), under the list. */
export function KindKey({ lang, kinds }: { lang: Lang; kinds: PriorityKindDef[] }) {
  return (
    <p className="kind-key" data-testid="kind-key">
      <span className="muted">{t(lang, 'kindKeyTitle')}</span>{' '}
      {kinds.map((kind, i) => (
        <span key={kind.id}>
          {i > 0 && ' · '}
          <em className="kinds">{kindMark(kinds, kind.id)}</em> {kind.label[lang]}
        </span>
      ))}
    </p>
  );
}

/** A kind's mark: the built-in ones', else the first letter of its Vietnamese label. */
function kindMark(kinds: PriorityKindDef[], id: string): string {
  return KIND_MARK[id] ?? (kindDef(kinds, id).label.vi.trim().charAt(0).toUpperCase() || '•');
}
