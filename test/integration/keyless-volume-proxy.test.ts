import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';
import { recordGets, useMsw } from '../support/msw';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { sayTo } from '../support/chat-surface';
import { flat, spikeLast, steady, writeMarket } from '../support/market-fixture';
import { oneLine } from '../support/phone-width';

// Keyless, the first day: one screener close per symbol and 60 sessions of FINRA short-volume files.
// The volume detector finds the spike on FINRA's off-exchange volume, scales the liquidity threshold
// by the off-exchange share, and every reply that shows a volume figure says it is a proxy.

const AS_OF = '2024-06-14';
const YAHOO = 'https://query1.finance.yahoo.com';
const server = useMsw();

/** Yahoo's chart for `symbol`: a year of sessions to AS_OF, 4M shares a day and 16M on the last, ±2% range. */
function yahooChart(symbol: string) {
  const days = tradingDaysBetween(addTradingDays(AS_OF, -251), AS_OF);
  const close = days.map((_, i) => 20 + (i % 5) * 0.1);
  return {
    chart: {
      result: [
        {
          meta: { currency: 'USD', symbol, exchangeName: 'NMS', instrumentType: 'EQUITY', gmtoffset: -14400 },
          timestamp: days.map((d) => Date.parse(`${d}T13:30:00Z`) / 1000),
          indicators: {
            quote: [
              {
                open: close,
                high: close.map((c) => c * 1.02),
                low: close.map((c) => c * 0.98),
                close,
                volume: days.map((_, i) => (i === days.length - 1 ? 16e6 : 4e6)),
              },
            ],
            adjclose: [{ adjclose: close }],
          },
        },
      ],
      error: null,
    },
  };
}

describe('the off-exchange volume proxy through the funnel and the chat', () => {
  let dir: string;
  let app: App;
  afterEach(() => {
    app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const setup = () => {
    dir = mkdtempSync(join(tmpdir(), 'squeezebot-proxy-'));
    // a 6× spike on a flat price scores about 0.23 (no volatility, no momentum): a low level that low, so the
    // alert this test reads is raised
    const env = { SQUEEZEBOT_CFG__ALERTING__THRESHOLDS__LOW__SQUEEZE_SCORE: '0.2' };
    app = createApp({ dbPath: join(dir, 't.db'), env, clock: fakeClock(`${AS_OF}T23:00:00Z`), logLevel: 'silent' });
    // TotalVolume is half the volume in the fixture: KPROXY's off-exchange average is 1M, KTHIN's 150k
    writeMarket(app.db, AS_OF, 60, {
      KPROXY: { close: flat(20), volume: spikeLast(2e6, 6), screenerDays: 1 },
      KQUIET: { close: flat(20), volume: steady(3e6), screenerDays: 1 },
      KTHIN: { close: flat(20), volume: spikeLast(3e5, 6), screenerDays: 1 },
      FULL: { close: flat(15), volume: spikeLast(2e6, 4) },
    });
  };

  it('ranks the spike found on off-exchange volume and labels it everywhere it is shown', async () => {
    setup();
    // Yahoo knows nothing of these names: the history fill gets nothing and the proxy run is the one saved
    const asked = recordGets(server, `${YAHOO}/v8/finance/chart/:symbol`, () =>
      HttpResponse.json(
        { chart: { result: null, error: { code: 'Not Found', description: 'No data found' } } },
        { status: 404 },
      ),
    );
    // a scan of today (the clock's day): the alert engine runs on it too
    const result = await app.pipeline.run({ asOf: AS_OF });
    expect(asked.map((u) => u.pathname)).toEqual(['/v8/finance/chart/KPROXY']);
    const volume = result.run.stages.find((s) => s.name === 'volume_filtering')!;
    expect(volume.eliminationReasons).toEqual({ insufficient_volume_spike: 1, avg_volume_too_low: 1 });
    expect(result.ranking.map((r) => r.symbol).sort()).toEqual(['FULL', 'KPROXY']);

    const proxied = result.scored.find((r) => r.symbol === 'KPROXY')!;
    expect(proxied.metrics.volume).toMatchObject({ volumeBasis: 'off_exchange', volume: 6e6, avgVolume20: 1e6 });
    expect(proxied.metrics.volume!.volumeSpikeRatio).toBeCloseTo(6, 9);
    expect(proxied.metrics.flags.map((f) => f.code)).toContain('volume_proxy');
    expect(result.scored.find((r) => r.symbol === 'FULL')!.metrics.volume!.volumeBasis).toBe('consolidated');

    // the liquidity threshold is scaled by the off-exchange share (500k × 0.4), and the cut says so
    const cut = app.repos.pipelineRuns.elimination(result.run.id, 'KTHIN')!;
    expect(cut).toMatchObject({ criterion: 'avg_volume_too_low', value: 150_000, threshold: 200_000 });
    expect(cut.detail).toMatch(/off-exchange volume, threshold × 0\.4/);

    const why = oneLine((await sayTo(app, '/why KPROXY', { asOf: AS_OF })).text);
    expect(why).toMatch(/volume spike \(off-exchange volume\) 6\.00/);
    const card = (await sayTo(app, '/ticker KPROXY', { asOf: AS_OF })).text;
    expect(oneLine(card)).toMatch(/Volume 6\.00M 6\.0× 20d avg 1\.00M \(off-exchange proxy\)/);
    expect(oneLine(card)).toMatch(
      /volume figures from FINRA off-exchange volume \(CNMS TotalVolume, 60 sessions\), a proxy/,
    );
    const top = (await sayTo(app, '/top', { asOf: AS_OF })).text;
    expect(oneLine(top)).toMatch(
      /Volume figures of 1 of these are FINRA off-exchange volume, a proxy: fewer than 21 daily bars/,
    );

    const alert = app.db.$client
      .prepare(`SELECT body FROM alerts WHERE kind = 'squeeze' AND symbol = 'KPROXY'`)
      .get() as {
      body: string;
    };
    // the alert is wrapped for a phone: its words read the same once the line breaks are spaces
    const flat = alert.body.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Volume 6\.00M 6\.0× 20d avg 1\.00M \(off-exchange proxy\)/);
    expect(flat).toMatch(/Drivers: • volume spike \(off-exchange volume\) \+0\.11/);

    const full = (await sayTo(app, '/ticker FULL', { asOf: AS_OF })).text;
    expect(full).not.toMatch(/off-exchange proxy/);

    // the report: the spike cell is marked in the HTML, and the CSV has the basis column
    const html = (await sayTo(app, '/report daily html', { asOf: AS_OF })).documents[0]!.content.toString();
    expect(html).toMatch(/<b>KPROXY<\/b>.*6\.0× <abbr title="on FINRA off-exchange volume[^"]*">off-ex\.<\/abbr>/s);
    expect(html).not.toMatch(/<b>FULL<\/b>[^\n]*off-ex\./);
    const csv = (await sayTo(app, '/report daily csv', { asOf: AS_OF })).documents[0]!.content.toString();
    const header = csv.split('\n').find((l) => l.startsWith('rank,') || l.includes('volume_basis'))!;
    const col = header.split(',').indexOf('volume_basis');
    const row = (sym: string) =>
      csv
        .split('\n')
        .find((l) => l.split(',').includes(sym))!
        .split(',')[col];
    expect([row('KPROXY'), row('FULL')]).toEqual(['off_exchange', 'consolidated']);
  });

  it("days to cover uses FINRA's own average daily volume where the volume figures are the proxy", async () => {
    setup();
    server.use(http.get(`${YAHOO}/v8/finance/chart/:symbol`, () => new HttpResponse(null, { status: 404 })));
    app.db.$client
      .prepare(
        `INSERT INTO short_interest (symbol, settlement_date, source, short_interest, avg_daily_volume, published_on) VALUES ('KPROXY', '2024-05-31', 'finra', 9e6, 2.5e6, '2024-06-11')`,
      )
      .run();
    const result = await app.pipeline.run({ asOf: AS_OF });
    const m = result.scored.find((r) => r.symbol === 'KPROXY')!.metrics;
    // 9M short / FINRA's 2.5M a day, not / the 1M off-exchange average (which would say 9 days)
    expect(m.shortInterest!.daysToCover).toBeCloseTo(3.6, 9);
    expect(m.flags.find((f) => f.code === 'dtc_finra_adv')?.message).toMatch(
      /^days to cover on FINRA's average daily volume of the 2024-05-31 settlement period/,
    );
  });

  it('a scan of today fetches a year of bars and the float for the listed proxy names, then ranks on them', async () => {
    setup();
    const charts = recordGets(server, `${YAHOO}/v8/finance/chart/:symbol`, (_u, p) =>
      HttpResponse.json(yahooChart(String(p.symbol))),
    );
    const stats = recordGets(server, `${YAHOO}/v10/finance/quoteSummary/:symbol`, () =>
      HttpResponse.json({
        quoteSummary: {
          result: [{ defaultKeyStatistics: { floatShares: { raw: 40e6 }, sharesOutstanding: { raw: 50e6 } } }],
          error: null,
        },
      }),
    );
    server.use(
      http.get(
        'https://fc.yahoo.com/',
        () => new HttpResponse('', { status: 404, headers: { 'set-cookie': 'A3=d=x; Path=/' } }),
      ),
      http.get(`${YAHOO}/v1/test/getcrumb`, () => HttpResponse.text('crumb1')),
    );
    const result = await app.pipeline.run();
    // one chart and one key-statistics request for the one listed name on the proxy; none for FULL
    expect(charts.map((u) => u.pathname)).toEqual(['/v8/finance/chart/KPROXY']);
    expect(charts[0]!.searchParams.get('period1')).toBe(String(Date.parse('2023-06-14T00:00:00Z') / 1000));
    expect(stats.map((u) => u.pathname)).toEqual(['/v10/finance/quoteSummary/KPROXY']);
    // the saved run is the second one: KPROXY on its own consolidated bars now (16M / 4M), ATR from high/low
    const k = result.scored.find((r) => r.symbol === 'KPROXY')!.metrics;
    expect(k.volume).toMatchObject({ volumeBasis: 'consolidated', avgVolume20: 4e6 });
    expect(k.volume!.volumeSpikeRatio).toBeCloseTo(4, 9);
    expect(k.volume!.atr14).not.toBeNull();
    expect(k.flags.map((f) => f.code)).not.toContain('volume_proxy');
    expect(app.repos.pipelineRuns.latest()!.id).toBe(result.run.id);
    expect(app.db.$client.prepare(`SELECT count(*) AS n FROM pipeline_runs`).get()).toEqual({ n: 1 });
    const card = (await sayTo(app, '/ticker KPROXY')).text;
    expect(oneLine(card)).not.toMatch(/off-exchange proxy/);
    expect(card).toMatch(/Volume 16\.0M 4\.0× 20d avg 4\.00M\n/);
  });
});
