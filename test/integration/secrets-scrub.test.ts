import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { sayTo } from '../support/chat-surface';
import { useMsw } from '../support/msw';

// Issue 14, "secrets out of every output": every upstream echoes the whole request back in a 500
// (URL, headers, body) — the worst an error body can do. Each keyed provider is called through the real
// app; then the log file, the errors thrown, every text column of the store and the /status reply are
// searched for every secret in each form it travels in (plain, URL-encoded, base64, basic-auth pair).

const SECRETS = {
  TELEGRAM_BOT_TOKEN: '123456:AAE-bot-token-xyz',
  POLYGON_API_KEY: 'pk_poly_9f8e7d6c',
  FMP_API_KEY: 'fmp/key+with=chars',
  FINNHUB_API_KEY: 'fh_c0ffee1234',
  FINRA_CLIENT_ID: 'finra-client-id',
  FINRA_CLIENT_SECRET: 'finra$ecret!42',
  SMTP_URL: 'smtp://mailer:sm%40tp-pa55@127.0.0.1:2525',
};
const b64 = (s: string) => Buffer.from(s).toString('base64');
const FORBIDDEN = [
  ...Object.entries(SECRETS)
    .filter(([k]) => k !== 'FINRA_CLIENT_ID' && k !== 'SMTP_URL')
    .flatMap(([, v]) => [v, encodeURIComponent(v), b64(v)]),
  b64(`${SECRETS.FINRA_CLIENT_ID}:${SECRETS.FINRA_CLIENT_SECRET}`),
  'sm@tp-pa55',
  'sm%40tp-pa55',
];

async function echo(request: Request): Promise<Response> {
  const headers = [...request.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
  const body = await request.text().catch(() => '');
  return new HttpResponse(`you sent ${request.method} ${request.url}\n${headers}\n\n${body}`, { status: 500 });
}

const server = useMsw(http.all('*', ({ request }) => echo(request)));

let dir = '';
let app: App;
let logFile = '';
const thrown: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-secrets-'));
  logFile = join(dir, 'squeezebot.log');
  app = createApp({
    dbPath: join(dir, 's.db'),
    env: { ...SECRETS, TELEGRAM_ADMIN_IDS: '1' },
    clock: fakeClock('2021-01-28T01:00:00Z'),
    logFile,
    logLevel: 'info',
    tweak: (l) => (l.config.performance.error_handling.max_retries = 0),
  });
  const p = app.providers;
  for (const call of [() => p.polygon!.ping(), () => p.fmp!.ping(), () => p.finnhub!.ping(), () => p.finraApi.ping()])
    await call().catch((err: Error & { excerpt?: string }) => thrown.push(`${err.message}\n${err.excerpt ?? ''}`));
  // a job whose error and stats quote a raw secret (a provider library's own message): the job table keeps both
  const run = app.repos.jobRuns.start('fmp_universe', 'manual', '2021-01-27', new Date());
  const raw = `GET /api/v3/profile?apikey=${SECRETS.FMP_API_KEY} refused`;
  app.repos.jobRuns.finish(run, { finishedAt: new Date(), status: 'failed', error: raw, stats: { note: raw } });
});
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
  server.resetHandlers();
});

function expectClean(where: string, text: string) {
  for (const f of FORBIDDEN) expect(text.includes(f), `${where} holds ${f}`).toBe(false);
}

describe('secrets never leave the process', () => {
  it('every keyed provider was called and failed on the echo (the test is not vacuous)', () => {
    expect(thrown).toHaveLength(4);
    expect(thrown.join('\n')).toContain('[redacted]');
  });

  it('errors thrown by the clients, with their excerpts', () => {
    for (const t of thrown) expectClean('an error', t);
  });

  it('the log file at the default level', async () => {
    await new Promise((r) => setTimeout(r, 200));
    app.logger.flush();
    await new Promise((r) => setTimeout(r, 200));
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/request failed|HTTP 500/);
    expectClean('the log', log);
  });

  it('every text column of every table', () => {
    const sqlite = app.db.$client;
    const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
    let scanned = 0;
    for (const t of tables)
      for (const row of sqlite.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
        scanned += 1;
        expectClean(`table ${t}`, JSON.stringify(row));
      }
    expect(scanned).toBeGreaterThan(0);
    const health = sqlite.prepare(`SELECT last_error FROM provider_health WHERE last_error IS NOT NULL`).pluck().all();
    expect(health.length).toBeGreaterThan(0);
  });

  it('the /status and /jobs replies', async () => {
    for (const cmd of ['/status', '/jobs']) {
      const r = await sayTo(app, cmd, { userId: '1', chatType: 'private' });
      expectClean(cmd, r.text);
    }
  });
});
