import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { collectSupplyMetrics } from '../../src/pipeline/supply-metrics';
import { ingestHarness } from '../support/ingest-harness';
import { useMsw } from '../support/msw';
import { supplySource } from '../support/supply-source';

// The three publishers answered by msw in the layouts FORMATS-keyless.md §4 states. NO REAL THRESHOLD-LIST
// FILE EXISTS: these bodies are constructed from Nasdaq's definitions page and third-party client code [3P].

const NASDAQ_HEADER = 'Symbol|Security Name|Market Category|Reg SHO Threshold Flag|Rule 3210|Filler';
const NYSE_HEADER = 'Symbol|Security Name|Market Category|Reg SHO Threshold Flag|Filler|Filler';
const nasdaqList = (stamp: string, ...symbols: string[]) =>
  [NASDAQ_HEADER, ...symbols.map((s) => `${s}|${s} INC|Q|Y|N|`), stamp, ''].join('\r\n');
const nyseList = (stamp: string, ...symbols: string[]) =>
  [NYSE_HEADER, ...symbols.map((s) => `${s}|${s} CORP|A|Y||`), stamp, ''].join('\n');
const INCAPSULA =
  '<html style="height:100%"><head><META NAME="ROBOTS" CONTENT="NOINDEX, NOFOLLOW"></head><body><iframe id="main-iframe" src="/_Incapsula_Resource?SWUDNSAI=31"></iframe></body></html>';

interface World {
  nasdaq: Record<string, string | number>;
  nyse: Record<string, Record<string, string>>;
  cboe: Record<string, string | number>;
}
let world: World;
const requests: string[] = [];

useMsw(
  http.get('https://www.nasdaqtrader.com/dynamic/symdir/regsho/:name', ({ params }) => {
    const date = /^nasdaqth(\d{8})\.txt$/.exec(String(params.name))![1]!;
    requests.push(`nasdaq ${date}`);
    const a = world.nasdaq[date] ?? 404;
    return typeof a === 'number' ? new HttpResponse('Not Found', { status: a }) : HttpResponse.text(a);
  }),
  http.get('https://www.nyse.com/api/regulatory/threshold-securities/download', ({ request }) => {
    const url = new URL(request.url);
    const date = url.searchParams.get('selectedDate')!;
    const market = url.searchParams.get('market')!;
    requests.push(`nyse ${date} ${market}`);
    // a day NYSE has nothing for, or has not published yet: the header and a placeholder timestamp
    return HttpResponse.text(world.nyse[date]?.[market] ?? nyseList('20230206235959'));
  }),
  http.get('https://cdn.cboe.com/resources/us/equities/market-statistics/reg-sho-threshold/:name', ({ params }) => {
    const date = /_(\d{8})\.txt$/.exec(String(params.name))![1]!;
    requests.push(`cboe ${date}`);
    const a = world.cboe[date] ?? 403;
    return typeof a === 'number'
      ? new HttpResponse('<Error>AccessDenied</Error>', { status: a })
      : HttpResponse.text(a);
  }),
);

function fullWorld(): World {
  const nasdaq: World['nasdaq'] = {};
  const cboe: World['cboe'] = {};
  for (const d of ['20230130', '20230131', '20230201', '20230202', '20230203']) {
    nasdaq[d] = nasdaqList(`${d}230007`, 'KOSS', 'BBBY');
    cboe[d] = 'Symbol|CompanyName\n';
  }
  nasdaq['20230203'] = nasdaqList('20230203230007', 'KOSS', 'BBBY', 'AEHL');
  cboe['20230203'] = 'Symbol|CompanyName\nTQQQ|ProShares UltraPro QQQ\n';
  return { nasdaq, nyse: { '03-Feb-2023': { NYSE: nyseList('20230203220512', 'AMC') } }, cboe };
}

describe('threshold-list collector', () => {
  let h: ReturnType<typeof ingestHarness>;
  afterEach(() => {
    h?.cleanup();
    requests.length = 0;
  });

  it('fetches every market of the last five list dates once they are all out, and nothing again after', async () => {
    world = fullWorld();
    // Saturday 04:00 ET: Friday's Cboe list is out
    h = ingestHarness({ now: '2023-02-04T09:00:00Z' });
    const out = await h.ingest.thresholdLists();
    // 5 dates × (Nasdaq 1 + NYSE 3 + Cboe 1)
    expect(requests).toHaveLength(25);
    expect(out.filter((o) => o.status === 'failed')).toEqual([]);
    expect(out.find((o) => o.date === '2023-02-03' && o.origin === 'nasdaq threshold list')).toMatchObject({
      status: 'ok',
      rows: 3,
    });
    expect(out.find((o) => o.date === '2023-02-02' && o.origin === 'cboe threshold list')).toMatchObject({
      status: 'empty',
    });
    expect(h.count("SELECT count(*) FROM threshold_list WHERE date = '2023-02-03'")).toBe(5);
    expect(h.count("SELECT count(DISTINCT published_on) FROM threshold_list WHERE date = '2023-02-03'")).toBe(1);
    expect(h.count("SELECT published_on FROM threshold_list WHERE symbol = 'AMC'")).toBe('2023-02-06');
    requests.length = 0;
    expect(await h.ingest.thresholdLists()).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("takes Nasdaq's Incapsula block page as a failed fetch, not an empty list, and keeps the others", async () => {
    world = fullWorld();
    world.nasdaq['20230203'] = INCAPSULA;
    h = ingestHarness({ now: '2023-02-04T09:00:00Z' });
    const out = await h.ingest.run('threshold', { from: '2023-02-03', to: '2023-02-03' });
    expect(out.map((o) => [o.origin, o.status])).toEqual([
      ['nasdaq threshold list', 'failed'],
      ['nyse threshold list', 'ok'],
      ['cboe threshold list', 'ok'],
    ]);
    expect(out[0]!.note).toMatch(/an HTML page instead of the threshold list/);
    expect(h.count("SELECT count(*) FROM threshold_list WHERE market = 'nasdaq'")).toBe(0);
    // the next run asks Nasdaq again, and only Nasdaq
    world.nasdaq['20230203'] = nasdaqList('20230203230007', 'KOSS');
    requests.length = 0;
    await h.ingest.thresholdLists();
    expect(requests.filter((r) => r.endsWith('20230203'))).toEqual(['nasdaq 20230203']);
  });

  it("says not published yet for Cboe's 403 and for NYSE's placeholder of today, and an empty list for a past day", async () => {
    world = fullWorld();
    delete world.cboe['20230203'];
    // Friday 23:30 ET: Nasdaq's list is out, NYSE's answer for today is the placeholder, Cboe's comes at 03:00
    h = ingestHarness({ now: '2023-02-04T04:30:00Z' });
    world.nyse = {};
    const today = await h.ingest.run('threshold', { from: '2023-02-03', to: '2023-02-03' });
    expect(today.map((o) => o.status)).toEqual(['ok', 'missing', 'missing']);
    expect(today[1]!.note).toMatch(/NYSE has not published the 2023-02-03 list yet/);
    expect(today[2]!.note).toMatch(/HTTP 403: it comes about 03:00 ET the next day/);
    const past = await h.ingest.run('threshold', { from: '2023-02-02', to: '2023-02-02' });
    expect(past.map((o) => o.status)).toEqual(['ok', 'empty', 'empty']);
  });

  it('replaces a list on a refetch: a symbol dropped from it is off the list', async () => {
    world = fullWorld();
    h = ingestHarness({ now: '2023-02-04T09:00:00Z' });
    await h.ingest.run('threshold', { from: '2023-02-03', to: '2023-02-03' });
    world.nasdaq['20230203'] = nasdaqList('20230203231500', 'KOSS');
    await h.ingest.run('threshold', { from: '2023-02-03', to: '2023-02-03' });
    expect(
      h.count("SELECT group_concat(symbol) FROM threshold_list WHERE date = '2023-02-03' AND market = 'nasdaq'"),
    ).toBe('KOSS');
  });

  it('is read point in time: the list of Friday is first seen on Monday, with the streak over held dates', async () => {
    world = fullWorld();
    h = ingestHarness({ now: '2023-02-04T09:00:00Z' });
    await h.ingest.thresholdLists();
    const friday = collectSupplyMetrics('AEHL', supplySource(h.db, '2023-02-03'), { floatShares: null, adv20: null });
    // as of Friday the newest list is Thursday's, which AEHL is not on
    expect(friday.supply.threshold).toMatchObject({ onList: false, streakDays: 0, date: '2023-02-02' });
    const monday = collectSupplyMetrics('AEHL', supplySource(h.db, '2023-02-06'), { floatShares: null, adv20: null });
    expect(monday.supply.threshold).toEqual({ onList: true, streakDays: 1, markets: ['nasdaq'], date: '2023-02-03' });
    const koss = collectSupplyMetrics('KOSS', supplySource(h.db, '2023-02-06'), { floatShares: null, adv20: null });
    // on all five lists held; nothing is held before 2023-01-30, so five is what is known
    expect(koss.supply.threshold).toMatchObject({ onList: true, streakDays: 5 });
    expect(koss.flags.map((f) => f.code)).toContain('threshold_streak_partial');
  });
});
