/** Outline overlays of the data's priority kinds on the map, each with its colour and count of communes. */
import { formatNumber, t, type Lang } from '../../model/i18n.ts';
import type { PriorityKindDef } from '../../model/priority.ts';

export interface OverlayTogglesProps {
  lang: Lang;
  /** The data's priority kinds (the manifest's), in display order. */
  kinds: PriorityKindDef[];
  overlays: string[];
  counts: Map<string, number>;
  onChange: (overlays: string[]) => void;
}

export function OverlayToggles({ lang, kinds, overlays, counts, onChange }: OverlayTogglesProps) {
  return (
    <section className="overlays" aria-label={t(lang, 'overlays')} data-testid="overlays">
      <h2>{t(lang, 'overlays')}</h2>
      {kinds.map((k) => (
        <label key={k.id} className="overlay-toggle">
          <input
            type="checkbox"
            checked={overlays.includes(k.id)}
            data-overlay={k.id}
            onChange={(e) => onChange(e.target.checked ? [...overlays, k.id].sort() : overlays.filter((o) => o !== k.id))}
          />
          <span className="line" style={{ borderColor: k.color }} />
          {k.label[lang]} <span className="muted">({formatNumber(lang, counts.get(k.id) ?? 0)})</span>
        </label>
      ))}
    </section>
  );
}
