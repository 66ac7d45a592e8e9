import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isSettlementDate,
  latestPublishedOtcWeek,
  latestPublishedSettlement,
  nextPublication,
  nextSettlement,
  otcWeekPublicationDate,
  shortInterestDueDate,
  shortInterestPublicationDate,
  shortInterestSettlementDates,
} from '../../src/market/finra-calendar';
import { hasSharedData, sharedPath, SHARED_SKIP_MESSAGE } from '../support/shared-data';

// Worked out by hand from the rules (15th or the business day before; last business day; +2 and +7 NYSE
// business days), walking the calendar day by day.
describe('short-interest settlement, due and publication dates', () => {
  it.each([
    // settlement    due           publication   why it is interesting
    ['2021-01-15', '2021-01-20', '2021-01-27'], // MLK Day 01-18 skipped; GME's famous release
    ['2021-01-29', '2021-02-02', '2021-02-09'], // Jan 31 is a Sunday
    ['2021-12-31', '2022-01-04', '2022-01-11'], // New Year 2022 (Saturday) not observed on Dec 31
    ['2022-01-14', '2022-01-19', '2022-01-26'], // 15th a Saturday; MLK Day 01-17 skipped
    ['2024-03-28', '2024-04-02', '2024-04-09'], // Mar 31 a Sunday, Mar 29 Good Friday
    ['2024-09-13', '2024-09-17', '2024-09-24'], // 15th a Sunday
    ['2025-01-15', '2025-01-17', '2025-01-27'], // MLK Day 01-20 inside the window
    ['2026-12-31', '2027-01-05', '2027-01-12'], // New Year's Day 2027 is a Friday
    ['2024-12-31', '2025-01-03', '2025-01-10'], // Nasdaq's release came 01-10: the 01-09 closure did not count
  ])('settlement %s is due %s and published %s', (settlement, due, publication) => {
    expect(isSettlementDate(settlement)).toBe(true);
    expect(shortInterestDueDate(settlement)).toBe(due);
    expect(shortInterestPublicationDate(settlement)).toBe(publication);
  });

  it('lists both settlements of each month in range', () => {
    expect(shortInterestSettlementDates('2024-01-01', '2024-04-30')).toEqual([
      '2024-01-12', // 15th is MLK Day
      '2024-01-31',
      '2024-02-15',
      '2024-02-29',
      '2024-03-15',
      '2024-03-28',
      '2024-04-15',
      '2024-04-30',
    ]);
    expect(shortInterestSettlementDates('2024-01-13', '2024-01-30')).toEqual([]);
  });

  it('does not take a calendar 15th or month end that is not a business day', () => {
    expect(isSettlementDate('2024-01-15')).toBe(false);
    expect(isSettlementDate('2024-03-31')).toBe(false);
    expect(isSettlementDate('2024-03-14')).toBe(false);
  });

  it('finds the newest settlement public at the end of a day', () => {
    expect(latestPublishedSettlement('2021-01-26')).toBe('2020-12-31');
    expect(latestPublishedSettlement('2021-01-27')).toBe('2021-01-15');
    expect(latestPublishedSettlement('2021-02-08')).toBe('2021-01-15');
    expect(latestPublishedSettlement('2021-02-09')).toBe('2021-01-29');
    expect(latestPublishedSettlement('2022-01-05')).toBe('2021-12-15');
  });

  it('finds the next settlement and the next publication strictly after a day', () => {
    expect(nextSettlement('2021-01-15')).toEqual({ settlementDate: '2021-01-29', publicationDate: '2021-02-09' });
    expect(nextSettlement('2021-01-14')).toEqual({ settlementDate: '2021-01-15', publicationDate: '2021-01-27' });
    expect(nextPublication('2021-01-27')).toEqual({ settlementDate: '2021-01-29', publicationDate: '2021-02-09' });
    expect(nextPublication('2021-01-26')).toEqual({ settlementDate: '2021-01-15', publicationDate: '2021-01-27' });
    expect(nextSettlement('2024-12-31')).toEqual({ settlementDate: '2025-01-15', publicationDate: '2025-01-27' });
  });
});

// The file's generator evidently had no 2027 holidays: for 2026-12-31 it skips New Year's Day 2027
// (Friday 2027-01-01, observed by rule) and gives due 01-04 / publication 01-11. By rule they are 01-05 / 01-12.
const FILE_ERRATA: Record<string, [string, string]> = { '2026-12-31': ['2027-01-05', '2027-01-12'] };

describe.skipIf(!hasSharedData)('against the shared 2024–2026 schedule', () => {
  it('reproduces every settlement, due and publication date of the file (one erratum noted)', () => {
    const rows = readFileSync(sharedPath('si_schedule_2024_2026.txt'), 'utf8')
      .split('\n')
      .filter((l) => /^\d{4}-/.test(l))
      .map((l) => l.trim().split(/\s+/));
    expect(rows.length).toBeGreaterThan(60);
    for (const [settlement, fileDue, filePublication] of rows) {
      const [due, publication] = FILE_ERRATA[settlement!] ?? [fileDue, filePublication];
      expect(isSettlementDate(settlement!), settlement).toBe(true);
      expect(shortInterestDueDate(settlement!), settlement).toBe(due);
      expect(shortInterestPublicationDate(settlement!), settlement).toBe(publication);
    }
    const first = rows[0]![0]!;
    const last = rows[rows.length - 1]![0]!;
    expect(shortInterestSettlementDates(first, last)).toEqual(rows.map((r) => r[0]));
  });
});
if (!hasSharedData) it.skip(`shared schedule: ${SHARED_SKIP_MESSAGE}`, () => {});

describe('OTC transparency weeks', () => {
  it.each([
    ['2025-12-15', 'T1', '2025-12-29'],
    ['2025-12-17', 'T1', '2025-12-29'], // any day of the week maps to its Monday
    ['2025-12-15', 'OTC', '2026-01-12'],
    ['2025-12-15', 'T2', '2026-01-12'],
    ['2025-12-22', 'T2', '2026-01-20'], // Monday 01-19 is MLK Day → Tuesday
    ['2024-05-13', 'T1', '2024-05-28'], // Monday 05-27 is Memorial Day
  ] as const)('week of %s, tier %s, is published %s', (week, tier, expected) => {
    expect(otcWeekPublicationDate(week, tier)).toBe(expected);
  });

  it('finds the newest published week for each tier', () => {
    expect(latestPublishedOtcWeek('2025-12-29', 'T1')).toBe('2025-12-15');
    expect(latestPublishedOtcWeek('2025-12-28', 'T1')).toBe('2025-12-08');
    expect(latestPublishedOtcWeek('2026-01-12', 'OTC')).toBe('2025-12-15');
    expect(latestPublishedOtcWeek('2026-01-19', 'T2')).toBe('2025-12-15'); // the 12-22 week waits for Tuesday
    expect(latestPublishedOtcWeek('2026-01-20', 'T2')).toBe('2025-12-22');
  });
});
