import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/present/html';
import type { Window } from '../../src/learning/learning-reads';
import { missedText } from '../../src/learning/learning-text';
import type { MissedRow } from '../../src/learning/missed-patterns';
import { seedThresholds, testConfig } from '../support/config';

// /missed's headline counts names (distinct symbols), not rows: the tracker records a name once for
// every day a run passed it over, so one name cut on many days is many rows.

const config = testConfig(seedThresholds);
const window: Window = { origin: 'live', from: '2021-01-01', to: '2021-01-30', days: 30, otherCount: 0 };

function row(symbol: string, asOf: string): MissedRow {
  return {
    symbol,
    asOf,
    stage: 'volume_filtering',
    criterion: 'insufficient_volume_spike',
    value: 2.6,
    threshold: 3,
    price: 3.5,
    features: {},
    peakReturn: 0.5,
    daysToPeak: 4,
  };
}
const days = (symbol: string, n: number) =>
  Array.from({ length: n }, (_, i) => row(symbol, `2021-01-${String(i + 4).padStart(2, '0')}`));
// the reply wraps at 36 columns: the headline's words with its line breaks as spaces
const headline = (rows: MissedRow[]) =>
  htmlToText(missedText(window, rows, [], config))
    .split('\n\n')[1]!
    .replace(/\s+/g, ' ');

describe('/missed text', () => {
  it('counts distinct symbols when names were passed over on several days', () => {
    const rows = [...days('AAA', 5), ...days('BBB', 3), ...days('CCC', 1)];
    expect(headline(rows)).toMatch(/^3 names \(on 9 passed-over days\) the pipeline cut/);
  });

  it('says one name once however many days it was cut', () => {
    expect(headline(days('GME', 4))).toMatch(/^1 name \(on 4 passed-over days\) the pipeline/);
  });

  it('keeps the plain count when every name was passed over once', () => {
    expect(headline([row('AAA', '2021-01-04'), row('BBB', '2021-01-04')])).toMatch(/^2 names the pipeline cut/);
  });
});
