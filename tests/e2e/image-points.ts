/**
 * Reading an exported map image (PNG): getting it (the export's button clicked
 * without waiting, the download's bytes), where a point of the live map lands
 * in the image, the colour there, and how much of a region is near a colour.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import type { PNG } from 'pngjs';
import type { Rect } from '../../src/map/print-layout.ts';
import { hexToRgb } from '../../src/model/scale.ts';

/**
 * Clicks a button and returns at once: an export keeps the page's main thread
 * busy (software WebGL at print size, PNG encoding, a zip of slides), and
 * playwright's click would otherwise time out waiting for the page to answer
 * after the click.
 */
export async function clickLater(page: Page, testId: string): Promise<void> {
  await page.evaluate((id) => {
    setTimeout(() => (document.querySelector(`[data-testid="${id}"]`) as HTMLButtonElement).click(), 0);
  }, testId);
}

/** The bytes of a finished download. */
export async function bytesOf(download: Download): Promise<Buffer> {
  return readFileSync((await download.path())!);
}

/**
 * How many sampled pixels of a region of a PNG are within `tol` of a colour
 * (on every channel). One pixel in `step` is read along each axis: a count to
 * compare between regions and colours of the same call, not an area.
 */
export function near(png: PNG, r: Rect, hex: string, options: { tol?: number; step?: number } = {}): number {
  const { tol = 24, step = 3 } = options;
  const [cr, cg, cb] = hexToRgb(hex);
  let n = 0;
  for (let y = Math.floor(r.y); y < r.y + r.h; y += step)
    for (let x = Math.floor(r.x); x < r.x + r.w; x += step) {
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i] - cr) <= tol && Math.abs(png.data[i + 1] - cg) <= tol && Math.abs(png.data[i + 2] - cb) <= tol) n++;
    }
  return n;
}

/**
 * Where the live map's screen points land in an image exported from it now.
 * The export draws the same centre, zoomed so the extent on screen just fits
 * the image's map rectangle `rect`, at `ratio` output pixels per CSS pixel
 * (src/ui/briefing/mapAtResolution.ts): offsets from the centre scale by the
 * zoom's factor, then by the ratio.
 */
export async function imagePoints(page: Page, rect: Rect, ratio: number): Promise<(at: [number, number]) => [number, number]> {
  const box = await page.evaluate(() => {
    const el = document.querySelector('.stage .map') as HTMLElement;
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, w: el.clientWidth, h: el.clientHeight };
  });
  const cssW = Math.max(1, Math.round(rect.w / ratio));
  const cssH = Math.max(1, Math.round(rect.h / ratio));
  const factor = Math.min(cssW / box.w, cssH / box.h);
  return ([x, y]) => [
    rect.x + (cssW / 2 + factor * (x - box.left - box.w / 2)) * (rect.w / cssW),
    rect.y + (cssH / 2 + factor * (y - box.top - box.h / 2)) * (rect.h / cssH),
  ];
}

/**
 * The median colour of the pixels within `radius` of (x, y) (3×3 by default), so
 * a hairline border through one pixel does not decide it; an image drawn at
 * several output pixels per screen pixel (A4 at 300 dpi) reads a wider square,
 * as wide as a screen pixel or two, for its thicker lines.
 */
export function pngColour(png: PNG, x: number, y: number, radius = 1): [number, number, number] {
  const cx = Math.round(x), cy = Math.round(y);
  const channels: number[][] = [[], [], []];
  for (let dy = -radius; dy <= radius; dy++)
    for (let dx = -radius; dx <= radius; dx++) {
      const i = ((cy + dy) * png.width + (cx + dx)) * 4;
      for (let c = 0; c < 3; c++) channels[c].push(png.data[i + c]);
    }
  return channels.map((v) => v.sort((a, b) => a - b)[v.length >> 1]) as [number, number, number];
}
