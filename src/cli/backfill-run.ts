import {
  formatBudget,
  OFFLINE_AFTER_FAILURES,
  progressBar,
  type BackfillProgress,
  type BackfillResult,
} from '../ingest/backfill.service';
import { formatOutcome } from '../ingest/ingest-deps';
import type { App } from '../main';
import type { VerbContext } from './verb';

// The backfill as the terminal shows it, for `ingest backfill` and the first `start`: the budget line,
// one progress bar (rewritten in place with \r on a terminal; piped, a plain line per step so a log or a
// test reads every step), then the outcome lines. Ctrl-C stops it between two requests; what was stored
// stays, and the next run plans only the rest.

export interface BackfillRunOptions {
  sessions?: number;
  /** where \r-rewritten progress goes; without it, one line per step through ctx.out */
  tty?: NodeJS.WriteStream | null;
  signal?: AbortSignal;
}

export async function runBackfill(
  ctx: VerbContext,
  app: App,
  options: BackfillRunOptions = {},
): Promise<BackfillResult> {
  const plan = app.backfill.plan(options.sessions);
  ctx.out(formatBudget(plan));
  if (plan.total === 0) return { outcomes: [], requests: 0, unplanned: 0, stopped: null };
  const tty = options.tty ?? null;
  const onProgress = (p: BackfillProgress) => {
    // padded to the width so a shorter line wipes the longer one before it
    const width = (tty?.columns || 81) - 1;
    if (tty) tty.write(`\r${progressBar(p).padEnd(width).slice(0, width)}`);
    else if (p.done > 0) ctx.out(progressBar(p));
  };
  // SIGINT stops the run between requests instead of killing the process mid-write
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  options.signal?.addEventListener('abort', onSigint);
  process.once('SIGINT', onSigint);
  let result: BackfillResult;
  try {
    result = await app.backfill.run(plan, { onProgress, signal: controller.signal });
  } finally {
    process.off('SIGINT', onSigint);
    options.signal?.removeEventListener('abort', onSigint);
    if (tty) tty.write('\n');
  }
  for (const o of result.outcomes) ctx.out(formatOutcome(o));
  const rows = result.outcomes.reduce((n, o) => n + o.rows, 0);
  const failed = result.outcomes.filter((o) => o.status === 'failed').length;
  const why =
    result.stopped === 'aborted'
      ? ' — stopped: run it again to fetch the rest'
      : result.stopped === 'offline'
        ? ` — stopped after ${OFFLINE_AFTER_FAILURES} failures in a row (network down?): run it again later`
        : '';
  const extra = result.unplanned
    ? ` (${result.unplanned} screener ${result.unplanned === 1 ? 'request' : 'requests'} more than planned: an answer failed its check, see the log)`
    : '';
  ctx.out(
    `backfill: ${result.requests} of ${plan.total} requests${extra}, ${rows} rows stored; ${failed ? `${failed} failed` : 'nothing failed'}${why}`,
  );
  return result;
}
