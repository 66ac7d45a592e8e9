import {
  formatBudget,
  progressBar,
  type BackfillPlan,
  type BackfillProgress,
  type BackfillResult,
} from '../ingest/backfill.service';
import { backfillSummary, fetchedLine } from '../ingest/backfill-summary';
import { formatOutcome } from '../ingest/ingest-deps';
import type { App } from '../main';
import { causeSentence } from '../monitoring/data-cause';
import { readDataCause } from '../monitoring/read-data-cause';
import type { VerbContext } from './verb';

// A backfill told to a sink: the terminal (`ingest backfill`, the console's first `start`) or the
// Telegram progress message (first-start-telegram.ts). One driver plans, announces the budget, runs
// (stoppable between two requests; what was stored stays, the next run plans only the rest) and says
// how it ended, with the cause in plain words (data-cause.ts) when steps failed.

export interface BackfillSink {
  /** before the first request, with the plan's budget (also when there is nothing to fetch) */
  begin(plan: BackfillPlan): void | Promise<void>;
  progress(p: BackfillProgress): void;
  /** `cause`: why steps failed ("No network: cannot reach …", the offline path), null when none did */
  end(plan: BackfillPlan, result: BackfillResult, cause: string | null): void | Promise<void>;
}

/** Plans, announces, runs and reports one backfill through `sink`. */
export async function backfillTo(
  app: App,
  sink: BackfillSink,
  options: { sessions?: number; signal?: AbortSignal } = {},
): Promise<{ plan: BackfillPlan; result: BackfillResult }> {
  const plan = app.backfill.plan(options.sessions);
  await sink.begin(plan);
  if (plan.total === 0) return { plan, result: { outcomes: [], requests: 0, unplanned: 0, stopped: null } };
  const result = await app.backfill.run(plan, { onProgress: (p) => sink.progress(p), signal: options.signal });
  const failed = result.outcomes.some((o) => o.status === 'failed');
  // provider health now holds what the failed requests met: the hosts not reached, as configured
  const cause = failed ? causeSentence(readDataCause(app.repos, app.settings.current(), app.clock.now())) : '';
  await sink.end(plan, result, cause || null);
  return { plan, result };
}

/**
 * The terminal: the budget line, one progress bar (rewritten in place with \r on a terminal; piped, a
 * plain line per step so a log or a test reads every step), then the outcome lines and the summary.
 */
export function consoleBackfillSink(
  ctx: VerbContext,
  tty: NodeJS.WriteStream | null,
  options: { compact?: boolean } = {},
): BackfillSink {
  return {
    begin: (plan) => ctx.out(formatBudget(plan)),
    progress: (p) => {
      // padded to the width so a shorter line wipes the longer one before it
      const width = (tty?.columns || 81) - 1;
      if (tty) tty.write(`\r${progressBar(p).padEnd(width).slice(0, width)}`);
      else if (p.done > 0) ctx.out(progressBar(p));
    },
    end: (plan, result, cause) => {
      if (tty) tty.write('\n');
      // compact (the first start): what went wrong line by line, what was fetched in one line
      for (const o of result.outcomes) if (!options.compact || o.status === 'failed') ctx.out(formatOutcome(o));
      const fetched = options.compact ? fetchedLine(result.outcomes) : '';
      if (fetched) ctx.out(fetched);
      ctx.out(backfillSummary(plan, result));
      if (cause) ctx.out(cause);
    },
  };
}

/** Runs `work` with an AbortSignal that Ctrl-C trips, so a stop lands between requests, not mid-write. */
export async function stoppableByCtrlC<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `ingest backfill`: the backfill on the terminal. */
export function runBackfill(
  ctx: VerbContext,
  app: App,
  options: { sessions?: number; tty?: NodeJS.WriteStream | null } = {},
): Promise<BackfillResult> {
  const sink = consoleBackfillSink(ctx, options.tty ?? null);
  return stoppableByCtrlC(
    async (signal) => (await backfillTo(app, sink, { sessions: options.sessions, signal })).result,
  );
}
