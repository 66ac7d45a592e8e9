import { DATASETS, type Dataset } from '../domain/market-data';
import { formatOutcome } from '../ingest/ingest-deps';
import { marketDateAt } from '../market/trading-calendar';
import { normaliseTicker } from '../market/symbol-map';
import { UsageError } from '../shared/errors';
import type { VerbContext } from './verb';
import { appForCli } from './app-for-cli';
import { runBackfill } from './backfill-run';

export async function ingestVerb(ctx: VerbContext): Promise<number> {
  const [what, ...extra] = ctx.args;
  if (!what || extra.length) throw new UsageError('name one dataset');
  if (what === 'backfill') return backfillVerb(ctx);
  if (ctx.flags.sessions !== undefined) throw new UsageError('--sessions goes with `ingest backfill`');
  if (what !== 'daily' && !DATASETS.includes(what as Dataset)) throw new UsageError(`unknown dataset "${what}"`);
  const { date, from, to, symbols } = ctx.flags as Record<string, string | undefined>;
  if (date && (from || to)) throw new UsageError('give --date or --from/--to, not both');
  if ((from && !to) || (to && !from)) throw new UsageError('--from and --to go together');
  const list = symbols?.split(',').map((s) => {
    const t = normaliseTicker(s);
    if (!t) throw new UsageError(`not a ticker: "${s}"`);
    return t;
  });

  const app = appForCli(ctx);
  try {
    const outcomes =
      what === 'daily'
        ? [...(await app.ingest.daily()), ...(await app.ingest.catchUp())]
        : await app.ingest.run(what as Dataset, {
            from: from ?? date ?? app.ingest.latestCompleteDay(app.clock.now()),
            to: to ?? date ?? app.ingest.latestCompleteDay(app.clock.now()),
            symbols: list,
          });
    for (const o of outcomes) ctx.out(formatOutcome(o));
    const failed = outcomes.filter((o) => o.status === 'failed').length;
    const rows = outcomes.reduce((n, o) => n + o.rows, 0);
    ctx.out(
      `${rows} rows stored; ${failed ? `${failed} failed` : 'nothing failed'} (as of ${marketDateAt(app.clock.now())})`,
    );
    return failed ? 1 : 0;
  } finally {
    app.close();
  }
}

/** `ingest backfill [--sessions N]`: what a scan needs on an empty store, resumable (backfill.service.ts). */
async function backfillVerb(ctx: VerbContext): Promise<number> {
  const { sessions, date, from, to, symbols } = ctx.flags;
  if (date || from || to || symbols) throw new UsageError('backfill takes --sessions N only');
  let n: number | undefined;
  if (sessions !== undefined) {
    n = Number(sessions);
    if (typeof sessions !== 'string' || !/^\d+$/.test(sessions) || n < 1 || n > 2000)
      throw new UsageError('--sessions is a number of sessions, 1 to 2000');
  }
  const app = appForCli(ctx);
  try {
    const result = await runBackfill(ctx, app, { sessions: n, tty: process.stdout.isTTY ? process.stdout : null });
    return result.outcomes.some((o) => o.status === 'failed') || result.stopped ? 1 : 0;
  } finally {
    app.close();
  }
}
