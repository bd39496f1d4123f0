/**
 * Drives Debian's Firefox ESR (never a downloaded browser) through
 * puppeteer-core over WebDriver BiDi, under a private Xvfb display: headless
 * Firefox has no WebGL without a display. Playwright's Firefox needs its own
 * patched build, which cannot be downloaded here; the stock browser speaks BiDi.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Evaluates } from './browser.ts';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const XVFB = '/usr/bin/Xvfb';

export interface FirefoxSession {
  browser: Browser;
  close(): Promise<void>;
}

/** Starts Xvfb on a free display (it picks one and writes its number to fd 3). */
function startXvfb(): Promise<{ proc: ChildProcess; display: string }> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within 10 s: ${err}`)), 10_000);
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdio[3]!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolvePromise({ proc, display: `:${out.trim()}` });
      }
    });
    proc.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${err}`));
    });
  });
}

/** Launches Firefox ESR on its own Xvfb display. Throws with what to install when either is missing. */
export async function launchFirefox(): Promise<FirefoxSession> {
  for (const [path, pkg] of [[FIREFOX, 'firefox-esr'], [XVFB, 'xvfb']] as const) {
    if (!existsSync(path)) throw new Error(`${path} not found: install Debian's ${pkg} (apt-get install firefox-esr xvfb xauth), as .ci/run does`);
  }
  const xvfb = await startXvfb();
  try {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: false,
      env: { ...process.env, DISPLAY: xvfb.display },
      defaultViewport: { width: 1280, height: 800 },
      // puppeteer's profile relaxes this policy, which would hide what a user's Firefox refuses on file://.
      extraPrefsFirefox: {
        'security.fileuri.strict_origin_policy': true,
        'network.proxy.type': 0,
        'app.update.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
      },
    });
    return {
      browser,
      async close() {
        await browser.close().catch(() => undefined);
        xvfb.proc.kill();
      },
    };
  } catch (e) {
    xvfb.proc.kill();
    throw e;
  }
}

export interface WatchedFirefox {
  page: Page;
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

/** Opens a page that records requests, console errors and uncaught errors. */
export async function openWatchedFirefox(browser: Browser, url: string): Promise<WatchedFirefox> {
  const page = await browser.newPage();
  const w: WatchedFirefox = { page, requests: [], consoleErrors: [], pageErrors: [] };
  page.on('request', (r) => w.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => w.pageErrors.push(String(e)));
  await page.goto(url);
  return w;
}

/** puppeteer's page as the shared pixel/projection helpers take it (its evaluate passes arguments through a serialiser type). */
export function evaluator(page: Page): Evaluates {
  return { evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => unknown, arg) as Promise<never> };
}
