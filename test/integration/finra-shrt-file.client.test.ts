import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema';
import { createFinraFilesClient } from '../../src/providers/finra/files.client';
import { fakeClock } from '../../src/shared/clock';
import { ProviderError } from '../../src/shared/errors';
import { finraShortInterestRow } from '../fixtures/collectors/payloads';
import { finraShrtHandler, SHRT_BASE, SHRT_FIELDS, shrtFileText } from '../fixtures/collectors/finra-shrt';
import { testConfig } from '../support/config';
import { testLogger } from '../support/logger';
import { useMsw } from '../support/msw';
import { hasSharedData, sharedPath, SHARED_SKIP_MESSAGE } from '../support/shared-data';

// FINRA's keyless short-interest file shrt{YYYYMMDD}.csv through the files client and the shared
// short-interest file parser, on files written from FORMATS-keyless.md §5 and on the real excerpt.

const SETTLEMENT = '2021-07-15';
const PUBLISHED = '2021-07-26'; // 7 NYSE business days after settlement
const NAME = 'shrt20210715.csv';

// §5's sample figures; AMC's real ratio 0.80 is floored to 1.00 by FINRA; an OTC name with ADV 0
const GME = finraShortInterestRow({
  symbol: 'GME',
  settlement: SETTLEMENT,
  current: 8_075_454,
  previous: 8_224_618,
  adv: 2_903_947,
});
const AMC = finraShortInterestRow({
  symbol: 'AMC',
  settlement: SETTLEMENT,
  current: 79_747_897,
  previous: 75_479_862,
  adv: 99_636_441,
});
const AMBEF = {
  ...finraShortInterestRow({ symbol: 'AMBEF', settlement: SETTLEMENT, current: 300, previous: 0, adv: 0 }),
  issueName: 'AMBEA AB\tSHARE AK Ordinary Sha',
  issuerServicesGroupExchangeCode: 'S',
  marketClassCode: 'OTC',
};
const BCOW = {
  ...finraShortInterestRow({ symbol: 'BCOW', settlement: SETTLEMENT, current: 1966, previous: 1682, adv: 49_752 }),
  stockSplitFlag: 'S',
  revisionFlag: 'R',
};
const GOOD = shrtFileText([AMBEF, AMC, BCOW, GME]);

const server = useMsw();

function client(patch?: (c: Config) => void) {
  return createFinraFilesClient({
    config: testConfig(patch),
    clock: fakeClock('2021-07-27T12:00:00Z'),
    logger: testLogger(),
  });
}

async function rejection(body: string): Promise<ProviderError> {
  server.use(finraShrtHandler({ [NAME]: body }));
  const err = await client()
    .fetchShortInterest(SETTLEMENT)
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe('FINRA short-interest file from the CDN', () => {
  it('downloads the settlement file and parses every row, keeping FINRA quirks as reported', async () => {
    const hits: string[] = [];
    server.use(finraShrtHandler({ [NAME]: GOOD }, hits));
    const got = await client().fetchShortInterest(SETTLEMENT);
    expect(hits).toEqual([`/equity/otcmarket/biweekly/${NAME}`]);
    if (got.status !== 'ok') throw new Error(`expected ok, got ${got.status}`);
    expect(got.url).toBe(`${SHRT_BASE}/${NAME}`);
    expect(got.rows).toBe(4);
    expect(got.checksum).toBe(createHash('sha256').update(GOOD).digest('hex'));
    const by = new Map(got.records.map((r) => [r.symbol, r]));
    expect(by.get('GME')).toMatchObject({
      settlementDate: SETTLEMENT,
      source: 'finra',
      shortInterest: 8_075_454,
      avgDailyVolume: 2_903_947,
      daysToCoverReported: 2.78,
      publishedOn: PUBLISHED,
    });
    expect(by.get('AMC')!.daysToCoverReported).toBe(1);
    // a TAB inside issueName is part of the name, not a separator
    expect(by.get('AMBEF')).toMatchObject({
      issueName: 'AMBEA AB\tSHARE AK Ordinary Sha',
      daysToCoverReported: 999.99,
    });
    expect(by.get('BCOW')).toMatchObject({ splitFlag: true, revisionFlag: true });
    expect(by.get('GME')).toMatchObject({ splitFlag: false, revisionFlag: false });
  });

  it('reports a file not posted yet (403) as missing, with the HTTP status and why', async () => {
    server.use(finraShrtHandler({}));
    const got = await client().fetchShortInterest(SETTLEMENT);
    expect(got).toEqual({
      status: 'missing',
      url: `${SHRT_BASE}/${NAME}`,
      httpStatus: 403,
      reason: expect.stringMatching(/not published yet, or before 2017-12-29/) as string,
    });
  });

  it('reports a 404 as missing too', async () => {
    server.use(http.get(`${SHRT_BASE}/:name`, () => new HttpResponse('Not Found', { status: 404 })));
    expect(await client().fetchShortInterest(SETTLEMENT)).toMatchObject({ status: 'missing', httpStatus: 404 });
  });

  it('rejects a file with another layout’s header, naming line 1', async () => {
    const err = await rejection('Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market\n20210715|GME|1|0|2|B\n');
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/^shrt20210715\.csv:1: header lacks symbolCode, currentShortPositionQuantity/);
  });

  it('rejects the whole file for a bad number on one line, naming that line and the field', async () => {
    const lines = GOOD.split('\n');
    lines[3] = lines[3]!.replace('|1966|', '|1,966|'); // BCOW, the 4th line
    const err = await rejection(lines.join('\n'));
    expect(err.message).toBe('shrt20210715.csv:4: currentShortPositionQuantity: not a number: "1,966"');
  });

  it('rejects a row that lost a field, naming the line', async () => {
    const lines = GOOD.split('\n');
    lines[2] = lines[2]!.split('|').slice(0, 13).join('|');
    expect((await rejection(lines.join('\n'))).message).toBe('shrt20210715.csv:3: expected 14 fields, found 13');
  });

  it("rejects a file holding another settlement's rows", async () => {
    const other = finraShortInterestRow({ symbol: 'GME', settlement: '2021-06-30', current: 1, previous: 1, adv: 1 });
    const err = await rejection(shrtFileText([AMC, other]));
    expect(err.message).toMatch(/holds rows for settlement 2021-06-30 \(GME\), not 2021-07-15/);
  });

  it('reads the file from a configured base URL and path pattern', async () => {
    const hits: string[] = [];
    server.use(
      http.get('https://mirror.example/finra/si/:name', ({ request }) => {
        hits.push(request.url);
        return HttpResponse.text(GOOD);
      }),
    );
    const got = await client((c) => {
      c.providers.finra_files.base_url = 'https://mirror.example/finra/';
      c.providers.finra_files.short_interest_path = 'si/{YYYYMMDD}.psv';
    }).fetchShortInterest(SETTLEMENT);
    expect(hits).toEqual(['https://mirror.example/finra/si/20210715.psv']);
    expect(got.status === 'ok' && got.rows).toBe(4);
  });

  it('writes the 14 header fields in FINRA order', () => {
    expect(GOOD.split('\n')[0]!.split('|')).toEqual([...SHRT_FIELDS]);
  });
});

const EXCERPT = 'OpenBB-finance-OpenBB/openbb_platform/providers/finra/tests/record/http/test_finra_fetchers';

describe.skipIf(!hasSharedData)('the real 2021-07-15 CDN excerpt (../shared/data)', () => {
  it('parses all 26 rows through the same client and parser', async () => {
    const body = readFileSync(sharedPath(EXCERPT, 'shrt20210715.excerpt.csv'), 'utf8');
    server.use(finraShrtHandler({ [NAME]: body }));
    const got = await client().fetchShortInterest(SETTLEMENT);
    if (got.status !== 'ok') throw new Error(`expected ok, got ${got.status}`);
    expect(got.rows).toBe(26);
    const by = new Map(got.records.map((r) => [r.symbol, r]));
    expect(by.get('GME')).toMatchObject({
      shortInterest: 8_075_454,
      avgDailyVolume: 2_903_947,
      daysToCoverReported: 2.78,
    });
    expect(by.get('AMC')).toMatchObject({ shortInterest: 79_747_897, daysToCoverReported: 1 });
    expect(by.get('BBBY')!.shortInterest).toBe(21_274_263);
    expect(by.get('KOSS')!.shortInterest).toBe(310_849);
    expect(by.get('BB')!.shortInterest).toBe(37_062_927);
    expect(by.get('BCOW')).toMatchObject({ splitFlag: true, revisionFlag: true });
    expect(by.get('AMBEF')!.issueName).toContain('\t');
    expect(got.records.every((r) => r.settlementDate === SETTLEMENT && r.publishedOn === PUBLISHED)).toBe(true);
  });
});
if (!hasSharedData) describe.skip(SHARED_SKIP_MESSAGE, () => {});
