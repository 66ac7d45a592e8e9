import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, isolatedEnv, runCli } from '../support/cli-process';
import { startFakeTelegram } from '../support/fake-telegram-server';
import { writeFinraFolder } from '../support/finra-folder';
import { quantile } from '../support/import-beside-writers';

// Chaos scenario (issue 14): the Telegram bot itself — `squeezebot start` with a token, the real telegraf
// bot polling the fake Bot API on 127.0.0.1 — answering a trader's `/add`s one after another while
// `squeezebot import` writes a big folder into the same SQLite file. Counts the writes lost (an add
// answered but not stored, or not answered) and the reply latency as the trader sees it: from the update
// pushed to the bot's sendMessage arriving.

const USER = 321;
const REPLY_TIMEOUT_MS = 20_000;

export interface BotBesideImportFigures {
  importMs: number;
  importExit: number;
  adds: number;
  lost: string[];
  latencies: number[];
  botExit: number | null;
}

export async function botBesideImport(options: { days: number; symbols: number }): Promise<BotBesideImportFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'squeezebot-bot-import-'));
  const fake = await startFakeTelegram();
  const folder = join(dir, 'finra');
  writeFinraFolder(folder, { days: options.days, symbols: options.symbols });
  const dbPath = join(dir, 'bot.db');
  const env = isolatedEnv({
    dir,
    dbPath,
    extra: {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_ADMIN_IDS: String(USER),
      SQUEEZEBOT_SCHEDULER: 'off',
      SQUEEZEBOT_CFG__app__data_dir: join(dir, 'data'),
      SQUEEZEBOT_CFG__adhoc__max_active_candidates: '1000',
      SQUEEZEBOT_CFG__chat__rate_limit_per_minute: '10000',
    },
  });
  const bot = spawn(process.execPath, [BIN, 'start', '--no-update'], { env });
  let stdout = '';
  bot.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
  bot.stderr.resume();
  const botExited = new Promise<number | null>((ok) => bot.on('exit', (code) => ok(code)));
  try {
    for (let i = 0; i < 600 && !/is running/.test(stdout); i++) await new Promise((r) => setTimeout(r, 100));
    if (!/is running/.test(stdout)) throw new Error(`the bot did not start: ${stdout}`);
    const t0 = performance.now();
    let importDone = false;
    const importing = runCli(['import', folder], env, 600_000).then((r) => {
      importDone = true;
      return { code: r.code, ms: performance.now() - t0 };
    });
    const sent: string[] = [];
    const answered = new Set<string>();
    const latencies: number[] = [];
    while (!importDone) {
      const symbol = `QB${String.fromCharCode(65 + (sent.length % 26))}${String.fromCharCode(65 + Math.floor(sent.length / 26))}`;
      sent.push(symbol);
      const after = fake.calls.length;
      const at = performance.now();
      fake.pushMessage(USER, USER, `/add ${symbol}`);
      const reply = await fake
        .waitFor(
          (c) => c.seq > after && c.method === 'sendMessage' && String(c.params.text).includes(symbol),
          REPLY_TIMEOUT_MS,
        )
        .catch(() => null);
      if (!reply) break;
      latencies.push(performance.now() - at);
      // Telegram HTML: "Added <b>QBAA</b> until …"
      if (
        String(reply.params.text)
          .replace(/<[^>]+>/g, '')
          .includes(`Added ${symbol}`)
      )
        answered.add(symbol);
    }
    const imported = await importing;
    bot.kill('SIGTERM');
    const botExit = await botExited;
    const db = new Database(dbPath, { readonly: true });
    const held = new Set(db.prepare('SELECT symbol FROM adhoc_candidates').pluck().all() as string[]);
    db.close();
    return {
      importMs: imported.ms,
      importExit: imported.code,
      adds: sent.length,
      lost: sent.filter((s) => !answered.has(s) || !held.has(s)),
      latencies,
      botExit,
    };
  } finally {
    if (bot.exitCode === null) bot.kill('SIGKILL');
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run chaos`'s printout (sizes: CHAOS_DAYS, CHAOS_SYMBOLS). */
export async function botBesideImportScenario(): Promise<void> {
  const days = Number(process.env.CHAOS_DAYS ?? 120);
  const symbols = Number(process.env.CHAOS_SYMBOLS ?? 10_000);
  const f = await botBesideImport({ days, symbols });
  const ms = (x: number) => `${Math.round(x)} ms`;
  console.log(`Telegram bot beside an import of ${days} FINRA files × ${symbols.toLocaleString('en-US')} symbols`);
  console.log(`  import ${(f.importMs / 1000).toFixed(1)} s, exit ${f.importExit}; bot exit ${f.botExit}`);
  console.log(
    `  /add sent ${f.adds}, lost ${f.lost.length}${f.lost.length ? ` (${f.lost.join(' ')})` : ''}; reply latency median ${ms(quantile(f.latencies, 0.5))}, p95 ${ms(quantile(f.latencies, 0.95))}, max ${ms(Math.max(0, ...f.latencies))}`,
  );
}
