import { wilderRsi } from '../signals/indicators';
import { createTypedSlab, type TypedSlab } from '../shared/typed-slab';
import type { BarStore } from './bar-store';

// The volume detector's cheap first pass. For each symbol, once per bar store (one live run, or a
// whole backtest), the 20-day average volume, the spike ratio and RSI are computed for every bar in one
// sweep; a day then reads them by index. Only symbols that come near the thresholds (within MARGIN)
// get the exact per-day computation (computeVolumeMetrics: split adjustment, holes, flags), so the
// decision that counts is always the exact one, and a 250-day backtest does not redo 10,000 symbols'
// indicators 250 times.
//
// Every value at index i depends only on bars 0..i, so reading index i is point in time.

/** How far inside a threshold the raw screen must be to cut a symbol without the exact check. */
export const SCREEN_MARGIN = { spikeFactor: 0.75, avgVolumeFactor: 0.75, rsiPoints: 7 } as const;

export interface ScreenValues {
  date: string;
  avgVolume: number;
  spike: number;
  rsi: number;
}

export interface VolumeScreen {
  /** the screen's values for the newest bar on or before asOf; null without enough history */
  at(symbol: string, asOf: string): ScreenValues | null;
}

interface Series {
  avg: Float64Array;
  spike: Float64Array;
  rsi: Float64Array;
}

/**
 * `keep: false` (the held market: one day asked per name, and the bars change every day) holds no
 * series: each ask runs the same sweep into one scratch buffer up to the day asked and reads that day,
 * the same values as the kept series (every value depends only on the bars before it) without ~30 MB
 * of arrays per market rebuilt at each update.
 */
export function createVolumeScreen(bars: BarStore, lookback: number, opts: { keep?: boolean } = {}): VolumeScreen {
  const cache = new Map<string, Series | null>();
  // the whole market's series are dropped together with the screen: carved from a few big buffers
  const slab = createTypedSlab();
  let scratch: Series = { avg: new Float64Array(0), spike: new Float64Array(0), rsi: new Float64Array(0) };
  const scratchOf = (n: number): Series => {
    if (scratch.avg.length < n) {
      const size = n + 64;
      scratch = { avg: new Float64Array(size), spike: new Float64Array(size), rsi: new Float64Array(size) };
    }
    return { avg: scratch.avg.subarray(0, n), spike: scratch.spike.subarray(0, n), rsi: scratch.rsi.subarray(0, n) };
  };
  const seriesOf = (symbol: string): Series | null => {
    let s = cache.get(symbol);
    if (s !== undefined) return s;
    const c = bars.columns(symbol);
    s = c ? compute(c.volume, c.close, lookback, seriesIn(slab, c.volume.length)) : null;
    cache.set(symbol, s);
    return s;
  };
  return {
    at(symbol, asOf) {
      const i = bars.visible(symbol, asOf) - 1;
      if (i < lookback) return null;
      const c = bars.columns(symbol)!;
      const s =
        opts.keep === false
          ? compute(c.volume.subarray(0, i + 1), c.close.subarray(0, i + 1), lookback, scratchOf(i + 1))
          : seriesOf(symbol)!;
      const avg = s.avg[i]!;
      const spike = s.spike[i]!;
      if (!Number.isFinite(avg) || !Number.isFinite(spike)) return null;
      return { date: c.dates[i]!, avgVolume: avg, spike, rsi: s.rsi[i]! };
    },
  };
}

const seriesIn = (slab: TypedSlab, n: number): Series => ({ avg: slab.f64(n), spike: slab.f64(n), rsi: slab.f64(n) });

/** The sweep, written into `out` (each as long as `volume`). */
function compute(volume: Float64Array, close: Float64Array, lookback: number, out: Series): Series {
  const n = volume.length;
  const avg = out.avg.fill(NaN);
  const spike = out.spike.fill(NaN);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (i >= lookback) {
      const a = sum / lookback;
      avg[i] = a;
      spike[i] = a > 0 ? volume[i]! / a : NaN;
      sum -= volume[i - lookback]!;
    }
    sum += volume[i]!;
  }
  return { avg, spike, rsi: wilderRsi(close, 14, out.rsi) };
}
