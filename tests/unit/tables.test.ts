/** Bundle tables as Arrow IPC (src/io/tables.ts), read back by Arrow and by DuckDB. */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { toArrowStream, type ColumnSpec } from '../../src/io/tables.ts';
import { nodeDuckDB } from './node-duckdb.ts';

const cols = (n: number): ColumnSpec[] => [
  { name: 'code', type: 'utf8', values: Array.from({ length: n }, (_, i) => (i % 3 === 2 ? null : `0000${i % 2}`)) },
  { name: 'name', type: 'utf8', values: Array.from({ length: n }, () => null) },
  { name: 'n', type: 'int32', values: Array.from({ length: n }, (_, i) => i) },
  { name: 'flag', type: 'bool', values: Array.from({ length: n }, (_, i) => (i === 1 ? null : i % 2 === 0)) },
];

describe('bundle tables', () => {
  it('dictionary-encodes strings and reads them back, nulls included, in Arrow and in DuckDB as VARCHAR', async () => {
    const bytes = toArrowStream(cols(5));
    const t = tableFromIPC(bytes);
    expect(String(t.schema.fields[0].type)).toBe('Dictionary<Int32, Utf8>');
    expect([...t.getChild('code')!]).toEqual(['00000', '00001', null, '00001', '00000']);
    expect([...t.getChild('flag')!]).toEqual([true, null, true, false, true]);
    const db = await nodeDuckDB();
    await db.insertArrowIPC('t', bytes);
    const types = await db.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position");
    expect(types.toArray().map((r) => `${r.toJSON().column_name}:${r.toJSON().data_type}`)).toEqual(['code:VARCHAR', 'name:VARCHAR', 'n:INTEGER', 'flag:BOOLEAN']);
    const rows = await db.query('SELECT code, name, n, flag FROM t ORDER BY n');
    expect(rows.toArray().map((r) => Object.values(r.toJSON()))).toEqual([
      ['00000', null, 0, true], ['00001', null, 1, null], [null, null, 2, true], ['00001', null, 3, false], ['00000', null, 4, true],
    ]);
    await db.close();
  });

  it('writes an empty table DuckDB can load (an empty table has no dictionary to send)', async () => {
    const db = await nodeDuckDB();
    await db.insertArrowIPC('empty', toArrowStream(cols(0)));
    expect(Number((await db.query('SELECT count(*) AS n FROM empty')).get(0)!.toJSON().n)).toBe(0);
    await db.close();
  });
});
