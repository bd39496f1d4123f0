/**
 * A map that failed says so in words, in both languages, with a "Tải lại bản
 * đồ" button that makes the map again (new MapLibre map, new deck.gl, new
 * WebGL context) without reloading the page: filters, the list and DuckDB are
 * kept. The library's own message is shown only as a technical detail under
 * the readable one. The boundary catches a failure thrown while the map's part
 * of the page renders; MapView reports the others (MapLibre's and deck.gl's
 * errors, a lost graphics context).
 */
import { Component, type ReactNode } from 'react';
import { t, tBoth, type Lang } from '../../model/i18n.ts';
import { ErrorBox } from '../app/ErrorBox.tsx';

export function MapFailure({ lang, reason, onReload }: { lang: Lang; reason: string; onReload: () => void }) {
  return (
    <div className="map-failure" data-testid="map-failure">
      <ErrorBox title={t(lang, 'errorTitle')} message={tBoth('errorMapDraw')} detail={t(lang, 'errorMapDetail', { reason })}>
        <button type="button" className="primary" onClick={onReload} data-testid="map-reload">
          {t(lang, 'reloadMap')}
        </button>
      </ErrorBox>
    </div>
  );
}

interface BoundaryProps {
  lang: Lang;
  onReload: () => void;
  children: ReactNode;
}

export class MapErrorBoundary extends Component<BoundaryProps, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error) {
    console.error(error);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <MapFailure
        lang={this.props.lang}
        reason={error.message}
        onReload={() => {
          this.setState({ error: undefined });
          this.props.onReload();
        }}
      />
    );
  }
}
