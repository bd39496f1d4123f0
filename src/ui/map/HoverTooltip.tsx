/**
 * The tooltip of the commune under the pointer: name, province and rating in
 * the year on the map. It subscribes to the hover store itself, so a mouse move
 * renders this small component and nothing else. Names are text nodes, never HTML.
 */
import type { UnitInfo } from './useAtlasGeometry.ts';
import { t, type Lang } from '../../model/i18n.ts';
import { levelById, type RatingScale } from '../../model/scale.ts';
import { useHover, type HoverStore } from './hover.ts';

export interface HoverTooltipProps {
  lang: Lang;
  hover: HoverStore;
  info: Map<string, UnitInfo>;
  scale: RatingScale;
  ratingByCode?: Map<string, string | null>;
}

export function HoverTooltip({ lang, hover, info, scale, ratingByCode }: HoverTooltipProps) {
  const h = useHover(hover);
  const unit = h && !h.fromList && h.x !== undefined ? info.get(h.code) : undefined;
  if (!h || !unit) return null;
  return (
    <div className="tooltip" role="tooltip" style={{ left: (h.x ?? 0) + 14, top: (h.y ?? 0) + 14 }} data-testid="tooltip">
      <strong>{unit.name}</strong>
      <span>{unit.provinceName}</span>
      {ratingByCode && (
        <span>
          {t(lang, 'rating')}: {levelById(scale, ratingByCode.get(h.code) ?? '')?.label[lang] ?? t(lang, 'noData')}
        </span>
      )}
    </div>
  );
}
