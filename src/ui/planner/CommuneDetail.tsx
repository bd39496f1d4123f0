/**
 * A commune's detail: where it is, its rating history (across the 2025 merger),
 * the old communes it was formed from (or the current one it became part of)
 * with their own ratings, its priority flags with their evidence ("Biên giới
 * Lào 12,4 km") and where each came from (computed from the boundaries, or an
 * official list), and its indicators in the year.
 */
import { useEffect, useState } from 'react';
import { communeHistory, relatedAcrossMerger, type HistoryRow, type PriorityFlag, type RelatedUnit } from '../../db/queries.ts';
import type { SqlRunner } from '../../db/runner.ts';
import type { BundleManifest } from '../../model/bundle.ts';
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import { describeFlag, kindDef, type PriorityKindDef } from '../../model/priority.ts';
import { levelById } from '../../model/scale.ts';
import { cleanName, reasonOf } from '../../model/text.ts';
import { HistoryChart } from './charts/HistoryChart.tsx';
import type { UnitInfo } from '../map/useAtlasGeometry.ts';

type Related = { direction: 'formedFrom' | 'becamePartOf'; units: RelatedUnit[] };

export interface CommuneDetailProps {
  lang: Lang;
  db?: SqlRunner;
  manifest: BundleManifest;
  structure: string;
  year: number;
  info: UnitInfo;
  /** The structure's flags; undefined until DuckDB has answered (shown as pending, not as none). */
  flags?: PriorityFlag[];
  /** The data's priority kinds, for their names and colours. */
  kinds: PriorityKindDef[];
  onClose: () => void;
  onZoom: () => void;
}

export function CommuneDetail({ lang, db, manifest, structure, year, info, flags, kinds, onClose, onZoom }: CommuneDetailProps) {
  // Keyed by the commune and structure it answers: another commune's history is never shown under this one's name.
  const key = `${structure}|${info.code}`;
  const [answer, setAnswer] = useState<{ key: string; history: HistoryRow[]; related?: Related } | { key: string; error: string }>();
  useEffect(() => {
    if (!db) return;
    let current = true;
    Promise.all([communeHistory(db, structure, info.code), relatedAcrossMerger(db, manifest, structure, info.code)]).then(
      ([history, related]) => current && setAnswer({ key, history, related }),
      (e: unknown) => {
        console.error(e);
        if (current) setAnswer({ key, error: reasonOf(e) });
      },
    );
    return () => {
      current = false;
    };
  }, [db, manifest, structure, info.code, key]);

  const mine = answer?.key === key ? answer : undefined;
  const history = mine && 'history' in mine ? mine.history : [];
  const related = mine && 'history' in mine ? mine.related : undefined;
  const failed = mine && 'error' in mine ? mine.error : undefined;
  const now = history.find((h) => h.year === year);
  const level = now?.rating ? levelById(manifest.scale, now.rating) : undefined;
  const own = flags?.filter((f) => f.code === info.code);
  return (
    <section className="detail" data-testid="detail" aria-label={t(lang, 'detail')}>
      <header>
        <h2>{info.name}</h2>
        <div className="detail-actions">
          <button type="button" onClick={onZoom}>{t(lang, 'zoomTo')}</button>
          <button type="button" onClick={onClose} aria-label={t(lang, 'clearSelection')}>×</button>
        </div>
      </header>
      <p className="muted">
        {info.unitType} · {info.provinceName} · {t(lang, 'area')} {formatNumber(lang, info.areaKm2, 1)} km² · <code>{info.code}</code>
      </p>
      <p data-testid="detail-rating">
        {t(lang, 'rating')} {year}: <strong>{level ? level.label[lang] : mine ? (failed ? '—' : t(lang, 'noData')) : '…'}</strong>
        {now?.score != null && ` · ${t(lang, 'score')} ${formatNumber(lang, now.score, 1)}`}
        {now?.estimated && <span className="estimate-mark"> ({t(lang, 'estimateShort')})</span>}
      </p>
      <h3>{t(lang, 'history')}</h3>
      {failed && (
        <p className="error-text" role="alert" data-testid="detail-error">
          {t(lang, 'historyFailed', { reason: failed })}
        </p>
      )}
      <HistoryChart lang={lang} scale={manifest.scale} points={history} markYear={year} estimatedLabel={t(lang, 'estimateShort')} />
      {history.some((h) => h.estimated && h.rating) && <p className="muted chart-note">{t(lang, 'historyEstimated')}</p>}
      {related && related.units.length > 0 && (
        <>
          <h3>{t(lang, related.direction === 'formedFrom' ? 'formedFrom' : 'becameFrom')}</h3>
          <ul className="related" data-testid="related">
            {related.units.map((u) => (
              <li key={u.code}>
                <span className="rel-name">{cleanName(u.name)}</span>
                <span className="rel-history">
                  {u.history.map((h) => {
                    const l = h.rating ? levelById(manifest.scale, h.rating) : undefined;
                    return <i key={h.year} className="cell" title={`${h.year}: ${l ? l.label[lang] : '—'}`} style={{ background: l?.color }} />;
                  })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t(lang, 'flagsTitle')}</h3>
      {!own || own.length === 0 ? (
        <p className="muted">{own ? '—' : '…'}</p>
      ) : (
        <ul className="flags" data-testid="detail-flags">
          {own.map((f) => (
            <li key={f.kind + (f.detail ?? '')} data-kind={f.kind} data-source={f.source}>
              <span className="line" style={{ borderColor: kindDef(kinds, f.kind).color }} />
              {describeFlag(f, kinds, lang)} <span className="muted">({t(lang, f.source === 'computed' ? 'computedFlag' : 'declaredFlag')})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
