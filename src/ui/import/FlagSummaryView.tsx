/**
 * After a load, what the priority flags of the data came to: units per kind
 * (computed from the boundaries, declared in a list), land-border units per
 * neighbour, and how many declared flags the boundaries contradict.
 */
import type { FlagSummary } from '../../io/pack.ts';
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import { kindDef, neighbourLabel, type PriorityKindDef } from '../../model/priority.ts';

export /** What the priority flags of the loaded data came to: units per kind, by source, and land-border units per neighbour. */
function FlagSummaryView({ lang, summary, kinds }: { lang: Lang; summary: FlagSummary; kinds: PriorityKindDef[] }) {
  const borders = summary.neighbours.filter((n) => n.units > 0);
  return (
    <div className="flag-summary" data-testid="import-flags">
      <h3>{t(lang, 'flagSummaryTitle')}</h3>
      <ul>
        {summary.kinds.map((k) => (
          <li key={k.id} data-kind={k.id}>
            <span className="line" style={{ borderColor: kindDef(kinds, k.id).color }} />
            {t(lang, 'flagSummaryKind', { label: kindDef(kinds, k.id).label[lang], units: formatNumber(lang, k.units), computed: formatNumber(lang, k.computed), declared: formatNumber(lang, k.declared) })}
          </li>
        ))}
      </ul>
      {borders.length > 0 && (
        <p>
          {t(lang, 'flagSummaryBorder', { list: borders.map((n) => `${neighbourLabel(n.name, lang)} ${formatNumber(lang, n.units)}`).join(', ') })}
          {summary.multiNeighbour > 0 && ` ${t(lang, 'flagSummaryTwoCountries', { count: summary.multiNeighbour })}`}
        </p>
      )}
      {summary.contradictions.length > 0 && <p className="warn-text">{t(lang, 'flagSummaryContradicted', { count: formatNumber(lang, summary.contradictions.length) })}</p>}
    </div>
  );
}

