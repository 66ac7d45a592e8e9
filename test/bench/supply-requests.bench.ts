import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { addCalendarDays } from '../../src/market/iso-date';
import { ingestHarness } from '../support/ingest-harness';

// Request budgets of the issue-12 keyless datasets (CLARIFICATIONS: each has its own): the Reg SHO threshold
// lists (whole market, per publisher) and the Cboe options chains (one per short-list name). Answered
// locally by msw in the layouts of FORMATS-keyless.md §4 (constructed: no real list file exists) and §6.

const SHORT_LIST = 200;
const NASDAQ = 'Symbol|Security Name|Market Category|Reg SHO Threshold Flag|Rule 3210|Filler';
const NYSE = 'Symbol|Security Name|Market Category|Reg SHO Threshold Flag|Filler|Filler';
const chain = readFileSync(new URL('../fixtures/cboe/GME.json', import.meta.url), 'utf8');

export async function benchSupplyRequests() {
  const requests: string[] = [];
  const server = setupServer(
    http.get('https://www.nasdaqtrader.com/dynamic/symdir/regsho/:name', ({ params }) => {
      const d = /(\d{8})/.exec(String(params.name))![1]!;
      return HttpResponse.text(`${NASDAQ}\r\nKOSS|KOSS CORP|G|Y|N|\r\n${d}230007\r\n`);
    }),
    http.get('https://www.nyse.com/api/regulatory/threshold-securities/download', () =>
      HttpResponse.text(`${NYSE}\nAMC|AMC ENTERTAINMENT|A|Y||\n20240614220000\n`),
    ),
    http.get('https://cdn.cboe.com/resources/us/equities/market-statistics/reg-sho-threshold/:name', () =>
      HttpResponse.text('Symbol|CompanyName\n'),
    ),
    http.get('https://cdn.cboe.com/api/global/delayed_quotes/options/:file', ({ params }) =>
      HttpResponse.text(chain.replaceAll('GME', String(params.file).replace(/\.json$/, ''))),
    ),
  );
  server.events.on('request:start', ({ request }) => void requests.push(new URL(request.url).host));
  server.listen({ onUnhandledRequest: 'error' });
  const h = ingestHarness({
    now: '2024-06-15T08:00:00Z',
    logLevel: 'silent',
    // the bench counts requests; the real pace (cboe_calls_per_minute) is reported as a duration below
    config: (c) => {
      c.performance.api_rate_limits.cboe_calls_per_minute = 1e6;
    },
  });
  try {
    const insert = h.db.$client.prepare(
      "INSERT INTO daily_bars (symbol, date, close, volume, source, published_on) VALUES (?, '2024-06-14', 10, 1e6, 'yahoo', '2024-06-14')",
    );
    for (let i = 0; i < SHORT_LIST; i++) insert.run(`S${String(i).padStart(3, '0')}`);

    await h.ingest.thresholdLists(new Date('2024-06-15T08:00:00Z'));
    const thresholdFirst = requests.length;
    requests.length = 0;
    // the next day: one new list date, each publisher once
    await h.ingest.thresholdLists(new Date(`${addCalendarDays('2024-06-15', 3)}T08:00:00Z`));
    const thresholdDaily = requests.length;
    requests.length = 0;

    const t0 = performance.now();
    const out = await h.ingest.optionsFor('2024-06-14');
    const optionsMs = Math.round(performance.now() - t0);
    return {
      threshold: { first_run_requests: thresholdFirst, daily_requests: thresholdDaily },
      options: {
        short_list: SHORT_LIST,
        requests: requests.length,
        rows: out.rows,
        ms_unpaced: optionsMs,
        minutes_at_default_pace: Number((SHORT_LIST / 30).toFixed(1)),
      },
      note: `threshold: Nasdaq 1 + NYSE ${h.config.providers.nyse.threshold_markets.length} + Cboe 1 per list date (first run: the last 5 dates); options: one per short-list name, paced at performance.api_rate_limits.cboe_calls_per_minute (30 by default)`,
    };
  } finally {
    h.cleanup();
    server.close();
  }
}
