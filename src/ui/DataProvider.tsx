/**
 * One provider for the two async resources of the page, each with an explicit
 * status: the data bundle (loading / ready / failed) and DuckDB (booting /
 * ready / failed). The bundle does not wait for DuckDB, so the map can draw its
 * boundaries while the wasm compiles. DuckDB boots once (guarded) and is
 * terminated on unmount. A failure is a visible state, never a blank page.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { BootError, bootDuckDB, loadClassicScript } from '../db/browser.ts';
import { loadTables } from '../db/queries.ts';
import { prepareSeries } from '../db/series.ts';
import type { SqlRunner } from '../db/runner.ts';
import { BundleError, loadDefaultBundle, type LoadedBundle } from '../io/bundle.ts';
import { tBoth } from '../model/i18n.ts';
import { markState, timeline } from './startup.ts';

export type Bilingual = { vi: string; en: string };

export type BundleState =
  | { status: 'loading' }
  | { status: 'ready'; bundle: LoadedBundle }
  | { status: 'failed'; message: Bilingual };

export type DbState =
  | { status: 'booting' }
  | { status: 'ready'; db: SqlRunner; version: string }
  | { status: 'failed'; message: Bilingual };

interface DataContextValue {
  bundle: BundleState;
  db: DbState;
}

const DataContext = createContext<DataContextValue>({ bundle: { status: 'loading' }, db: { status: 'booting' } });

/** Explains a failure in both languages. */
export function explain(e: unknown): Bilingual {
  if (e instanceof BundleError) {
    return e.code === 'data-missing' ? tBoth('errorDataMissing', { file: e.file }) : tBoth('errorDataInvalid', { file: e.file, reason: e.detail });
  }
  if (e instanceof BootError) {
    return e.code === 'duckdb-missing' ? tBoth('errorDuckdbMissing', { file: e.detail }) : tBoth('errorDuckdbBoot', { reason: e.detail });
  }
  return tBoth('errorUnexpected', { reason: e instanceof Error ? e.message : String(e) });
}

let started: Promise<[LoadedBundle, SqlRunner]> | null = null;

export function DataProvider({ children }: { children: ReactNode }) {
  const [bundle, setBundle] = useState<BundleState>({ status: 'loading' });
  const [db, setDb] = useState<DbState>({ status: 'booting' });

  useEffect(() => {
    let alive = true;
    let runner: SqlRunner | undefined;
    markState('dbState', 'booting');
    const bundleP = timeline.run('data-load', () => loadDefaultBundle(loadClassicScript));
    const bootP = timeline.run('duckdb-boot', () => bootDuckDB((step, ms) => timeline.record(step, ms)));
    bundleP.then(
      (b) => alive && setBundle({ status: 'ready', bundle: b }),
      (e: unknown) => {
        console.error(e);
        if (alive) setBundle({ status: 'failed', message: explain(e) });
      },
    );
    // Guard against React's double effect in development: boot once per page.
    started ??= Promise.all([bundleP, bootP]);
    started
      .then(async ([b, r]) => {
        runner = r;
        await timeline.run('duckdb-insert', () => loadTables(r, b.parts, b.manifest.scale));
        await timeline.run('duckdb-series', () => prepareSeries(r, b.manifest));
        const version = await r.version();
        if (!alive) return;
        setDb({ status: 'ready', db: r, version });
        markState('dbState', 'ready');
      })
      .catch((e: unknown) => {
        console.error(e);
        markState('dbState', 'failed');
        if (alive) setDb({ status: 'failed', message: explain(e) });
      });
    return () => {
      alive = false;
      void runner?.close();
    };
  }, []);

  return <DataContext.Provider value={{ bundle, db }}>{children}</DataContext.Provider>;
}

export function useData(): DataContextValue {
  return useContext(DataContext);
}
