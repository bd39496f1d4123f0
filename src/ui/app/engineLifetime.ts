/**
 * One engine for the page's life: `acquire` boots it once and hands out the
 * same promise to every caller; `release` ends it (its `close`) a task later,
 * unless it is acquired again meanwhile — React's StrictMode unmounts and
 * mounts a provider again at once in development, and that must not boot
 * DuckDB twice or end the engine the second mount uses.
 */
export interface EngineLifetime<T> {
  acquire(): Promise<T>;
  release(): void;
}

export function engineLifetime<T extends { close(): Promise<void> }>(boot: () => Promise<T>): EngineLifetime<T> {
  let engine: Promise<T> | null = null;
  let closing: ReturnType<typeof setTimeout> | undefined;
  return {
    acquire() {
      clearTimeout(closing);
      engine ??= boot();
      return engine;
    },
    release() {
      const released = engine;
      clearTimeout(closing);
      closing = setTimeout(() => {
        if (!released || engine !== released) return;
        engine = null;
        released.then((e) => e.close()).catch(() => undefined);
      }, 0);
    },
  };
}
