/** DuckDB's lifetime in the page (src/ui/app/engineLifetime.ts): booted once, ended on a real unmount, kept through StrictMode's remount. */
import { describe, expect, it } from 'vitest';
import { engineLifetime } from '../../src/ui/app/engineLifetime.ts';

const task = () => new Promise((r) => setTimeout(r, 5));

function fakeEngines() {
  const log: string[] = [];
  let n = 0;
  const boot = async () => {
    const id = ++n;
    log.push(`boot ${id}`);
    return { close: async () => void log.push(`close ${id}`) };
  };
  return { log, life: engineLifetime(boot) };
}

describe('engineLifetime', () => {
  it('hands every mount the same engine and closes it a task after the last unmount', async () => {
    const { log, life } = fakeEngines();
    const a = life.acquire();
    expect(life.acquire()).toBe(a);
    life.release();
    expect(log).toEqual(['boot 1']);
    await task();
    expect(log).toEqual(['boot 1', 'close 1']);
  });

  it('keeps the engine when the provider mounts again at once (StrictMode), and boots a new one after a real close', async () => {
    const { log, life } = fakeEngines();
    const first = life.acquire();
    life.release();
    const second = life.acquire();
    expect(second).toBe(first);
    await task();
    expect(log).toEqual(['boot 1']);
    life.release();
    await task();
    expect(log).toEqual(['boot 1', 'close 1']);
    await life.acquire();
    expect(log).toEqual(['boot 1', 'close 1', 'boot 2']);
  });
});
