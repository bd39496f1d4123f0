/**
 * Browser side of the benchmark: Debian's Chromium launched exactly as the
 * e2e tests launch it (tests/e2e/browser.ts; never a downloaded browser), a
 * page with the benchmark's instrumentation, and memory read from the
 * DevTools protocol and, for whole processes, from Linux's /proc.
 */
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launch } from '../../../tests/e2e/browser.ts';
import { INSTRUMENT_SCRIPT } from './instrument.ts';

export { fileUrl } from '../../../tests/e2e/browser.ts';

export const VIEWPORT = { width: 1280, height: 800 };

export interface BenchPage {
  browser: Browser;
  page: Page;
  cdp: CDPSession;
  errors: string[];
}

/** A fresh browser (fresh profile, fresh GPU process and shader caches) with one instrumented page. */
export async function freshPage(): Promise<BenchPage> {
  const browser = await launch();
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await context.addInitScript({ content: INSTRUMENT_SCRIPT });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { browser, page, cdp, errors };
}

export interface HeapSample {
  /** Main-thread V8 heap in use (CDP Performance.getMetrics JSHeapUsedSize). */
  jsHeapUsed: number;
  jsHeapTotal: number;
  /** The same after a forced garbage collection: what the page really keeps. */
  jsHeapUsedAfterGc: number;
}

async function metrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return new Map(list.map((m) => [m.name, m.value]));
}

export async function heapSample(cdp: CDPSession): Promise<HeapSample> {
  const before = await metrics(cdp);
  await cdp.send('HeapProfiler.collectGarbage');
  const after = await metrics(cdp);
  return {
    jsHeapUsed: before.get('JSHeapUsedSize') ?? NaN,
    jsHeapTotal: before.get('JSHeapTotalSize') ?? NaN,
    jsHeapUsedAfterGc: after.get('JSHeapUsedSize') ?? NaN,
  };
}

export interface ProcessMemory {
  type: string;
  pid: number;
  /** Resident set size, bytes. */
  rss: number;
  /** Proportional set size (shared pages split between processes), bytes; NaN where /proc has no smaps_rollup. */
  pss: number;
}

function procMemory(pid: number): { rss: number; pss: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
    return { rss: kb('Rss'), pss: kb('Pss') };
  } catch {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return { rss: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) * 1024, pss: NaN };
    } catch {
      return undefined;
    }
  }
}

/**
 * Memory of every Chromium process of this browser (renderer, GPU, browser,
 * utilities), from the browser's own process list (CDP SystemInfo) and /proc.
 * DuckDB's wasm memory lives in its worker, inside the renderer process, so the
 * renderer's numbers include it while the JS heap above does not.
 */
export async function processMemory(browser: Browser): Promise<ProcessMemory[] | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    const session = await browser.newBrowserCDPSession();
    const info = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    await session.detach();
    const out: ProcessMemory[] = [];
    for (const p of info.processInfo) {
      const m = procMemory(p.id);
      if (m) out.push({ type: p.type, pid: p.id, ...m });
    }
    return out;
  } catch {
    return undefined;
  }
}

/** The WebGL renderer string, to say plainly whether frames were drawn by SwiftShader. */
export function webglRenderer(page: Page): Promise<string> {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return 'no WebGL2';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  });
}
