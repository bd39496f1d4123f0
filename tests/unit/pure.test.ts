import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { classicHtml } from '../../scripts/lib/portable-folder-plugin.ts';
import { choroplethProps, labelProps, ratingColors } from '../../src/map/layers.ts';
import type { UnitFeature } from '../../src/map/boundaries.ts';
import { classicWorkerSource } from '../../src/map/worker-source.ts';
import { base64ToBytes, decodePart, payloadToScript, validatePayload } from '../../src/model/bundle.ts';
import { formatNumber, messageKeys, t, tBoth } from '../../src/model/i18n.ts';
import { DEFAULT_SCALE, hexToRgb, levelById, sortedLevels, weakLevelIds } from '../../src/model/scale.ts';
import { characterSetOf, cleanName, foldText } from '../../src/model/text.ts';
import { Timeline } from '../../src/model/timeline.ts';
import { miniPayload } from '../fixtures/mini-bundle.ts';

describe('text', () => {
  it('folds Vietnamese for matching: "dong van" finds "Đồng Văn"', () => {
    expect(foldText('Đồng Văn')).toBe('dong van');
    expect(foldText('  Xã   LŨNG Cú ')).toBe('xa lung cu');
    expect(foldText('Đắk Lắk'.normalize('NFD'))).toBe('dak lak');
  });
  it('normalises names to NFC and never trusts non-strings', () => {
    const nfd = 'Hà Giang'.normalize('NFD');
    expect(nfd).not.toBe('Hà Giang');
    expect(cleanName(nfd)).toBe('Hà Giang');
    expect(cleanName(undefined)).toBe('');
    expect(cleanName(42)).toBe('');
  });
  it('builds a character set from names', () => {
    expect(characterSetOf(['Hà', 'Hả'])).toEqual(['H', 'à', 'ả']);
  });
});

describe('i18n', () => {
  it('has every key in both languages, none empty, placeholders matching', () => {
    for (const key of messageKeys()) {
      const vi = t('vi', key);
      const en = t('en', key);
      expect(vi.length, key).toBeGreaterThan(0);
      expect(en.length, key).toBeGreaterThan(0);
      expect(vi.match(/\{\w+\}/g)?.sort(), key).toEqual(en.match(/\{\w+\}/g)?.sort());
    }
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('vi', 'weakCount', { year: 2025, count: 3, total: 10 })).toBe('Xã yếu năm 2025: 3 / 10');
    expect(tBoth('errorDataMissing', { file: 'x.js' }).en).toContain('x.js');
    expect(t('en', 'weakCount', { year: 2025 })).toContain('{count}');
  });
  it('formats numbers the Vietnamese and the English way', () => {
    expect(formatNumber('vi', 10600)).toBe('10.600');
    expect(formatNumber('en', 10600)).toBe('10,600');
    expect(formatNumber('vi', 12.25, 1)).toBe('12,3');
  });
});

describe('rating scale', () => {
  it('orders the default levels best first and marks Yếu as weak', () => {
    expect(sortedLevels(DEFAULT_SCALE).map((l) => l.label.vi)).toEqual(['Xuất sắc', 'Khá', 'Trung bình', 'Yếu']);
    expect(weakLevelIds(DEFAULT_SCALE)).toEqual(['Y']);
    expect(levelById(DEFAULT_SCALE, 'nope')).toBeUndefined();
  });
  it('parses colours strictly', () => {
    expect(hexToRgb('#d7191c')).toEqual([215, 25, 28]);
    expect(() => hexToRgb('red')).toThrow(/not a #rrggbb/);
  });
});

describe('bundle format', () => {
  it('accepts the mini bundle and round-trips a part', async () => {
    const p = miniPayload();
    expect(validatePayload(p)).toEqual([]);
    const bytes = await decodePart(p.parts.boundaries);
    expect(JSON.parse(new TextDecoder().decode(bytes)).type).toBe('Topology');
    expect(payloadToScript(p)).toMatch(/^globalThis\.__MOVEMENT_ATLAS_BUNDLE__ = \{/);
  });
  it('explains what is wrong with a damaged payload', () => {
    expect(validatePayload(null)).toEqual(['payload is not an object']);
    expect(validatePayload({})).toEqual(['manifest missing']);
    const p = miniPayload();
    delete (p.parts as Record<string, string>).ratings;
    (p.manifest as { version: number }).version = 9;
    expect(validatePayload(p)).toEqual(['version is 9, expected 1', 'part ratings missing']);
  });
  it('decodes base64 without Buffer', () => {
    expect([...base64ToBytes('AAEC/w==')]).toEqual([0, 1, 2, 255]);
  });
});

describe('portable build', () => {
  it('turns module tags into a classic deferred script after the data and the first paint, and drops crossorigin', () => {
    const html = '<script type="module" crossorigin src="./assets/app.js"></script><link rel="stylesheet" crossorigin href="./assets/style.css">';
    expect(classicHtml(html)).toBe(
      '<script defer src="./data/atlas-data.js"></script><script defer src="./assets/poster.js"></script>' +
        '<script defer src="./assets/app.js"></script><link rel="stylesheet" href="./assets/style.css">',
    );
  });
  it('makes a classic worker of MapLibre\'s module worker', () => {
    const require = createRequire(import.meta.url);
    const src = readFileSync(require.resolve('maplibre-gl/dist/maplibre-gl-worker.mjs'), 'utf8');
    const classic = classicWorkerSource(src);
    expect(classic).not.toMatch(/\bexport\s*\{/);
    expect(classic.length).toBeGreaterThan(src.length - 200);
    expect(() => classicWorkerSource('self.x = 1;')).toThrow(/unexpected shape/);
  });
});

describe('layer factories', () => {
  const features: UnitFeature[] = ['00001', '00002', '00003'].map((code, index) => ({
    type: 'Feature',
    properties: { code, index },
    geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
  }));
  it('colours units by rating and greys those without one', () => {
    const colors = ratingColors(features, new Map([['00001', 'Y'], ['00002', 'XS']]), DEFAULT_SCALE);
    expect([...colors]).toEqual([215, 25, 28, 235, 44, 123, 182, 235, 217, 217, 217, 235]);
  });
  it('fades units outside the filter instead of hiding them', () => {
    const colors = ratingColors(features, new Map([['00001', 'Y'], ['00002', 'XS']]), DEFAULT_SCALE, new Set(['00001']));
    expect([colors[3], colors[7], colors[11]]).toEqual([235, 45, 45]);
  });
  it('recolours through updateTriggers without touching geometry', () => {
    const colors = ratingColors(features, new Map([['00003', 'K']]), DEFAULT_SCALE);
    const props = choroplethProps({ id: 'c', features, colors, colorVersion: 7 });
    expect(props.updateTriggers).toEqual({ getFillColor: 7 });
    expect(props.data).toBe(features);
    // Borders are a hairline layer of their own, not a stroke per unit.
    expect(props.stroked).toBe(false);
    expect(props.getFillColor(features[2], { target: [0, 0, 0, 0] })).toEqual([171, 217, 233, 235]);
  });
  it('labels use the bundled font and an explicit character set', () => {
    const p = labelProps('l', [{ text: 'Hà Giang', position: [105, 23] }], ['H', 'à'], 13);
    expect(p.fontFamily).toMatch(/^"Be Vietnam Pro"/);
    expect(p.characterSet).toEqual(['H', 'à']);
  });
});

describe('timeline', () => {
  it('records steps, durations and failures', async () => {
    let now = 0;
    const tl = new Timeline(() => now);
    tl.begin('a');
    now = 5;
    tl.end('a');
    await expect(
      tl.run('b', () => {
        now = 9;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    tl.record('c', 2);
    expect(tl.list()).toEqual([
      { step: 'a', start: 0, end: 5, error: undefined },
      { step: 'b', start: 5, end: 9, error: 'boom' },
      { step: 'c', start: 7, end: 9 },
    ]);
  });
});

describe('dates', () => {
  it('formats the data date the Vietnamese and the English way', async () => {
    const { formatDate } = await import('../../src/model/i18n.ts');
    expect(formatDate('vi', '2025-12-31')).toBe('31/12/2025');
    expect(formatDate('en', '2025-12-31')).toBe('31 December 2025');
    expect(formatDate('vi', 'not a date')).toBe('not a date');
  });
});
