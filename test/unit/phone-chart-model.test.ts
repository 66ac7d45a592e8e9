import { describe, expect, it } from 'vitest';
import type { ChartModel, Panel, PanelId } from '../../src/reports/charts/chart-model';
import { phoneChartModel } from '../../src/reports/charts/phone-chart.model';

// The chat's chart as data: price on top, then the two panels that say most; the rest named in one line.

const DATES = ['2021-01-21', '2021-01-22', '2021-01-25', '2021-01-26', '2021-01-27'];

function panel(id: PanelId, values: (number | null)[] = [1, 2, 3, 4, 5]): Panel {
  return {
    id,
    title: `${id} (full title)`,
    weight: 2,
    left: { title: id, format: 'number' },
    series: [
      { kind: 'line', id: 'main', label: id, color: '#000', axis: 'left', values },
      { kind: 'line', id: 'fuel', label: 'fuel', color: '#000', axis: 'left', values },
    ],
    thresholds: [{ label: 'high 0.80', value: 0.8, color: '#f00', axis: 'left' }],
    markers: [],
    notes: ['a long note the phone has no room for'],
    empty: false,
  };
}

function model(panels: Panel[], leftOut: ChartModel['leftOut'] = []): ChartModel {
  return { title: 'GME', subtitle: 'full', dates: DATES, panels, notes: [], leftOut };
}

describe('phone chart model', () => {
  it('keeps price and the two panels that say most, in the full chart’s order', () => {
    const m = phoneChartModel(
      model([panel('price'), panel('short_volume'), panel('short_interest'), panel('score'), panel('off_exchange')]),
      '3m',
      '2021-01-27',
    );
    expect(m.panels.map((p) => p.id)).toEqual(['price', 'short_interest', 'score']);
    expect(m.notes).toEqual(['Left out: no room for short ratio, off-exchange (the full chart has them).']);
    expect(m.leftOut.map((l) => l.id)).toEqual(['short_volume', 'off_exchange']);
  });

  it('ranks a score panel of one or two dots below every other panel with data', () => {
    const m = phoneChartModel(
      model([panel('price'), panel('short_volume'), panel('score', [null, null, null, 0.5, null]), panel('borrow')]),
      '3m',
      '2021-01-27',
    );
    expect(m.panels.map((p) => p.id)).toEqual(['price', 'short_volume', 'borrow']);
  });

  it('puts the full chart’s no-data reasons and the no-room panels in one line', () => {
    const m = phoneChartModel(
      model(
        [panel('price'), panel('short_volume'), panel('score'), panel('fails')],
        [
          { id: 'short_interest', reason: 'no short-interest report in this range' },
          { id: 'borrow', reason: 'no borrow data' },
        ],
      ),
      '3m',
      '2021-01-27',
    );
    expect(m.notes).toEqual([
      'Left out: no short-interest report in this range; no borrow data; no room for fails to deliver (the full chart has them).',
    ]);
  });

  it('draws short titles, no panel notes, no fuel line and no threshold legend', () => {
    const m = phoneChartModel(model([panel('price'), panel('score')]), '3m', '2021-01-27');
    const score = m.panels[1]!;
    expect(score.title).toBe('Squeeze score');
    expect(score.notes).toEqual([]);
    expect(score.series.map((s) => s.id)).toEqual(['main']);
    expect(score.thresholds).toEqual([{ label: '', value: 0.8, color: '#f00', axis: 'left' }]);
    expect(m.notes).toEqual([]);
    expect(m.subtitle).toBe('3m to 2021-01-27 · 5 sessions');
  });
});
