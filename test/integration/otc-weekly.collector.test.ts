import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import { finraApiHandler, finraWeeklyRow, HOSTS, type FinraApiSeen } from '../fixtures/collectors/payloads';

// OTC transparency through the real ingest service: one FINRA Query API request per tier once that
// tier's week is out (Tier 1 two weeks after the week, Tier 2 and OTC four), symbol totals only.

const WEEK = '2025-12-15';
const T1_OUT = '2025-12-29';
const T2_OUT = '2026-01-12';

const ROWS = [
  finraWeeklyRow({
    symbol: 'ZZTEST',
    week: WEEK,
    tier: 'T1',
    type: 'ATS_W_SMBL',
    shares: 1_250_000,
    trades: 8123,
    published: T1_OUT,
  }),
  finraWeeklyRow({ symbol: 'ZZTEST', week: WEEK, tier: 'T1', type: 'OTC_W_SMBL', shares: 300_000, trades: 950 }),
  finraWeeklyRow({
    symbol: 'ZZTEST',
    week: WEEK,
    tier: 'T1',
    type: 'ATS_W_SMBL_FIRM',
    shares: 600_000,
    trades: 4000,
    mpid: 'ZZAT',
  }),
  finraWeeklyRow({
    symbol: 'GME',
    week: WEEK,
    tier: 'T1',
    type: 'ATS_W_SMBL',
    shares: 2_100_000,
    trades: 15_000,
    published: T1_OUT,
  }),
  // a firm total: no symbol at all
  {
    ...finraWeeklyRow({
      symbol: 'X',
      week: WEEK,
      tier: 'T1',
      type: 'ATS_W_FIRM',
      shares: 90_000_000,
      trades: 400_000,
      mpid: 'ZZAT',
    }),
    issueSymbolIdentifier: null,
    issueName: null,
  },
  finraWeeklyRow({ symbol: 'ZZTWO', week: WEEK, tier: 'T2', type: 'ATS_W_SMBL', shares: 80_000, trades: 300 }),
  finraWeeklyRow({
    symbol: 'ZZTWO',
    week: WEEK,
    tier: 'T2',
    type: 'ATS_W_SMBL_FIRM',
    shares: 50_000,
    trades: 200,
    mpid: 'ZZAT',
  }),
  finraWeeklyRow({ symbol: 'ZZOTC', week: WEEK, tier: 'OTCE', type: 'OTC_W_SMBL', shares: 40_313, trades: 3 }),
  // the week before, which a week filter must keep out
  finraWeeklyRow({ symbol: 'ZZTEST', week: '2025-12-08', tier: 'T1', type: 'ATS_W_SMBL', shares: 999, trades: 1 }),
];

const seen: FinraApiSeen[] = [];
const server = useMsw(finraApiHandler({ weeklySummary: ROWS }, seen));

describe('otc weekly collector', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    seen.length = 0;
  });

  const stored = () =>
    h.db.$client
      .prepare(
        'SELECT symbol, week_start AS week, tier, summary_type AS type, mpid, shares, trades, published_on AS publishedOn FROM otc_weekly ORDER BY tier, symbol, type',
      )
      .all() as {
      symbol: string;
      week: string;
      tier: string;
      type: string;
      mpid: string;
      shares: number;
      trades: number;
      publishedOn: string;
    }[];

  it('fetches Tier 1 two weeks after the week and skips Tier 2 and OTC until their date', async () => {
    h = ingestHarness({ now: '2026-01-05T15:00:00Z' });
    const out = await h.ingest.run('otc', { from: WEEK, to: WEEK });
    expect(out.map((o) => [o.status, o.origin, o.rows])).toEqual([
      ['ok', 'finra api weeklySummary T1', 3],
      ['skipped', '-', 0],
      ['skipped', '-', 0],
    ]);
    expect(out[1]!.note).toBe(`T2 for the week of ${WEEK} is not published until ${T2_OUT}`);
    expect(out[2]!.note).toBe(`OTC for the week of ${WEEK} is not published until ${T2_OUT}`);
    expect(seen).toHaveLength(1);
    expect(stored()).toEqual([
      {
        symbol: 'GME',
        week: WEEK,
        tier: 'T1',
        type: 'ATS_W_SMBL',
        mpid: '',
        shares: 2_100_000,
        trades: 15_000,
        publishedOn: T1_OUT,
      },
      {
        symbol: 'ZZTEST',
        week: WEEK,
        tier: 'T1',
        type: 'ATS_W_SMBL',
        mpid: '',
        shares: 1_250_000,
        trades: 8123,
        publishedOn: T1_OUT,
      },
      // no initialPublishedDate in the row: dated by the calendar
      {
        symbol: 'ZZTEST',
        week: WEEK,
        tier: 'T1',
        type: 'OTC_W_SMBL',
        mpid: '',
        shares: 300_000,
        trades: 950,
        publishedOn: T1_OUT,
      },
    ]);
  });

  it('sends the week filter and the tier and summary-type domain filters in each request body', async () => {
    h = ingestHarness({ now: '2026-01-12T15:00:00Z' });
    await h.ingest.run('otc', { from: WEEK, to: WEEK });
    expect(seen.map((s) => s.dataset)).toEqual(['weeklySummary', 'weeklySummary', 'weeklySummary']);
    for (const s of seen) {
      expect(s.body.compareFilters).toEqual([{ fieldName: 'weekStartDate', fieldValue: WEEK, compareType: 'EQUAL' }]);
      expect(s.body.domainFilters).toContainEqual({
        fieldName: 'summaryTypeCode',
        values: ['ATS_W_SMBL', 'OTC_W_SMBL'],
      });
    }
    expect(seen.map((s) => s.body.domainFilters.find((f) => f.fieldName === 'tierIdentifier')?.values)).toEqual([
      ['T1'],
      ['T2'],
      ['OTC', 'OTCE'],
    ]);
  });

  it('stores every tier once all are out, symbol totals only', async () => {
    h = ingestHarness({ now: '2026-01-12T15:00:00Z' });
    const out = await h.ingest.run('otc', { from: WEEK, to: WEEK });
    expect(out.map((o) => [o.origin, o.status, o.rows])).toEqual([
      ['finra api weeklySummary T1', 'ok', 3],
      ['finra api weeklySummary T2', 'ok', 1],
      ['finra api weeklySummary OTC', 'ok', 1],
    ]);
    const rows = stored();
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['ATS_W_SMBL', 'OTC_W_SMBL']));
    expect(rows.find((r) => r.symbol === 'ZZOTC')).toMatchObject({ tier: 'OTC', shares: 40_313, publishedOn: T2_OUT });
    expect(rows.find((r) => r.symbol === 'ZZTWO')).toMatchObject({ tier: 'T2', shares: 80_000, publishedOn: T2_OUT });
  });

  it('never stores per-firm rows, even from a server that ignores the summary-type filter', async () => {
    server.use(finraApiHandler({ weeklySummary: ROWS }, seen, { ignoreFilters: ['summaryTypeCode'] }));
    h = ingestHarness({ now: '2026-01-12T15:00:00Z' });
    await h.ingest.run('otc', { from: WEEK, to: WEEK });
    const rows = stored();
    expect(rows.filter((r) => r.type.endsWith('_FIRM'))).toEqual([]);
    expect(rows.filter((r) => r.mpid !== '')).toEqual([]);
    expect(rows).toHaveLength(5);
  });

  it('says missing for a published tier FINRA has no rows for yet', async () => {
    server.use(finraApiHandler({ weeklySummary: [] }, seen));
    h = ingestHarness({ now: '2026-01-05T15:00:00Z' });
    const [t1] = await h.ingest.run('otc', { from: WEEK, to: WEEK });
    expect(t1).toMatchObject({ status: 'missing', rows: 0, note: 'FINRA has no rows for this week and tier yet' });
  });

  it('fails one tier on an outage and still stores the others', async () => {
    const healthy = finraApiHandler({ weeklySummary: ROWS }, seen);
    server.use(
      http.post(`${HOSTS.finraApi}/:dataset`, async ({ request }) => {
        const body = (await request.clone().json()) as { domainFilters: { fieldName: string; values: string[] }[] };
        if (body.domainFilters.some((f) => f.fieldName === 'tierIdentifier' && f.values.includes('T2')))
          return new HttpResponse('Service Unavailable', { status: 503 });
        return undefined; // fall through to the healthy fake
      }),
      healthy,
    );
    h = ingestHarness({ now: '2026-01-12T15:00:00Z' });
    const out = await h.ingest.run('otc', { from: WEEK, to: WEEK });
    expect(out.map((o) => o.status)).toEqual(['ok', 'failed', 'ok']);
    expect(out[1]!.note).toMatch(/HTTP 503/);
    expect(new Set(stored().map((r) => r.tier))).toEqual(new Set(['T1', 'OTC']));
  });

  it('a re-run leaves the same rows', async () => {
    h = ingestHarness({ now: '2026-01-12T15:00:00Z' });
    await h.ingest.run('otc', { from: WEEK, to: WEEK });
    const first = stored();
    await h.ingest.run('otc', { from: WEEK, to: WEEK });
    expect(stored()).toEqual(first);
  });
});
