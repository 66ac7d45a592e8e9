import { parseArgs } from 'node:util';
import { loadDotEnv } from './config/dotenv';
import { scrubSecrets } from './shared/secrets';
import { debugStack, describeCliError } from './cli/cli-errors';

import type { Verb } from './cli/verb';

// `squeezebot <verb> ...`: the table of verbs with their usage lines, and the option parsing they share.

type OptionSpec = { type: 'string' | 'boolean'; short?: string };

/** Options every verb takes; a verb adds its own in `options` (scan's --json is a switch, backtest's a file). */
const COMMON_OPTIONS: Record<string, OptionSpec> = {
  db: { type: 'string' },
  date: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  symbols: { type: 'string' },
  'as-of': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
};

// Each verb's module is imported only when that verb runs: `--help` and one verb load what they need,
// not every verb's dependencies (Telegram, canvas, SMTP) at each start.
const VERBS: Record<
  string,
  { load: () => Promise<Verb>; usage: string; summary: string; options?: Record<string, OptionSpec> }
> = {
  start: {
    load: () => import('./cli/start.verb').then((m) => m.startVerb),
    usage: 'squeezebot start [--no-update] [--no-scheduler] [--db PATH]',
    summary:
      'run the bot: on Telegram with TELEGRAM_BOT_TOKEN, else a console chat (or the commands piped in); an empty store is backfilled and scanned first (on Telegram behind the bot, its progress one message edited in place; not with --no-update); the job scheduler runs beside it (not with --no-scheduler; on the console not with --no-update or piped input)',
    options: { 'no-update': { type: 'boolean' }, 'no-scheduler': { type: 'boolean' } },
  },
  chat: {
    load: () => import('./cli/chat.verb').then((m) => m.chatVerb),
    usage: 'squeezebot chat [--as-of D] [--db PATH] ["/command args"] [--press N[,N…]]',
    summary:
      "run one chat command and print the reply (no command: a console chat; --as-of answers as of a past day; --press presses the reply's numbered buttons in order, e.g. Confirm)",
    options: { press: { type: 'string' } },
  },
  import: {
    load: () => import('./cli/import.verb').then((m) => m.importVerb),
    usage: 'squeezebot import PATH... [--db PATH]',
    summary: 'import FINRA, Yahoo and Nasdaq files or folders',
  },
  ingest: {
    load: () => import('./cli/ingest.verb').then((m) => m.ingestVerb),
    usage:
      'squeezebot ingest <universe|bars|shortvol|shortinterest|otc|trades|threshold|options|borrow|daily> [--date D | --from D --to D] [--symbols A,B] [--db PATH]\n  squeezebot ingest backfill [--sessions N] [--db PATH]',
    summary:
      'fetch a dataset from the providers for a date or a range; backfill: what a scan needs on an empty store (app.backfill_sessions sessions of FINRA files, resumable, its request budget printed first)',
    options: { sessions: { type: 'string' } },
  },
  scan: {
    load: () => import('./cli/scan.verb').then((m) => m.scanVerb),
    usage: 'squeezebot scan [--as-of D] [--json] [--db PATH]',
    summary: 'run the discovery pipeline once: the funnel and the top list',
    options: { json: { type: 'boolean' } },
  },
  backtest: {
    load: () => import('./cli/backtest.verb').then((m) => m.backtestVerb),
    usage:
      'squeezebot backtest --from D --to D [--json FILE] [--events FILE] [--splits FILE] [--ablate] [--no-record] [--db PATH]',
    summary:
      'replay the pipeline day by day with only what was published by each day; records its recommendations and outcomes as backtest (--no-record: not)',
    options: {
      json: { type: 'string' },
      events: { type: 'string' },
      splits: { type: 'string' },
      ablate: { type: 'boolean' },
      'no-record': { type: 'boolean' },
    },
  },
  report: {
    load: () => import('./cli/report.verb').then((m) => m.reportVerb),
    usage: 'squeezebot report daily|weekly [--as-of D] [--format text|html|csv] [--out FILE] [--db PATH]',
    summary: 'the daily report or weekly summary as text, a self-contained HTML file or CSV',
    options: { format: { type: 'string' }, out: { type: 'string' } },
  },
  chart: {
    load: () => import('./cli/chart.verb').then((m) => m.chartVerb),
    usage: 'squeezebot chart SYM [--as-of D] [--range 1m|3m|6m|1y] [--phone] [--out FILE] [--db PATH]',
    summary:
      'draw the ticker chart (price, short ratio, short interest, score, off-exchange) as a PNG; --phone: the portrait one the chat sends',
    options: { range: { type: 'string' }, out: { type: 'string' }, phone: { type: 'boolean' } },
  },
  doctor: {
    load: () => import('./cli/doctor.verb').then((m) => m.doctorVerb),
    usage: 'squeezebot doctor [--db PATH]',
    summary: 'check config, database and every provider, and say what to fix',
  },
};

function help(): string {
  return [
    'usage: squeezebot <verb> [options]',
    '',
    ...Object.values(VERBS).map((v) => `  ${v.usage}\n      ${v.summary}`),
    '',
    'The database is --db PATH, else $SQUEEZEBOT_DB, else ./data/squeezebot.db.',
  ].join('\n');
}

export async function main(
  argv: string[],
  io = { out: (s: string) => console.log(s), err: (s: string) => console.error(s) },
): Promise<number> {
  const [verbName, ...rest] = argv;
  if (!verbName || verbName === '--help' || verbName === '-h' || verbName === 'help') {
    io.out(help());
    return verbName ? 0 : 2;
  }
  // ./.env, or the file SQUEEZEBOT_ENV_FILE names; what the environment already has wins
  loadDotEnv(process.env.SQUEEZEBOT_ENV_FILE ?? '.env');
  const verb = VERBS[verbName];
  if (!verb) {
    io.err(`unknown verb "${verbName}"\n\n${help()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { ...COMMON_OPTIONS, ...verb.options },
    });
  } catch (err) {
    io.err(`${(err as Error).message}\nusage: ${verb.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`usage: ${verb.usage}\n  ${verb.summary}`);
    return 0;
  }
  // every line a verb prints passes the secret scrubber: a token in an echoed error never reaches a terminal
  const out = (s: string) => io.out(scrubSecrets(s));
  const err = (s: string) => io.err(scrubSecrets(s));
  try {
    const run = await verb.load();
    return await run({ args: parsed.positionals, flags: parsed.values, out, err });
  } catch (thrown) {
    const told = describeCliError(thrown);
    err(told.usage ? `${told.line}\nusage: ${verb.usage}` : told.line);
    const stack = debugStack(thrown);
    if (stack) err(stack);
    return told.code;
  }
}
