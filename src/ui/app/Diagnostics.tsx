/**
 * What a user (or the IT officer on the phone) can read to tell why the atlas
 * is slow or broken: browser, WebGL, DuckDB version, data bundle identity and
 * the timing of each start-up step. Opened with the button or `?diag`.
 */
import { useEffect, useState } from 'react';
import { t, type Lang } from '../../model/i18n.ts';
import { useData } from './DataProvider.tsx';
import { timeline } from './startup.ts';
import { webglInfo } from './webgl.ts';

function webglText(lang: Lang): string {
  const info = webglInfo();
  if (!info.webgl2) return `WebGL2: ${info.error ?? '—'}`;
  return `WebGL2: ${info.renderer}${info.software ? ` (${t(lang, 'softwareRenderer')})` : ''}`;
}

export function Diagnostics({ lang, onClose }: { lang: Lang; onClose: () => void }) {
  const { bundle, db } = useData();
  const [steps, setSteps] = useState(timeline.list());
  useEffect(() => timeline.subscribe(() => setSteps(timeline.list())), []);
  const gl = webglText(lang);
  return (
    <aside className="diagnostics" role="dialog" aria-label={t(lang, 'diagnostics')}>
      <header>
        <h2>{t(lang, 'diagnostics')}</h2>
        <button type="button" onClick={onClose}>{t(lang, 'close')}</button>
      </header>
      <dl>
        <dt>{t(lang, 'browser')}</dt>
        <dd>{navigator.userAgent}</dd>
        <dt>{t(lang, 'webgl')}</dt>
        <dd data-testid="diag-webgl">{gl}</dd>
        <dt>{t(lang, 'duckdbVersion')}</dt>
        <dd data-testid="diag-duckdb">
          {db.status === 'ready' ? db.version : db.status === 'failed' ? `${t(lang, 'failed')}: ${db.message[lang]}` : t(lang, 'pending')}
        </dd>
        <dt>{t(lang, 'bundle')}</dt>
        <dd data-testid="diag-bundle">
          {bundle.status === 'ready' ? `${bundle.bundle.manifest.id} (${bundle.bundle.manifest.dataDate})` : bundle.status === 'failed' ? bundle.message[lang] : t(lang, 'pending')}
        </dd>
        <dt>{t(lang, 'pageUrl')}</dt>
        <dd>{location.protocol}</dd>
      </dl>
      <h3>{t(lang, 'timings')}</h3>
      <table className="timings">
        <thead>
          <tr>
            <th>{t(lang, 'step')}</th>
            <th>start ({t(lang, 'ms')})</th>
            <th>{t(lang, 'ms')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.step} data-step={s.step}>
              <td>{s.step}</td>
              <td>{Math.round(s.start)}</td>
              <td>{s.error ? `${t(lang, 'failed')}: ${s.error}` : s.end === undefined ? t(lang, 'pending') : Math.round(s.end - s.start)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
