import { DATASETS, type Dataset } from '../domain/market-data';
import { formatOutcome } from '../ingest/ingest-deps';
import { marketDateAt } from '../market/trading-calendar';
import { normaliseTicker } from '../market/symbol-map';
import { UsageError } from '../shared/errors';
import type { VerbContext } from './verb';
import { appForCli } from './app-for-cli';

export async function ingestVerb(ctx: VerbContext): Promise<number> {
  const [what, ...extra] = ctx.args;
  if (!what || extra.length) throw new UsageError('name one dataset');
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
