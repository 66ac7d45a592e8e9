import { describe, expect, it } from 'vitest';
import type { BorrowSnapshot } from '../../src/domain/short-supply';
import { computeBorrowMetrics } from '../../src/signals/borrow-metrics';

// Snapshots as the repo hands them: changes only, the window's base first, the figures carried to the
// newest snapshot taken. 2026-03-02 is a Monday; 2026-02-23 is five sessions before it.

function snap(at: string, fee: number | null, available: number | null, capped = false): BorrowSnapshot {
  const [date, time] = at.split(' ') as [string, string];
  return {
    symbol: 'GME',
    takenAt: `${date}T${time}:00Z`,
    feeRate: fee,
    rebateRate: fee === null ? null : 2.32 - fee,
    available,
    availableCapped: capped,
    source: 'ibkr',
    publishedOn: date,
  };
}
const codes = (r: ReturnType<typeof computeBorrowMetrics>) => r?.flags.map((f) => f.code) ?? [];

describe('computeBorrowMetrics', () => {
  it('reads fee level and its 1- and 5-day changes in points against the figures at those sessions’ end', () => {
    const r = computeBorrowMetrics(
      [
        snap('2026-02-20 20:00', 10, 400_000), // in force at the end of 02-23 (five sessions back)
        snap('2026-02-27 15:00', 20, 300_000), // the end of 02-27 (one session back)
        snap('2026-03-02 15:00', 30.3849, 250_000),
      ],
      '2026-03-02',
    );
    expect(r!.metrics).toEqual({
      takenAt: '2026-03-02T15:00:00Z',
      feeRate: 30.3849,
      feeChange1d: 10.3849,
      feeChange5d: 20.3849,
      available: 250_000,
      availableCapped: false,
      availabilityChange5d: -0.375,
      noSharesAvailable: false,
      availabilityWentToZero: false,
    });
    expect(r!.flags).toEqual([]);
  });

  it('flags availability that fell to zero within the session, and not again the day after', () => {
    const today = [
      snap('2026-02-27 15:00', 20, 300_000),
      snap('2026-03-02 15:00', 20, 5_000),
      snap('2026-03-02 16:00', 45, 0),
    ];
    expect(computeBorrowMetrics(today, '2026-03-02')!.metrics).toMatchObject({
      noSharesAvailable: true,
      availabilityWentToZero: true,
      feeChange1d: 25,
    });
    // the next session: still none, carried to the newest snapshot, but it went to zero the day before
    const next = [...today, snap('2026-03-03 15:00', 45, 0)];
    expect(computeBorrowMetrics(next, '2026-03-03')!.metrics).toMatchObject({
      noSharesAvailable: true,
      availabilityWentToZero: false,
    });
  });

  it.each([
    ['no snapshot at all', [], null, []],
    [
      'a first snapshot: changes unknown, flagged',
      [snap('2026-03-02 15:00', 5, 1000)],
      { feeChange1d: null, feeChange5d: null, availabilityChange5d: null },
      ['borrow_no_history'],
    ],
    [
      'an NA fee',
      [snap('2026-02-20 15:00', 3, 100), snap('2026-03-02 15:00', null, 100)],
      { feeRate: null, feeChange1d: null, feeChange5d: null, availabilityChange5d: 0 },
      ['borrow_fee_na'],
    ],
    [
      'capped availability (>10000000)',
      [snap('2026-02-20 15:00', 0.25, 10_000_000, true), snap('2026-03-02 15:00', 0.25, 10_000_000, true)],
      { available: 10_000_000, availableCapped: true, availabilityChange5d: 0 },
      ['borrow_capped'],
    ],
    [
      'a snapshot two sessions old: stale',
      [snap('2026-02-20 15:00', 3, 100), snap('2026-02-26 15:00', 3, 100)],
      { takenAt: '2026-02-26T15:00:00Z' },
      ['borrow_stale'],
    ],
    [
      'a name that left the file',
      [snap('2026-02-20 15:00', 3, 100), snap('2026-03-02 15:00', null, null)],
      { available: null, noSharesAvailable: false, availabilityChange5d: null },
      ['borrow_not_listed'],
    ],
    [
      'zero available five days back and now: no change, not a fall',
      [snap('2026-02-20 15:00', 50, 0), snap('2026-03-02 15:00', 60, 0)],
      { availabilityChange5d: 0, noSharesAvailable: true, availabilityWentToZero: false },
      [],
    ],
  ])('%s', (_what, snapshots, expected, flags) => {
    const r = computeBorrowMetrics(snapshots as BorrowSnapshot[], '2026-03-02');
    if (expected === null) expect(r).toBeNull();
    else expect(r!.metrics).toMatchObject(expected);
    expect(codes(r)).toEqual(flags);
  });

  it('sees nothing published after the day scored (point in time)', () => {
    const r = computeBorrowMetrics(
      [snap('2026-02-27 15:00', 20, 300_000), snap('2026-03-03 15:00', 90, 0)],
      '2026-03-02',
    );
    expect(r!.metrics).toMatchObject({ feeRate: 20, available: 300_000, noSharesAvailable: false });
  });
});
