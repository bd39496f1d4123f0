/** The weak-share chart's lines: counted stretches solid, stretches touching an estimate dashed (src/ui/planner/charts/LineChart.tsx). */
import { describe, expect, it } from 'vitest';
import { lineRuns, type LinePoint } from '../../src/ui/planner/charts/LineChart.tsx';

const p = (year: number, value: number | null, estimated = false): LinePoint => ({ year, value, estimated });
const shape = (points: LinePoint[]) => lineRuns(points).map((r) => [r.estimated ? 'dashed' : 'solid', ...r.points.map((q) => q.year)]);

describe('lineRuns', () => {
  it('draws counted years as one solid run', () => {
    expect(shape([p(2011, 0.08), p(2012, 0.07), p(2013, 0.06)])).toEqual([['solid', 2011, 2012, 2013]]);
  });
  it('dashes every stretch that touches an estimated year', () => {
    expect(shape([p(2011, 0.1, true), p(2012, 0.1, true), p(2013, 0.09), p(2014, 0.08), p(2015, 0.07, true)])).toEqual([
      ['dashed', 2011, 2012, 2013],
      ['solid', 2013, 2014],
      ['dashed', 2014, 2015],
    ]);
  });
  it('breaks the line at years without a value, and draws nothing for a lone point', () => {
    expect(shape([p(2011, 0.1), p(2012, null), p(2013, 0.09), p(2014, 0.08)])).toEqual([['solid', 2013, 2014]]);
    expect(shape([p(2011, 0.1)])).toEqual([]);
    expect(shape([])).toEqual([]);
  });
});
