import { describe, expect, it } from 'vitest';
import type { EvaluatedRun, PipelineResult } from '../../src/pipeline/pipeline.service';
import { createScanService, type HistoryFill } from '../../src/pipeline/scan.service';
import { fakeClock } from '../../src/shared/clock';

// Only a run for the current trading day (by the injected clock) reaches the alert engine and the
// learning tracker; the alert engine first, so the tracker can join the run's alerts by id. A run of
// today whose list rests on the volume proxy gets the listed names' history, then is evaluated again.

type Row = { symbol: string; source: 'volume_detector' | 'adhoc'; proxy: boolean };
const ranked = (rows: Row[]) =>
  rows.map((r, i) => ({
    symbol: r.symbol,
    source: r.source,
    rank: i + 1,
    metrics: { volume: { volumeBasis: r.proxy ? 'off_exchange' : 'consolidated' }, flags: [] },
  }));

function setup(now: string, options: { rows?: Row[][]; fill?: HistoryFill } = {}) {
  const calls: string[] = [];
  let evaluation = 0;
  const evaluated = (asOf: string): EvaluatedRun => {
    const rows = options.rows?.[Math.min(evaluation, (options.rows?.length ?? 1) - 1)] ?? [];
    evaluation++;
    const list = ranked(rows);
    return {
      run: { asOf, id: `run${evaluation}` },
      ranking: list.filter((r) => r.source === 'volume_detector'),
      scored: list,
      startedMs: 0,
    } as unknown as EvaluatedRun;
  };
  const save = (e: EvaluatedRun): PipelineResult => {
    calls.push(`save ${e.run.id}`);
    return { ...e, promoted: [] };
  };
  const scan = createScanService({
    pipeline: {
      evaluate: async (o = {}) => evaluated(o.asOf ?? '2024-11-27'),
      save,
      run: async (o = {}) => save(evaluated(o.asOf ?? '2024-11-27')),
    },
    clock: fakeClock(now),
    alertOnRun: (r) => void calls.push(`alert ${r.run.asOf}`),
    trackRun: (r) => void calls.push(`track ${r.run.asOf}`),
    fillHistory: options.fill,
  });
  return { scan, calls };
}

describe('scan service', () => {
  it("alerts, then tracks, a run of today's trading day", async () => {
    const { scan, calls } = setup('2024-11-27T23:45:00Z');
    await scan.run();
    expect(calls).toEqual(['save run1', 'alert 2024-11-27', 'track 2024-11-27']);
  });

  it('uses the last trading day on a holiday (Thanksgiving 2024 scans Wednesday)', async () => {
    const { scan, calls } = setup('2024-11-28T23:45:00Z');
    await scan.run({ asOf: '2024-11-27' });
    expect(calls).toEqual(['save run1', 'alert 2024-11-27', 'track 2024-11-27']);
  });

  it('neither alerts nor tracks a run of a past day', async () => {
    const { scan, calls } = setup('2024-11-27T23:45:00Z');
    const result = await scan.run({ asOf: '2021-01-22' });
    expect(result.run.asOf).toBe('2021-01-22');
    expect(calls).toEqual(['save run1']);
  });
});

describe('history for the names a proxy-based list shows', () => {
  const rows: Row[] = [
    { symbol: 'PRX', source: 'volume_detector', proxy: true },
    { symbol: 'FULL', source: 'volume_detector', proxy: false },
    { symbol: 'ADH', source: 'adhoc', proxy: true },
  ];

  it('fetches history for the listed and ad-hoc names on the proxy, then saves only the second run', async () => {
    const asked: string[][] = [];
    const told: string[][] = [];
    const { scan, calls } = setup('2024-11-27T23:45:00Z', {
      rows: [rows],
      fill: async (symbols) => (asked.push(symbols), symbols),
    });
    const result = await scan.run({ onHistory: (s) => void told.push(s) });
    expect(asked).toEqual([['PRX', 'ADH']]);
    expect(told).toEqual(asked);
    expect(result.run.id).toBe('run2');
    expect(calls).toEqual(['save run2', 'alert 2024-11-27', 'track 2024-11-27']);
  });

  it('nothing fetched (offline, or every name refused): the first evaluation is saved, not run again', async () => {
    const { scan, calls } = setup('2024-11-27T23:45:00Z', { rows: [rows], fill: async () => [] });
    expect((await scan.run()).run.id).toBe('run1');
    expect(calls[0]).toBe('save run1');
  });

  it('no name on the proxy: no fetch, one evaluation', async () => {
    let asked = 0;
    const { scan, calls } = setup('2024-11-27T23:45:00Z', {
      rows: [[{ symbol: 'FULL', source: 'volume_detector', proxy: false }]],
      fill: async (s) => (asked++, s),
    });
    await scan.run();
    expect(asked).toBe(0);
    expect(calls[0]).toBe('save run1');
  });

  it('a past day is never filled (point in time: history fetched today is not what that day knew)', async () => {
    let asked = 0;
    const { scan } = setup('2024-11-27T23:45:00Z', { rows: [rows], fill: async (s) => (asked++, s) });
    await scan.run({ asOf: '2024-11-20' });
    expect(asked).toBe(0);
  });
});
