/**
 * The words MapLibre puts on its own controls (button tooltips and labels
 * such as "Zoom in", "Drag to rotate map"), in the page's language. MapLibre
 * reads them from its `locale` option when a control is made, so the map
 * passes this at creation and makes its controls again when the language
 * changes.
 */
import { t, type Lang } from '../model/i18n.ts';

export function maplibreLocale(lang: Lang): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': t(lang, 'mapZoomIn'),
    'NavigationControl.ZoomOut': t(lang, 'mapZoomOut'),
    'NavigationControl.ResetBearing': t(lang, 'mapResetBearing'),
    'FullscreenControl.Enter': t(lang, 'mapFullscreenEnter'),
    'FullscreenControl.Exit': t(lang, 'mapFullscreenExit'),
    'AttributionControl.ToggleAttribution': t(lang, 'mapAttribution'),
    'Map.Title': t(lang, 'mapTitle'),
    'Popup.Close': t(lang, 'mapPopupClose'),
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
  };
}
