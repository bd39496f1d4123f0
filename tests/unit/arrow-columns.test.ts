import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { toArrowStream } from '../../src/io/tables.ts';

describe('Arrow columns without builders (CSP-safe)', () => {
  it('round-trips strings, numbers and nulls', () => {
    const bytes = toArrowStream([
      { name: 'code', type: 'utf8', values: ['00001', null, 'Xã Đồng Văn', ''] },
      { name: 'year', type: 'int16', values: [2011, 2025, null, -1] },
      { name: 'score', type: 'float32', values: [1.5, null, 99, 0] },
      { name: 'area', type: 'float64', values: [0.125, 1e6, null, 3] },
    ]);
    const t = tableFromIPC(bytes);
    expect(t.toArray().map((r) => r.toJSON())).toEqual([
      { code: '00001', year: 2011, score: 1.5, area: 0.125 },
      { code: null, year: 2025, score: null, area: 1e6 },
      { code: 'Xã Đồng Văn', year: null, score: 99, area: null },
      { code: '', year: -1, score: 0, area: 3 },
    ]);
  });
  it('never compiles code at run time', () => {
    const original = globalThis.Function;
    globalThis.Function = new Proxy(original, { construct: () => { throw new Error('new Function used'); }, apply: () => { throw new Error('Function used'); } });
    try {
      expect(() => toArrowStream([{ name: 'x', type: 'utf8', values: ['a', null] }])).not.toThrow();
    } finally {
      globalThis.Function = original;
    }
  });
});

describe('stringColumn', () => {
  it('reads ASCII, Vietnamese text and nulls as Arrow does, across batches', async () => {
    const { stringColumn } = await import('../../src/db/arrow-strings.ts');
    const { Table } = await import('apache-arrow');
    const a = tableFromIPC(toArrowStream([{ name: 'code', type: 'utf8', values: ['00001', null, '00003', ''] }]));
    const b = tableFromIPC(toArrowStream([{ name: 'code', type: 'utf8', values: ['Xã Đồng Văn', null, 'Lũng Cú'] }]));
    expect(stringColumn(a, 'code')).toEqual(['00001', null, '00003', '']);
    expect(stringColumn(b, 'code')).toEqual(['Xã Đồng Văn', null, 'Lũng Cú']);
    const both = new Table([...a.batches, ...b.batches]);
    expect(stringColumn(both, 'code')).toEqual([...a.getChild('code')!.toArray(), ...b.getChild('code')!.toArray()]);
    expect(stringColumn(a, 'missing')).toEqual([null, null, null, null]);
  });
});
