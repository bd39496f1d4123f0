/**
 * The periodic review report in words: summary sentences generated from the
 * numbers, the tables, the figures' captions and the title block, in
 * Vietnamese or English, as one `ReportDocument` (./report-doc.ts) that the
 * print view, the PDF and the DOCX are written from. Every number in a
 * sentence is also in a table of the same document.
 *
 * Vietnamese conventions: thousands with a dot and decimals with a comma
 * (3.321; 78,4 %), years without separators, "xã" for any commune-level unit
 * in running text, the rating labels of the data's own scale.
 */
import type { BundleManifest } from './bundle.ts';
import type { Rgb, Scene } from './drawing.ts';
import { rgbOf } from './drawing.ts';
import { formatDate, formatNumber, t, type Lang, type MessageKey } from './i18n.ts';
import { allProvincesLabel } from './filters.ts';
import { kindDef, priorityKindsOf } from './priority.ts';
import { coversCountry } from './provinces.ts';
import {
  declinedCommunes,
  goodLevel,
  goodOrBetter,
  improvedCommunes,
  levelDelta,
  provinceRanking,
  reportYear,
  share,
  weakCommunes,
  type ReportData,
  type ReportYear,
} from './report.ts';
import type { DocBlock, DocCell, DocRun, ReportDocument } from './report-doc.ts';
import { levelById, sortedLevels } from './scale.ts';
import { foldText } from './text.ts';

/** What the document needs besides the numbers. */
export interface ReportContext {
  lang: Lang;
  /** Its `priorityKinds` name the kinds (src/model/priority.ts), as the app's filter and legend do. */
  manifest: Pick<BundleManifest, 'title' | 'source' | 'dataDate' | 'illustrative' | 'protected' | 'scale' | 'structures' | 'priorityKinds'>;
  /** The figures, drawn by src/map/report-map.ts for this data. */
  figures: { map: Scene; strip: Scene; provinces?: Scene };
}

/** A priority kind's label, from the manifest's kinds (a kind it forgot: its id). */
export function kindLabel(ctx: Pick<ReportContext, 'lang' | 'manifest'>, kind: string): string {
  return kindDef(priorityKindsOf(ctx.manifest), kind).label[ctx.lang];
}

/**
 * A label inside a sentence: its first letter in lower case unless its first
 * word is an abbreviation ("Biên giới đất liền" → "biên giới đất liền",
 * "Vùng DTTS" → "vùng DTTS", "KCN Vân Phong" stays).
 */
function inSentence(label: string): string {
  const word = label.split(/[\s,(]/)[0];
  if (word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase()) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** Kind ids in the manifest's display order (kinds it does not list after, by id). */
function kindOrder(ctx: Pick<ReportContext, 'manifest'>): (a: string, b: string) => number {
  const order = priorityKindsOf(ctx.manifest).map((k) => k.id);
  const at = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return (a, b) => at(a) - at(b) || a.localeCompare(b);
}

/** The kinds' rows in the manifest's display order. */
function inKindOrder<T extends { kind: string }>(ctx: Pick<ReportContext, 'manifest'>, rows: readonly T[]): T[] {
  const cmp = kindOrder(ctx);
  return [...rows].sort((a, b) => cmp(a.kind, b.kind));
}

const FIXED1: Record<Lang, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/** A share as a percentage with one decimal: "78,4 %", "0,0 %" (a no-break space before %, so it never wraps apart) / "78.4%". */
export function percent(lang: Lang, value: number): string {
  const s = FIXED1[lang].format(value * 100);
  return lang === 'vi' ? `${s}\u00a0%` : `${s}%`;
}

/** A count in the language's format: "3.321" / "3,321". */
export function count(lang: Lang, value: number): string {
  return formatNumber(lang, value);
}

/** A change of a count in words: "giảm 2", "tăng 3", "không đổi" / "down 2", "up 3", "unchanged". */
export function changeWords(lang: Lang, delta: number): string {
  if (delta === 0) return lang === 'vi' ? 'không đổi' : 'unchanged';
  const n = count(lang, Math.abs(delta));
  if (lang === 'vi') return delta < 0 ? `giảm ${n}` : `tăng ${n}`;
  return delta < 0 ? `down ${n}` : `up ${n}`;
}

/** A signed change: "−2", "+3", "0" (a real minus sign). */
export function signed(lang: Lang, delta: number, digits = 0): string {
  // One decimal always when asked for one, so a column reads "+25,0" over "+33,3", not "+25".
  const format = (x: number) => (digits === 1 ? FIXED1[lang].format(x) : formatNumber(lang, x, digits));
  if (delta === 0) return format(0);
  return `${delta < 0 ? '−' : '+'}${format(Math.abs(delta))}`;
}

/** A change of a share (0–1) in percentage points, one decimal always: "−0,4", "+1,2", "+25,0". */
export function points(lang: Lang, delta: number): string {
  const r = Math.round(delta * 1000) / 10;
  return signed(lang, r, 1);
}

/** The weak level's label as it reads after "xã": "Yếu" (the data's scale). */
function weakWord(ctx: ReportContext): string {
  const weak = sortedLevels(ctx.manifest.scale).filter((l) => l.weak);
  return weak.length === 1 ? weak[0].label[ctx.lang] : ctx.lang === 'vi' ? 'yếu' : 'weak';
}

/** "xã, phường, đặc khu" / "communes": what the scope's units are called. */
function unitWords(lang: Lang, structure: string): string {
  if (lang === 'en') return 'communes';
  return structure === '2025' ? 'xã, phường, đặc khu' : 'xã, phường, thị trấn';
}

/** Whether a national report's provinces are the whole country (a folder of one province is not). */
function wholeCountry(data: Pick<ReportData, 'provinces'>): boolean {
  return coversCountry(data.provinces.map((p) => p.code));
}

/**
 * "toàn quốc", "toàn tỉnh", "toàn thành phố" / "the whole country", "the
 * province", "the city"; a national report on part of the country: "toàn bộ
 * dữ liệu (1 tỉnh, thành phố)" / "the data (1 province)".
 */
function scopePhrase(data: ReportData, lang: Lang): string {
  if (data.request.province == null) {
    if (wholeCountry(data)) return lang === 'vi' ? 'toàn quốc' : 'the whole country';
    // Mid-sentence: the words of the scope's label (src/model/filters.ts allProvincesLabel), not capitalised.
    return t(lang, 'describeAllDataInline', { count: count(lang, data.provinces.length) });
  }
  const city = data.provinceType === 'thành phố';
  if (lang === 'vi') return city ? 'toàn thành phố' : 'toàn tỉnh';
  return city ? 'the city' : 'the province';
}

/** " (ước tính theo diện tích)" after a year whose counts are estimates. */
function estMark(y: ReportYear, lang: Lang): string {
  return y.estimated ? ` (${t(lang, 'reviewEstimated')})` : '';
}

/**
 * What a year's weak count (`counted`) is, after the figure: " (ước tính theo
 * diện tích)" for an estimate, " (đếm trên các xã của năm đó)" for a real count
 * in another structure's communes than the report's, nothing otherwise.
 */
function countMark(y: ReportYear, data: ReportData, lang: Lang): string {
  if (y.counted.estimated) return ` (${t(lang, 'reviewEstimated')})`;
  return y.counted.structure !== data.request.structure ? ` (${t(lang, 'reviewCountedOwn')})` : '';
}

/** The summary, one sentence per item; every number is also in a table. */
export function summarySentences(data: ReportData, ctx: ReportContext): DocRun[][] {
  const { lang } = ctx;
  const scale = ctx.manifest.scale;
  const { year, baseYear } = data.request;
  const y = reportYear(data, year);
  const b = reportYear(data, baseYear);
  const weakName = weakWord(ctx);
  const out: DocRun[][] = [];
  const good = goodLevel(scale);
  const goodN = goodOrBetter(y, scale);
  const notRated = y.units - y.rated;
  // The change in words only between two real counts of the same communes.
  const sameUnits = !y.counted.estimated && !b.counted.estimated && y.counted.structure === data.request.structure && b.counted.structure === data.request.structure;
  const yw = y.counted;
  const bw = b.counted;

  if (lang === 'vi') {
    const parts = [`Năm ${year}, ${scopePhrase(data, lang)} có ${count(lang, y.units)} ${unitWords(lang, data.request.structure)}`];
    const tail: string[] = [];
    // The levels of a year on another structure's communes are estimates: said at each figure, since the weak count may be a real one.
    if (good) tail.push(`${count(lang, goodN)} đạt ${good.label.vi} trở lên (${percent(lang, share(goodN, y.rated))})${estMark(y, lang)}`);
    let weakClause = `${count(lang, yw.weak)} xã ${weakName} (${percent(lang, share(yw.weak, yw.rated))})${countMark(y, data, lang)}`;
    if (baseYear !== year) {
      weakClause += sameUnits
        ? `, ${changeWords(lang, yw.weak - bw.weak)} so với năm ${baseYear}`
        : `; năm ${baseYear}: ${count(lang, bw.weak)} xã ${weakName} (${percent(lang, share(bw.weak, bw.rated))})${countMark(b, data, lang)}`;
    }
    tail.push(weakClause);
    if (notRated > 0) tail.push(`${count(lang, notRated)} chưa đánh giá${estMark(y, lang)}`);
    out.push([{ text: `${parts[0]}; ${tail.join(', ')}.` }]);
  } else {
    const tail: string[] = [];
    if (good) tail.push(`${count(lang, goodN)} rated ${good.label.en} or better (${percent(lang, share(goodN, y.rated))})${estMark(y, lang)}`);
    let weakClause = `${count(lang, yw.weak)} ${weakName} (${percent(lang, share(yw.weak, yw.rated))})${countMark(y, data, lang)}`;
    if (baseYear !== year) {
      weakClause += sameUnits
        ? `, ${changeWords(lang, yw.weak - bw.weak)} on ${baseYear}`
        : `; ${baseYear}: ${count(lang, bw.weak)} ${weakName} (${percent(lang, share(bw.weak, bw.rated))})${countMark(b, data, lang)}`;
    }
    tail.push(weakClause);
    if (notRated > 0) tail.push(`${count(lang, notRated)} not rated${estMark(y, lang)}`);
    out.push([{ text: `In ${year}, ${scopePhrase(data, lang)} had ${count(lang, y.units)} ${unitWords(lang, data.request.structure)}; ${tail.join(', ')}.` }]);
  }

  // Progress toward "no commune with a weak movement".
  const weak = weakCommunes(data, scale);
  const longer = weak.filter((c) => c.weakStreak >= 2).length;
  const first = reportYear(data, data.period[0]);
  if (lang === 'vi') {
    let s =
      yw.weak === 0
        ? `Đạt mục tiêu không còn xã có phong trào ${weakName}.`
        : `Chưa đạt mục tiêu không còn xã có phong trào ${weakName}: còn ${count(lang, yw.weak)} xã${longer > 0 ? `, trong đó ${count(lang, longer)} xã ${weakName} từ hai năm liên tiếp trở lên` : ''}.`;
    if (first.year !== year) s += ` Năm ${first.year} có ${count(lang, first.counted.weak)} xã ${weakName} (${percent(lang, share(first.counted.weak, first.counted.rated))})${countMark(first, data, lang)}.`;
    out.push([{ text: s }]);
  } else {
    let s =
      yw.weak === 0
        ? `The target of no commune with a ${weakName.toLowerCase()} movement is met.`
        : `The target of no commune with a ${weakName.toLowerCase()} movement is not met yet: ${count(lang, yw.weak)} remain${longer > 0 ? `, ${count(lang, longer)} of them ${weakName.toLowerCase()} two years running or more` : ''}.`;
    if (first.year !== year) s += ` In ${first.year} there were ${count(lang, first.counted.weak)} (${percent(lang, share(first.counted.weak, first.counted.rated))})${countMark(first, data, lang)}.`;
    out.push([{ text: s }]);
  }

  if (baseYear !== year) {
    const up = improvedCommunes(data, scale).length;
    const down = declinedCommunes(data, scale).length;
    out.push([
      {
        text:
          lang === 'vi'
            ? `So với năm ${baseYear}${estMark(b, lang)}, ${count(lang, up)} xã tiến từ hai mức trở lên, ${count(lang, down)} xã giảm từ hai mức trở lên hoặc xuống mức ${weakName}.`
            : `Since ${baseYear}${estMark(b, lang)}, ${count(lang, up)} communes went up two levels or more and ${count(lang, down)} fell two levels or more or became ${weakName.toLowerCase()}.`,
      },
    ]);
  }

  // The priority kind where weak communes are most common, against the rest.
  const label = (k: string) => kindLabel(ctx, k);
  const kinds = data.kinds.filter((k) => k.rated > 0).sort((a, b2) => share(b2.weak, b2.rated) - share(a.weak, a.rated) || a.kind.localeCompare(b2.kind));
  if (kinds.length > 0 && kinds[0].weak === 0) {
    // No weak commune in any priority area: said so, never "most common" at 0 %.
    const names = kinds.map((k) => label(k.kind));
    out.push([
      {
        text:
          lang === 'vi'
            ? `Không có xã ${weakName} nào ở vùng trọng điểm ${names.map(inSentence).join(', ')}.`
            : `No weak commune in the priority area${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}.`,
      },
    ]);
  } else if (kinds.length > 0) {
    const k = kinds[0];
    out.push([
      {
        text:
          lang === 'vi'
            ? `Vùng trọng điểm có tỉ lệ xã ${weakName} cao nhất là ${inSentence(label(k.kind))}: ${count(lang, k.weak)}/${count(lang, k.rated)} xã (${percent(lang, share(k.weak, k.rated))}), so với ${percent(lang, share(k.restWeak, k.restRated))} ở phần còn lại.`
            : `Weak communes are most common in the priority area "${label(k.kind)}": ${count(lang, k.weak)} of ${count(lang, k.rated)} (${percent(lang, share(k.weak, k.rated))}), against ${percent(lang, share(k.restWeak, k.restRated))} in the rest.`,
      },
    ]);
  }

  if (data.request.province == null && data.provinces.length > 0) {
    const ranked = provinceRanking(data);
    const none = ranked.filter((p) => p.weak === 0).length;
    const top = ranked.filter((p) => p.weak > 0).slice(0, 3);
    const list = top.map((p) => `${p.name} (${percent(lang, share(p.weak, p.rated))})`);
    const joined = list.length > 1 ? `${list.slice(0, -1).join(', ')} ${lang === 'vi' ? 'và' : 'and'} ${list[list.length - 1]}` : (list[0] ?? '');
    out.push([
      {
        text:
          lang === 'vi'
            ? `${count(lang, none)}/${count(lang, ranked.length)} tỉnh, thành phố không còn xã ${weakName}${top.length ? `; tỉ lệ xã ${weakName} cao nhất ở ${joined}` : ''}.`
            : `${count(lang, none)} of ${count(lang, ranked.length)} provinces have no weak commune${top.length ? `; the share is highest in ${joined}` : ''}.`,
      },
    ]);
  }
  return out;
}

/** A rating level's colour square and label, for table cells. */
function levelCell(ctx: ReportContext, id: string | null, short = false): DocCell {
  if (id == null) return '–';
  const l = levelById(ctx.manifest.scale, id);
  if (!l) return id;
  return { text: (short ? l.short : l.label)[ctx.lang], swatch: rgbOf(l.color) as Rgb };
}

/**
 * The whole report: title block, summary, key figures, maps, weak communes,
 * improved and declined communes, priority areas and, for the whole country,
 * the province ranking.
 */
export function buildReportDocument(data: ReportData, ctx: ReportContext): ReportDocument {
  const { lang, manifest } = ctx;
  const scale = manifest.scale;
  const { year, baseYear } = data.request;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params);
  const y = reportYear(data, year);
  const b = reportYear(data, baseYear);
  const label = (k: string) => kindLabel(ctx, k);
  const national = data.request.province == null;
  const blocks: DocBlock[] = [];
  // Tables and figures are numbered in the order they appear.
  const counters = { table: 0, figure: 0 };
  const tableNo = () => ++counters.table;
  const figureNo = () => ++counters.figure;
  const yearStr = String(year);
  const baseStr = String(baseYear);

  const subtitle = [
    !national ? tr('reviewScopeProvince', { province: data.provinceName ?? '' }) : wholeCountry(data) ? tr('reviewScopeNational') : tr('reviewScopeAllData', { count: count(lang, data.provinces.length) }),
    // A report on the data's first year has nothing to compare with ("compared with 2020" in a 2020 report).
    baseYear !== year ? tr('reviewPeriod', { year: yearStr, base: baseStr }) : tr('reviewPeriodAlone', { year: yearStr }),
  ];
  const structure = manifest.structures.find((s) => s.id === data.request.structure);
  if (structure && manifest.structures.length > 1) subtitle.push(structure.label[lang]);
  if (data.request.kinds.length > 0) {
    subtitle.push(tr('reviewKinds', { mode: tr(data.request.kindsMode === 'all' ? 'kindsAll' : 'kindsAny'), kinds: data.request.kinds.map(label).join(', ') }));
  }
  subtitle.push(tr('reviewSourceLine', { source: manifest.source[lang] }));
  subtitle.push(tr('reviewDataDate', { date: formatDate(lang, manifest.dataDate) }) + (manifest.illustrative ? ` · ${tr('illustrative')}` : ''));

  blocks.push({ type: 'heading', level: 1, text: tr('reviewSummary'), id: 'summary' });
  blocks.push({ type: 'bullets', items: summarySentences(data, ctx) });

  // Key figures: every level, this year against the base year.
  blocks.push({ type: 'heading', level: 1, text: tr('reviewKeyFigures'), id: 'key-figures' });
  const compare = baseYear !== year;
  const levelRows: DocCell[][] = sortedLevels(scale).map((l) => {
    const n = y.byLevel[l.id] ?? 0;
    const nb = b.byLevel[l.id] ?? 0;
    const row: DocCell[] = [levelCell(ctx, l.id), count(lang, n), percent(lang, share(n, y.rated))];
    if (compare) row.push(count(lang, nb), percent(lang, share(nb, b.rated)), signed(lang, n - nb));
    return row;
  });
  if (y.units - y.rated > 0 || b.units - b.rated > 0) {
    const row: DocCell[] = [tr('reviewNotRated'), count(lang, y.units - y.rated), ''];
    if (compare) row.push(count(lang, b.units - b.rated), '', signed(lang, y.units - y.rated - (b.units - b.rated)));
    levelRows.push(row);
  }
  const totalRow: DocCell[] = [{ text: tr('reviewTotal'), bold: true }, { text: count(lang, y.units), bold: true }, ''];
  if (compare) totalRow.push({ text: count(lang, b.units), bold: true }, '', '');
  levelRows.push(totalRow);
  const yearHead = (yy: number, est: boolean) => `${yy}${est ? '*' : ''}`;
  blocks.push({
    type: 'table',
    id: 'key-figures',
    caption: compare ? tr('reviewTableLevels', { n: tableNo(), year: yearStr, base: baseStr }) : tr('reviewTableLevelsAlone', { n: tableNo(), year: yearStr }),
    columns: [
      { header: tr('reviewColLevel'), width: 3 },
      { header: `${yearHead(year, y.estimated)}: ${tr('reviewColCount')}`, width: 2, align: 'right' },
      { header: tr('reviewColShare'), width: 1.6, align: 'right' },
      ...(compare
        ? [
            { header: `${yearHead(baseYear, b.estimated)}: ${tr('reviewColCount')}`, width: 2, align: 'right' as const },
            { header: tr('reviewColShare'), width: 1.6, align: 'right' as const },
            { header: tr('reviewColChange'), width: 1.6, align: 'right' as const },
          ]
        : []),
    ],
    rows: levelRows,
    note: y.estimated || b.estimated ? `* ${tr('reviewEstimated')}. ${tr('reviewEstimatedNote')}` : undefined,
  });

  // Progress toward the target, year by year: the app's progress line's counts (each year in its own communes).
  blocks.push({
    type: 'table',
    id: 'progress',
    caption: tr('reviewTableProgress', { n: tableNo() }),
    columns: [
      { header: tr('reviewColYear'), width: 1.2 },
      { header: tr('reviewColRated'), width: 1.8, align: 'right' },
      { header: tr('reviewColWeak'), width: 1.4, align: 'right' },
      { header: tr('reviewColShare'), width: 1.4, align: 'right' },
      { header: tr('reviewColNote'), width: 4.4 },
    ],
    rows: data.years.map((py) => [
      String(py.year),
      count(lang, py.counted.rated),
      { text: count(lang, py.counted.weak), bold: py.year === year },
      percent(lang, share(py.counted.weak, py.counted.rated)),
      countMark(py, data, lang).replace(/^ \((.*)\)$/, '$1'),
    ]),
    note: [tr('progressUnits'), ...(data.years.some((py) => py.counted.estimated) ? [tr('reviewEstimatedNote')] : [])].join(' '),
  });

  blocks.push({ type: 'heading', level: 1, text: tr('reviewMaps'), id: 'maps' });
  blocks.push({ type: 'figure', id: 'map', caption: tr('reviewFigureMap', { n: figureNo(), year: yearStr }), scene: ctx.figures.map });
  blocks.push({
    type: 'figure',
    id: 'strip',
    caption: tr('reviewFigureStrip', { n: figureNo(), first: String(data.period[0]), year: yearStr }),
    scene: ctx.figures.strip,
    note: data.period.some((p) => reportYear(data, p).estimated) ? tr('reviewEstimatedNote') : undefined,
  });

  // Weak communes.
  blocks.push({ type: 'heading', level: 1, text: tr('reviewWeak'), id: 'weak' });
  const weak = weakCommunes(data, scale);
  const periodEst = data.period.map((p) => reportYear(data, p).estimated);
  blocks.push({
    type: 'table',
    id: 'weak-communes',
    caption: tr('reviewTableWeak', { n: tableNo(), year: yearStr }),
    columns: [
      { header: tr('reviewColNo'), width: 0.8, align: 'right' },
      { header: tr('colName'), width: 3.4 },
      ...(national ? [{ header: tr('province'), width: 2.8 }] : []),
      ...data.period.map((p, i) => ({ header: `${p}${periodEst[i] ? '*' : ''}`, width: 1.1, align: 'center' as const })),
      { header: tr('reviewColStreak'), width: 1.5, align: 'right' },
      { header: tr('reviewColKinds'), width: 3 },
      { header: tr('score'), width: 1.1, align: 'right' },
    ],
    rows: weak.map((c, i) => [
      String(i + 1),
      c.name,
      ...(national ? [c.provinceName] : []),
      ...c.history.map((h) => levelCell(ctx, h, true)),
      `${count(lang, c.weakStreak)}${c.streakEstimated ? '*' : ''}`,
      [...c.kinds].sort(kindOrder(ctx)).map(label).join(', '),
      c.score == null ? '–' : formatNumber(lang, c.score, 1),
    ]),
    empty: tr('reviewNoWeak'),
    note: periodEst.some(Boolean) || weak.some((c) => c.streakEstimated) ? `* ${tr('reviewEstimated')}` : undefined,
  });

  if (compare) {
    blocks.push({ type: 'heading', level: 1, text: tr('reviewChanges'), id: 'changes' });
    const changeTable = (id: string, caption: string, list: ReturnType<typeof improvedCommunes>, empty: string): DocBlock => ({
      type: 'table',
      id,
      caption,
      columns: [
        { header: tr('reviewColNo'), width: 0.8, align: 'right' },
        { header: tr('colName'), width: 3.6 },
        ...(national ? [{ header: tr('province'), width: 3 }] : []),
        { header: yearHead(baseYear, b.estimated), width: 1.8 },
        { header: yearHead(year, y.estimated), width: 1.8 },
        { header: tr('reviewColChange'), width: 1.4, align: 'right' },
      ],
      rows: list.map((c, i) => [
        String(i + 1),
        c.name,
        ...(national ? [c.provinceName] : []),
        levelCell(ctx, c.baseRating),
        levelCell(ctx, c.rating),
        signed(lang, -(levelDelta(c, scale) ?? 0)),
      ]),
      empty,
      note: b.estimated ? `* ${tr('reviewEstimated')}` : undefined,
    });
    blocks.push(changeTable('improved', tr('reviewTableImproved', { n: tableNo(), base: baseStr }), improvedCommunes(data, scale), tr('reviewNoImproved')));
    blocks.push(changeTable('declined', tr('reviewTableDeclined', { n: tableNo(), base: baseStr }), declinedCommunes(data, scale), tr('reviewNoDeclined')));
  }

  // Priority areas, each against the rest of the scope.
  blocks.push({ type: 'heading', level: 1, text: tr('reviewPriority'), id: 'priority' });
  blocks.push({
    type: 'table',
    id: 'priority',
    caption: tr('reviewTableKinds', { n: tableNo(), year: yearStr }),
    columns: [
      { header: tr('reviewColKind'), width: 3.4 },
      { header: tr('reviewColUnits'), width: 1.3, align: 'right' },
      { header: tr('reviewColWeak'), width: 1.3, align: 'right' },
      { header: tr('reviewColShare'), width: 1.4, align: 'right' },
      { header: `${tr('reviewColRest')}: ${tr('reviewColUnits').toLowerCase()}`, width: 1.8, align: 'right' },
      { header: tr('reviewColWeak'), width: 1.3, align: 'right' },
      { header: tr('reviewColShare'), width: 1.4, align: 'right' },
    ],
    rows: inKindOrder(ctx, data.kinds).map((k) => [
      label(k.kind),
      count(lang, k.units),
      count(lang, k.weak),
      k.rated ? percent(lang, share(k.weak, k.rated)) : '–',
      count(lang, k.restUnits),
      count(lang, k.restWeak),
      k.restRated ? percent(lang, share(k.restWeak, k.restRated)) : '–',
    ]),
    empty: tr('reviewNoKinds'),
  });

  if (national && data.provinces.length > 0) {
    blocks.push({ type: 'heading', level: 1, text: tr('reviewProvinces'), id: 'provinces' });
    blocks.push({
      type: 'table',
      id: 'provinces',
      caption: tr('reviewTableProvinces', { n: tableNo(), year: yearStr }),
      columns: [
        { header: tr('reviewColRank'), width: 0.9, align: 'right' },
        { header: tr('province'), width: 3.6 },
        { header: tr('reviewColUnits'), width: 1.3, align: 'right' },
        { header: tr('reviewColWeak'), width: 1.2, align: 'right' },
        { header: tr('reviewColShare'), width: 1.3, align: 'right' },
        ...(compare
          ? [
              { header: `${yearHead(baseYear, b.estimated)}: ${tr('reviewColShare').toLowerCase()}`, width: 1.6, align: 'right' as const },
              { header: tr('reviewColShareChange'), width: 1.6, align: 'right' as const },
            ]
          : []),
      ],
      rows: provinceRanking(data).map((p, i) => [
        String(i + 1),
        p.name,
        count(lang, p.units),
        count(lang, p.weak),
        percent(lang, share(p.weak, p.rated)),
        ...(compare ? [percent(lang, share(p.baseWeak, p.baseRated)), points(lang, share(p.weak, p.rated) - share(p.baseWeak, p.baseRated))] : []),
      ]),
      note: b.estimated && compare ? `* ${tr('reviewEstimated')}` : undefined,
    });
    if (ctx.figures.provinces) {
      blocks.push({ type: 'figure', id: 'provinces-map', caption: tr('reviewFigureProvinces', { n: figureNo(), year: yearStr }), scene: ctx.figures.provinces });
    }
  }

  const title = tr('reviewTitle', { year: yearStr });
  return {
    lang,
    title: national ? title : `${title} — ${data.provinceName ?? ''}`,
    subtitle,
    marking: manifest.protected ? tr('internalDocument') : undefined,
    footer: [national ? allProvincesLabel(lang, data.provinces.map((p) => p.code)) : (data.provinceName ?? ''), yearStr, ...(manifest.illustrative ? [tr('illustrative')] : [])].join(' · '),
    pageLabel: { before: tr('reviewPage'), between: tr('reviewPageOf') },
    blocks,
  };
}

/**
 * File name of a report, ASCII only so it survives any shared drive:
 * `bao-cao-2025-toan-quoc.pdf`, `bao-cao-2025-40-tinh-nghe-an.docx`,
 * `report-2025-national.pdf`.
 */
export function reportFileName(data: Pick<ReportData, 'request' | 'provinceName' | 'provinces'>, lang: Lang, extension: string): string {
  const slug = (s: string) =>
    foldText(s)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const whole = lang === 'vi' ? (wholeCountry(data) ? 'toan-quoc' : 'toan-bo-du-lieu') : wholeCountry(data) ? 'national' : 'all-data';
  const scope = data.request.province == null ? whole : `${slug(data.request.province)}-${slug(data.provinceName ?? '')}`;
  return `${lang === 'vi' ? 'bao-cao' : 'report'}-${data.request.year}-${scope}.${extension}`;
}
