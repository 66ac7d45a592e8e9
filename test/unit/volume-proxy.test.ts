import { describe, expect, it } from 'vitest';
import { computeVolumeMetrics, type VolumeDay } from '../../src/signals/volume-metrics';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import type { OhlcvBar } from '../../src/domain/bars';

// The off-exchange proxy (volume-metrics.ts): with fewer bars than the lookback needs, the volume
// figures come from FINRA's off-exchange volume; price figures stay on the bars; a full bar history
// never reads the proxy.

const days = (start: string, n: number) => tradingDaysBetween(start, addTradingDays(start, n + 5)).slice(0, n);
const offExchange = (dates: string[], volume: (i: number) => number): VolumeDay[] =>
  dates.map((date, i) => ({ date, volume: volume(i) }));
const closeOnly = (date: string, close: number, volume: number): OhlcvBar => ({
  date,
  open: null,
  high: null,
  low: null,
  close,
  volume,
});
const codes = (r: { flags: { code: string }[] }) => r.flags.map((f) => f.code);

describe('off-exchange volume proxy', () => {
  const dates = days('2024-03-01', 60);
  const asOf = dates.at(-1)!;
  // 40% of a 1M-share market on quiet days, 6× on the last
  const finra = offExchange(dates, (i) => (i === 59 ? 2_400_000 : 400_000 + (i % 3) * 10_000));

  it('one screener bar and 60 sessions of FINRA volume: spike, average and consistency from FINRA, flagged', () => {
    const r = computeVolumeMetrics([closeOnly(asOf, 12.5, 5_900_000)], asOf, { offExchange: finra });
    const m = r.metrics!;
    expect(m.volumeBasis).toBe('off_exchange');
    expect(m.volume).toBe(2_400_000);
    const before = finra.slice(39, 59).reduce((s, d) => s + d.volume, 0) / 20;
    expect(m.avgVolume20).toBeCloseTo(before, 6);
    expect(m.volumeSpikeRatio).toBeCloseTo(2_400_000 / before, 9);
    expect(m.volumeConsistency).not.toBeNull();
    // the price side cannot come from one close
    expect(m.close).toBe(12.5);
    expect([m.rsi14, m.momentum, m.atr14]).toEqual([null, null, null]);
    expect(r.flags.find((f) => f.code === 'volume_proxy')?.message).toMatch(
      /^volume figures from FINRA off-exchange volume \(CNMS TotalVolume, 60 sessions\), a proxy: 1 daily bar\(s\) held/,
    );
    expect(codes(r)).not.toContain('thin_history');
  });

  it('a full bar history never reads the proxy', () => {
    const bars = dates.map((d) => ({ date: d, open: 10, high: 10.2, low: 9.8, close: 10, volume: 1_000_000 }));
    let read = 0;
    const r = computeVolumeMetrics(bars, asOf, {
      offExchange: () => {
        read++;
        return finra;
      },
    });
    expect(read).toBe(0);
    expect(r.metrics!.volumeBasis).toBe('consolidated');
    expect(r.metrics!.volumeSpikeRatio).toBeCloseTo(1, 9);
    expect(codes(r)).not.toContain('volume_proxy');
  });

  it('point in time: FINRA sessions after asOf are not read', () => {
    const earlier = dates[49]!;
    const r = computeVolumeMetrics([closeOnly(earlier, 11, 1)], earlier, { offExchange: finra });
    expect(r.metrics!.volume).toBe(finra[49]!.volume);
  });

  it("today's FINRA file not out yet: the figures are yesterday's, flagged stale", () => {
    const r = computeVolumeMetrics([closeOnly(asOf, 12, 1)], asOf, { offExchange: finra.slice(0, 59) });
    expect(r.metrics!.volume).toBe(finra[58]!.volume);
    expect(r.flags.find((f) => f.code === 'stale_bars')?.message).toMatch(
      new RegExp(`^no off-exchange volume for ${asOf} yet: the volume figures are from ${dates[58]}`),
    );
  });

  it('too little FINRA history as well: no proxy, thin history as before', () => {
    const r = computeVolumeMetrics([closeOnly(asOf, 12, 1)], asOf, { offExchange: finra.slice(45) });
    expect(r.metrics!.volumeBasis).toBe('consolidated');
    expect(r.metrics!.volumeSpikeRatio).toBeNull();
    expect(codes(r)).toContain('thin_history');
  });

  it('a hole in the FINRA sessions is named', () => {
    const holed = finra.filter((_, i) => i < 50 || i > 52);
    const r = computeVolumeMetrics([closeOnly(asOf, 12, 1)], asOf, { offExchange: holed });
    expect(r.flags.find((f) => f.code === 'data_hole')?.message).toMatch(/^3 trading day\(s\) missing/);
  });
});
