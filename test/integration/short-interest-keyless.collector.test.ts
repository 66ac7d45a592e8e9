import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import {
  finraApiHandler,
  finraShortInterestRow,
  GME_2021_01_15,
  HOSTS,
  type FinraApiSeen,
} from '../fixtures/collectors/payloads';
import {
  FINRA_KEYS,
  finraShrtHandler,
  finraTokenHandler,
  shrtFileName,
  shrtFileText,
} from '../fixtures/collectors/finra-shrt';

// Short interest without FINRA credentials: the whole settlement from the CDN file shrt{YYYYMMDD}.csv,
// through the real ingest service and a real SQLite file. With credentials the Query API stays first,
// and the CDN file is its fallback when the API fails.

const SETTLEMENT = '2021-01-15';
const PUBLISHED = '2021-01-27'; // 7 NYSE business days later (2021-01-18 was a holiday)
const AFTER = '2021-01-28T15:00:00Z';
const FILE = shrtFileName(SETTLEMENT);
const ORIGIN_CDN = 'finra cdn shrt file';

const AMC = finraShortInterestRow({
  symbol: 'AMC',
  settlement: SETTLEMENT,
  current: 95_000_000,
  previous: 90_000_000,
  adv: 120_000_000,
});
const KOSS = finraShortInterestRow({
  symbol: 'KOSS',
  settlement: SETTLEMENT,
  current: 1_450_000,
  previous: 1_500_000,
  adv: 120_000,
  exchange: 'Q',
});
const ZZOTC = {
  ...finraShortInterestRow({ symbol: 'ZZOTC', settlement: SETTLEMENT, current: 300, previous: 0, adv: 0 }),
  issueName: 'ZZ HOLDINGS AB\tSHARE AK Ordina',
  issuerServicesGroupExchangeCode: 'S',
  marketClassCode: 'OTC',
};
const BODY = shrtFileText([AMC, GME_2021_01_15, KOSS, ZZOTC]);

const cdnHits: string[] = [];
const apiSeen: FinraApiSeen[] = [];
const requests: string[] = [];
const server = useMsw(
  finraShrtHandler({ [FILE]: BODY }, cdnHits),
  finraApiHandler({ consolidatedShortInterest: [GME_2021_01_15, AMC] }, apiSeen),
  finraTokenHandler(),
);
server.events.on('request:start', ({ request }) => void requests.push(new URL(request.url).host));

describe('short-interest collector, keyless (FINRA CDN file)', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    cdnHits.length = 0;
    apiSeen.length = 0;
    requests.length = 0;
  });

  const stored = () =>
    h.db.$client
      .prepare(
        "SELECT symbol, short_interest AS si, avg_daily_volume AS adv, published_on AS publishedOn FROM short_interest WHERE source = 'finra' ORDER BY symbol",
      )
      .all() as { symbol: string; si: number; adv: number; publishedOn: string }[];
  const lastStatus = () =>
    h.db.$client
      .prepare(
        "SELECT origin, status, rows, checksum FROM dataset_status WHERE dataset = 'shortinterest' ORDER BY id DESC",
      )
      .get() as { origin: string; status: string; rows: number; checksum: string | null };

  it('stores every row of the settlement file, dated on its publication day, without asking the API', async () => {
    h = ingestHarness({ now: AFTER });
    const out = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    expect(out).toEqual([
      expect.objectContaining({
        dataset: 'shortinterest',
        date: SETTLEMENT,
        status: 'ok',
        rows: 4,
        origin: ORIGIN_CDN,
      }),
    ]);
    expect(cdnHits).toEqual([`/equity/otcmarket/biweekly/${FILE}`]);
    expect(apiSeen).toEqual([]);
    expect(stored()).toEqual([
      { symbol: 'AMC', si: 95_000_000, adv: 120_000_000, publishedOn: PUBLISHED },
      { symbol: 'GME', si: 61_782_730, adv: 29_385_884, publishedOn: PUBLISHED },
      { symbol: 'KOSS', si: 1_450_000, adv: 120_000, publishedOn: PUBLISHED },
      { symbol: 'ZZOTC', si: 300, adv: 0, publishedOn: PUBLISHED },
    ]);
    expect(lastStatus()).toMatchObject({
      origin: ORIGIN_CDN,
      status: 'ok',
      rows: 4,
      checksum: expect.any(String) as string,
    });
    // the quality step scores the CDN's figures as it does the API's
    expect(h.count('SELECT count(*) FROM short_interest_quality WHERE settlement_date = ?', SETTLEMENT)).toBe(4);
  });

  it('stores the same rows once when the settlement is collected again', async () => {
    h = ingestHarness({ now: AFTER });
    await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    expect(cdnHits).toHaveLength(2);
    expect(h.count("SELECT count(*) FROM short_interest WHERE source = 'finra'")).toBe(4);
  });

  it('is reached by the scheduled catch-up (the short_interest job) on the publication evening', async () => {
    h = ingestHarness({ now: '2021-01-27T23:30:00Z' });
    const out = await h.ingest.catchUpShortInterest();
    expect(out.map((o) => `${o.date} ${o.origin} ${o.status} ${o.rows}`)).toEqual([`${SETTLEMENT} ${ORIGIN_CDN} ok 4`]);
    expect(await h.ingest.catchUpShortInterest()).toEqual([]);
    expect(cdnHits).toHaveLength(1);
  });

  it('asks the CDN nothing before the publication day', async () => {
    h = ingestHarness({ now: '2021-01-26T23:00:00Z' });
    const out = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    expect(out).toEqual([expect.objectContaining({ status: 'skipped', rows: 0 })]);
    expect(requests).toEqual([]);
  });

  it('says missing, naming the file, when FINRA has not posted it (403), and stores nothing', async () => {
    server.use(finraShrtHandler({}, cdnHits));
    h = ingestHarness({ now: AFTER });
    const [out] = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    expect(out).toMatchObject({ status: 'missing', rows: 0, origin: ORIGIN_CDN });
    expect(out!.note).toBe(
      `FINRA has not posted this settlement (HTTP 403: not published yet, or before 2017-12-29): https://cdn.finra.org/equity/otcmarket/biweekly/${FILE}`,
    );
    expect(h.count('SELECT count(*) FROM short_interest')).toBe(0);
    expect(h.count('SELECT count(*) FROM short_interest_quality')).toBe(0);
  });

  it.each([
    {
      what: 'a wrong header',
      body: 'Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market\n20210115|GME|1|0|2|B\n',
      note: `${FILE}:1: header lacks symbolCode, currentShortPositionQuantity (finra-shortinterest layout)`,
    },
    {
      what: 'a bad number on line 4',
      body: BODY.replace('|1450000|', '|1.45M|'),
      note: `${FILE}:4: currentShortPositionQuantity: not a number: "1.45M"`,
    },
  ])('rejects the whole file for $what, naming the line and reason, and stores nothing', async ({ body, note }) => {
    server.use(finraShrtHandler({ [FILE]: body }, cdnHits));
    h = ingestHarness({ now: AFTER });
    const [out] = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    expect(out).toMatchObject({ status: 'failed', rows: 0, origin: ORIGIN_CDN, note });
    expect(h.count('SELECT count(*) FROM short_interest')).toBe(0);
    expect(h.count('SELECT count(*) FROM short_interest_quality')).toBe(0);
  });
});

describe('short-interest collector, with FINRA credentials', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    cdnHits.length = 0;
    apiSeen.length = 0;
  });

  it('uses the Query API and never requests the CDN file', async () => {
    h = ingestHarness({ now: AFTER, secrets: FINRA_KEYS });
    const out = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    expect(out).toEqual([
      expect.objectContaining({ status: 'ok', rows: 2, origin: 'finra api consolidatedShortInterest' }),
    ]);
    expect(apiSeen.map((s) => s.dataset)).toEqual(['consolidatedShortInterest']);
    expect(cdnHits).toEqual([]);
  });

  it('falls back to the CDN file on an API outage, and says so', async () => {
    server.use(http.post(`${HOSTS.finraApi}/:dataset`, () => new HttpResponse('Service Unavailable', { status: 503 })));
    h = ingestHarness({ now: AFTER, secrets: FINRA_KEYS });
    const [out] = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    expect(out).toMatchObject({ status: 'ok', rows: 4, origin: ORIGIN_CDN });
    expect(out!.note).toMatch(/^FINRA API failed \(finra_api: HTTP 503.*\): took the CDN file instead$/);
    expect(cdnHits).toHaveLength(1);
    expect(h.count('SELECT count(*) FROM short_interest WHERE published_on = ?', PUBLISHED)).toBe(4);
  });

  it('stores nothing on an API outage when the CDN has no file either, and says both', async () => {
    server.use(
      http.post(`${HOSTS.finraApi}/:dataset`, () => new HttpResponse('Service Unavailable', { status: 503 })),
      finraShrtHandler({}, cdnHits),
    );
    h = ingestHarness({ now: AFTER, secrets: FINRA_KEYS });
    const [out] = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    expect(out).toMatchObject({ status: 'missing', rows: 0, origin: ORIGIN_CDN });
    expect(out!.note).toMatch(
      /^FINRA API failed \(finra_api: HTTP 503.*took the CDN file instead; FINRA has not posted/,
    );
    expect(h.count('SELECT count(*) FROM short_interest')).toBe(0);
    expect(h.count('SELECT count(*) FROM short_interest_quality')).toBe(0);
  });

  it('fails naming both sources when the API and the CDN file both fail, storing nothing', async () => {
    server.use(
      http.post(`${HOSTS.finraApi}/:dataset`, () => new HttpResponse('Service Unavailable', { status: 503 })),
      finraShrtHandler({ [FILE]: 'not|a|short|interest|file\n' }, cdnHits),
    );
    h = ingestHarness({ now: AFTER, secrets: FINRA_KEYS });
    const [out] = await h.ingest.run('shortinterest', { from: SETTLEMENT, to: SETTLEMENT });
    expect(out).toMatchObject({ status: 'failed', rows: 0, origin: 'finra api consolidatedShortInterest' });
    expect(out!.note).toMatch(
      /FINRA API failed \(finra_api: HTTP 503.*\); the CDN file failed too \(shrt20210115\.csv:1: header lacks/,
    );
    expect(h.count('SELECT count(*) FROM short_interest')).toBe(0);
  });
});
