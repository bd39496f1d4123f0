/**
 * One provider for the two async resources of the page, each with an explicit
 * status: the data bundle (loading / ready / failed) and DuckDB (booting /
 * ready / failed). The bundle does not wait for DuckDB, and DuckDB's boot waits
 * for the first coloured map (drawn from the bundle's own ratings; at most
 * BOOT_WAIT_MS), so its script and wasm compile do not take the page's thread
 * and cores from that first frame. DuckDB boots once (guarded) and is
 * terminated on unmount (its connection closed and its worker ended), unless
 * the provider mounts again at once, as React's StrictMode does in
 * development. A failure is a visible state, never a blank page.
 *
 * A protected folder (src/io/protect.ts) puts the bundle in a `locked` state
 * first: the page shows only the passphrase screen, whose `unlock` decrypts;
 * a wrong passphrase rejects `unlock` and the state stays locked, the right
 * one continues the normal path. The passphrase and key are never stored.
 *
 * `replaceBundle` swaps in data the user imported: it is loaded into DuckDB
 * first, and only when that succeeded does the page switch to it, so a failed
 * load leaves the previous data on the map and usable.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { BootError, bootDuckDB, loadClassicScript } from '../../db/browser.ts';
import { loadTables } from '../../db/queries.ts';
import type { SqlRunner } from '../../db/runner.ts';
import { seriesFor, seriesInBackground, shippedSeriesParts, startSeries } from '../../db/series.ts';
import { withTablesArriving } from '../../db/tables.ts';
import { BUNDLE_SCRIPT, BundleError, loadDefaultBundle, type LoadedBundle } from '../../io/bundle.ts';
import { decryptBundle, ProtectError, type DecryptedBundle, type ProtectedPayload } from '../../io/protect.ts';
import { tBoth } from '../../model/i18n.ts';
import { engineLifetime } from './engineLifetime.ts';
import { firstListShown, firstMapShown, markFirstMapShown, markState, timeline } from './startup.ts';
import { reasonOf } from '../../model/text.ts';

export type Bilingual = { vi: string; en: string };

export type BundleState =
  | { status: 'loading' }
  /** A protected folder waits for its passphrase; `unlock` rejects with ProtectError `rejected` on a wrong one. */
  | { status: 'locked'; unlock: (passphrase: string) => Promise<void> }
  | { status: 'ready'; bundle: LoadedBundle; origin: 'folder' | 'imported' }
  | { status: 'failed'; message: Bilingual };

export type DbState =
  | { status: 'booting' }
  | { status: 'ready'; db: SqlRunner; version: string }
  | { status: 'failed'; message: Bilingual };

interface DataContextValue {
  bundle: BundleState;
  db: DbState;
  /** Loads another bundle into DuckDB and shows it; rejects (keeping the current data) on failure. */
  replaceBundle: (bundle: LoadedBundle) => Promise<void>;
}

const DataContext = createContext<DataContextValue>({
  bundle: { status: 'loading' },
  db: { status: 'booting' },
  replaceBundle: () => Promise.reject(new Error('no data provider')),
});

/** Explains a failure in both languages. */
export function explain(e: unknown): Bilingual {
  if (e instanceof BundleError) {
    if (e.code === 'data-refused') return tBoth('errorDataRefused', { file: e.file, reason: e.detail });
    return e.code === 'data-missing' ? tBoth('errorDataMissing', { file: e.file }) : tBoth('errorDataInvalid', { file: e.file, reason: e.detail });
  }
  if (e instanceof BootError) {
    return e.code === 'duckdb-missing' ? tBoth('errorDuckdbMissing', { file: e.detail }) : tBoth('errorDuckdbBoot', { reason: e.detail });
  }
  return tBoth('errorUnexpected', { reason: reasonOf(e) });
}

/**
 * A new handle on the same engine: query hooks key on the runner's identity, so
 * handing out a fresh one after new data is loaded makes every view ask again.
 */
function freshHandle(r: SqlRunner): SqlRunner {
  return {
    engine: r,
    query: (sql, params) => r.query(sql, params),
    insertArrowIPC: (t, b, o) => r.insertArrowIPC(t, b, o),
    version: () => r.version(),
    close: () => r.close(),
  };
}

/** How long the engine must have been left alone before the other structures' series are built. */
const BACKGROUND_SERIES_MS = 1500;

/** The background series build of the data in DuckDB, stopped when other data goes in. */
interface Background {
  cancel: () => void;
}

/**
 * Starts the folder's tables when they still wait for the first list (see
 * intoDuckDB): a bundle opened meanwhile (a kept dataset) sends them in first.
 */
let waitingTables: (() => Promise<void>) | undefined;

/** How long the bundle's tables wait for the first list at most, when they wait for it. */
const TABLES_WAIT_MS = 3000;

/**
 * The longest DuckDB's boot waits for the first coloured map (firstMapShown),
 * from the provider's start: a map that never comes must not keep the planner
 * from its list.
 */
const BOOT_WAIT_MS = 4000;

/**
 * Loads a bundle's tables into DuckDB and starts the series: at start-up only
 * the structure the first view asks for is built (or inserted, when the bundle
 * ships it) before it answers, the others follow in the background; an import
 * loads everything before it reports success. Returns the handle to hand out,
 * and when the bundle's tables are in.
 *
 * At start-up, a bundle that ships its series needs nothing else for the
 * planner's first list (its year tables are made from the shipped rows): the other
 * tables go in once that list is on screen, and the readers that declare them
 * (tablesReady, src/db/tables.ts) wait for them, so DuckDB's one worker answers
 * the list first. The whole sequence: ./startup.md.
 */
async function intoDuckDB(r: SqlRunner, b: LoadedBundle, lazy: boolean, background: Background): Promise<{ handle: SqlRunner; tablesIn: Promise<void> }> {
  background.cancel();
  // A series worked out at pack time from these very tables is inserted as it is (each structure on first use), not worked out again.
  const shipped = shippedSeriesParts(b.manifest, b.parts);
  let h = freshHandle(r);
  let tablesIn: Promise<void>;
  if (lazy && shipped) {
    const later = Promise.race([firstListShown, new Promise<void>((resolve) => setTimeout(resolve, TABLES_WAIT_MS))]);
    let started: Promise<void> | undefined;
    const start = () => (started ??= timeline.run('duckdb-insert', () => loadTables(r, b.parts, b.manifest.scale)));
    waitingTables = start;
    tablesIn = later.then(start);
    tablesIn.catch(() => undefined);
    h = withTablesArriving(h, tablesIn);
  } else {
    // Tables still waiting for the first list go in first, so this bundle's replace them
    // (loads go in in the order asked: src/db/queries.ts), and a failure here keeps them.
    waitingTables?.().catch(() => undefined);
    waitingTables = undefined;
    tablesIn = timeline.run('duckdb-insert', () => loadTables(r, b.parts, b.manifest.scale));
    await tablesIn;
  }
  let first = true;
  const onBuilt = (_structure: string, ms: number) => {
    timeline.record(first ? 'duckdb-series-first' : 'duckdb-series-more', ms);
    first = false;
  };
  await timeline.run('duckdb-series', () => startSeries(h, b.manifest, onBuilt, shipped));
  if (lazy) background.cancel = seriesInBackground(h, BACKGROUND_SERIES_MS);
  else for (const s of b.manifest.structures) await seriesFor(h, s.id);
  return { handle: h, tablesIn };
}

/** DuckDB, booted once per page and ended when the provider unmounts for good. */
const duckdb = engineLifetime(() => timeline.run('duckdb-boot', () => bootDuckDB((step, ms) => timeline.record(step, ms))));

export function DataProvider({ children }: { children: ReactNode }) {
  const [bundle, setBundle] = useState<BundleState>({ status: 'loading' });
  const [db, setDb] = useState<DbState>({ status: 'booting' });
  const runnerRef = useRef<SqlRunner | undefined>(undefined);
  const background = useRef<Background>({ cancel: () => undefined });

  useEffect(() => {
    let alive = true;
    markState('dbState', 'booting');
    // Only a wrong passphrase keeps the screen up; any other failure fails the bundle as a whole.
    const askPassphrase = (header: ProtectedPayload) =>
      new Promise<DecryptedBundle>((resolve, reject) => {
        const unlock = async (passphrase: string) => {
          try {
            resolve(await timeline.run('decrypt', () => decryptBundle(header, passphrase)));
          } catch (e) {
            if (e instanceof ProtectError && e.code === 'rejected') throw e;
            reject(e instanceof ProtectError ? new BundleError(e.code === 'refused' ? 'data-refused' : 'data-invalid', BUNDLE_SCRIPT, e.detail) : e);
          }
        };
        // Nothing is drawn behind the passphrase screen: DuckDB boots while it is typed.
        markFirstMapShown();
        if (alive) setBundle({ status: 'locked', unlock });
      });
    const bundleP = timeline.run('data-load', () => loadDefaultBundle(loadClassicScript, askPassphrase));
    // Boots once per page, even through React's double effect in development; after the
    // first coloured map (drawn from the bundle's own ratings), or BOOT_WAIT_MS at most.
    let acquired = false;
    const bootP = Promise.race([firstMapShown, new Promise<void>((resolve) => setTimeout(resolve, BOOT_WAIT_MS))]).then(() => {
      // An unmounted provider never boots (nor releases) the engine: the next mount does.
      if (!alive) return new Promise<never>(() => undefined);
      acquired = true;
      return duckdb.acquire();
    });
    bundleP.then(
      (b) => alive && setBundle({ status: 'ready', bundle: b, origin: 'folder' }),
      (e: unknown) => {
        console.error(e);
        markFirstMapShown();
        if (alive) setBundle({ status: 'failed', message: explain(e) });
      },
    );
    Promise.all([bundleP, bootP])
      .then(async ([b, r]) => {
        runnerRef.current = r;
        const { handle, tablesIn } = await intoDuckDB(r, b, true, background.current);
        const version = await r.version();
        if (!alive) return;
        setDb({ status: 'ready', db: handle, version });
        markState('dbState', 'ready');
        // Tables loaded after the first list: a failure there fails DuckDB as a whole, with its reason.
        await tablesIn;
        markState('dbTables', 'ready');
      })
      .catch((e: unknown) => {
        console.error(e);
        markState('dbState', 'failed');
        if (alive) setDb({ status: 'failed', message: explain(e) });
      });
    const bg = background.current;
    return () => {
      alive = false;
      bg.cancel();
      if (acquired) duckdb.release();
    };
  }, []);

  const replaceBundle = useCallback(async (next: LoadedBundle) => {
    const r = runnerRef.current;
    if (!r) throw new Error('DuckDB is not ready');
    const { handle: h } = await intoDuckDB(r, next, false, background.current);
    setBundle({ status: 'ready', bundle: next, origin: 'imported' });
    setDb((d) => (d.status === 'ready' ? { ...d, db: h } : d));
  }, []);

  return <DataContext.Provider value={{ bundle, db, replaceBundle }}>{children}</DataContext.Provider>;
}

export function useData(): DataContextValue {
  return useContext(DataContext);
}
