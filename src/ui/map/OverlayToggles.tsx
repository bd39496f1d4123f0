/** Outline overlays of the priority kinds on the map, each with its count of communes. */
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import { PRIORITY_KINDS } from '../../model/priority.ts';

export function OverlayToggles({ lang, overlays, counts, onChange }: { lang: Lang; overlays: string[]; counts: Map<string, number>; onChange: (overlays: string[]) => void }) {
  return (
    <section className="overlays" aria-label={t(lang, 'overlays')} data-testid="overlays">
      <h2>{t(lang, 'overlays')}</h2>
      {PRIORITY_KINDS.map((k) => (
        <label key={k.id} className="overlay-toggle">
          <input
            type="checkbox"
            checked={overlays.includes(k.id)}
            data-overlay={k.id}
            onChange={(e) => onChange(e.target.checked ? [...overlays, k.id].sort() : overlays.filter((o) => o !== k.id))}
          />
          <span className="line" style={{ borderColor: `rgb(${k.color.slice(0, 3).join(',')})` }} />
          {t(lang, k.label)} <span className="muted">({formatNumber(lang, counts.get(k.id) ?? 0)})</span>
        </label>
      ))}
    </section>
  );
}
