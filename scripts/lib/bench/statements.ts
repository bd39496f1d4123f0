/**
 * What DuckDB was asked and what each answer cost, from the requests the
 * benchmark's instrumentation saw go to DuckDB's worker (instrument.ts): the
 * statements of a cold start (tables, series parts, the first year table and
 * list) and those run for the first time during the interactions (a new year's
 * table), so a slow statement is found from the numbers, not by guessing.
 */
import type { DuckdbRequest } from './instrument.ts';
import { summarize, type Summary } from './stats.ts';

/** A request with what it cost DuckDB's worker (and the page's thread to take its answer). */
export interface Timed extends DuckdbRequest {
  /** ms: answer − max(post, previous answer). DuckDB's worker answers one request at a time, in order. */
  cost: number;
  /** ms: answer − post (queueing behind earlier requests included). */
  wait: number;
  label: string;
}

/** What a statement is, in words, from its text (names made by a counter are normalised). */
export function labelOf(r: Pick<DuckdbRequest, 'type' | 'sql'>): string {
  const sql = r.sql;
  let m: RegExpExecArray | null;
  if ((m = /^INSERT ARROW INTO (\S+)( \(append\))?/.exec(sql))) {
    const table = m[1];
    if (table === 'series') return 'insert a shipped series part (a structure, every year)';
    if (/^worklist_year_\d+__rows$/.test(table)) return "year table: insert the year's rows cut from the shipped series";
    return `insert table ${table.replace(/__staging$/, '')}`;
  }
  if (/^CREATE OR REPLACE TABLE worklist_year_\d+ AS SELECT code, name/.test(sql)) return 'year table: made from the shipped rows';
  if (/^CREATE OR REPLACE TABLE worklist_year_\d+ AS SELECT .* FROM series WHERE/.test(sql)) return 'year table: made from the series table (shipped columns)';
  if (/^CREATE OR REPLACE TABLE worklist_year_\d+ AS WITH streak/.test(sql)) return 'year table: built from series, units and priority (joins, aggregates)';
  if (/^INSERT INTO series WITH/.test(sql)) return 'series: worked out in the browser (not shipped)';
  if (/^SELECT code, name, unit_type, .* FROM worklist_year_\d+ WHERE/.test(sql)) return 'worklist query';
  if (/^SELECT count\(\*\) AS n FROM worklist_year_\d+/.test(sql)) return 'worklist count';
  if (/^SELECT province_code, province_name, rating, rating_order, CAST\(count/.test(sql)) return 'chart: ratings by province';
  if (/^SELECT code, year, rating FROM series/.test(sql)) return "map colours: every year's ratings of a structure";
  if (/^WITH rated AS/.test(sql)) return 'chart: weak share by year';
  const short = sql.replace(/worklist_year_\d+/g, 'worklist_year_#').replace(/\?(, \?)+/g, '?, …');
  return `${r.type === 'RUN_QUERY' ? '' : `${r.type.toLowerCase()}: `}${short.length > 90 ? `${short.slice(0, 87)}…` : short}`;
}

/** Costs of a request log, in order of answers. */
export function timed(log: DuckdbRequest[]): Timed[] {
  const sorted = [...log].sort((a, b) => a.t1 - b.t1);
  let last = -Infinity;
  return sorted.map((r) => {
    const cost = r.t1 - Math.max(r.t0, last);
    last = r.t1;
    return { ...r, cost, wait: r.t1 - r.t0, label: labelOf(r) };
  });
}

/** The statements run for the first time after `since` (later runs of the same statement are left out). */
export function firstUses(log: Timed[], since: number): Timed[] {
  const seen = new Set(log.filter((r) => r.t1 < since).map((r) => r.sql.replace(/worklist_year_\d+/g, '#')));
  const out: Timed[] = [];
  for (const r of log) {
    if (r.t1 < since || r.type === 'CLOSE_PREPARED') continue;
    const key = r.sql.replace(/worklist_year_\d+/g, '#');
    // Inserts and table builds are first uses by nature (a new year's table); a repeated query is not.
    const build = r.type === 'INSERT_ARROW_FROM_IPC_STREAM' || /^(CREATE|INSERT|DROP)/.test(r.sql);
    if (seen.has(key) && !build) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** Cost of the worklist queries answered after `since`, as DuckDB's worker gave them. */
export function worklistCosts(log: Timed[], since: number): Summary {
  return summarize(log.filter((r) => r.t1 >= since && r.label === 'worklist query').map((r) => r.cost));
}

const f = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(1) : v.toFixed(0)) : '—');

/** A printable list: when answered, its cost, its wait in the queue, what it was. */
export function statementTable(rows: Timed[], indent = '    '): string {
  if (!rows.length) return `${indent}(none)`;
  const head = `${indent}${'answered'.padStart(8)} ${'cost'.padStart(6)} ${'waited'.padStart(7)}  statement`;
  return [
    head,
    ...rows.map((r) => `${indent}${f(r.t1).padStart(8)} ${f(r.cost).padStart(6)} ${f(r.wait).padStart(7)}  ${r.label}${r.bytes ? ` (${(r.bytes / 1e6).toFixed(2)} MB)` : ''}${r.ok ? '' : ' — FAILED'}`),
  ].join('\n');
}
