import { backfillReason } from '../ingest/backfill.service';
import type { App } from '../main';
import { errorMessage } from '../shared/errors';
import { answerOnce, type ConsoleChatDeps } from '../transports/console/console-chat';
import { backfillTo, consoleBackfillSink, stoppableByCtrlC, type BackfillSink } from './backfill-run';
import type { VerbContext } from './verb';

// The first `start` on a store without short volume, in one sequence for every transport: backfill
// what a scan needs (told to a sink: the terminal, or the Telegram progress message), run the first
// scan, then show the top of the ranking as /top does (through the chat core, one renderer). Stopped
// (Ctrl-C, SIGTERM) or offline, the bot carries on without a scan and the next start resumes the backfill.

export interface FirstStartSink extends BackfillSink {
  /** the backfill is done and the first scan starts */
  scanning(): void | Promise<void>;
  /** the scan fetches per-symbol history for the listed names found on the volume proxy (scan.service.ts) */
  history?(symbols: string[]): void | Promise<void>;
  /** after the first scan: the top of the ranking; absent when the caller's own commands will ask */
  top?(): Promise<unknown>;
  /** the backfill or the scan threw: the chat carries on, the next start resumes */
  failed(err: unknown): void | Promise<void>;
}

export type FirstStartOutcome = 'not_needed' | 'stopped' | 'scanned' | 'failed';

export async function runFirstStart(app: App, sink: FirstStartSink, signal?: AbortSignal): Promise<FirstStartOutcome> {
  if (!app.backfill.needed()) return 'not_needed';
  try {
    const { result } = await backfillTo(app, sink, { signal });
    if (result.stopped) return 'stopped';
    await sink.scanning();
    await app.pipeline.run({ onHistory: (symbols) => sink.history?.(symbols) });
    await sink.top?.();
    return 'scanned';
  } catch (err) {
    app.logger.error({ err }, 'first start failed');
    await sink.failed(err);
    return 'failed';
  }
}

/** The same words on the terminal too: `echo` hears the backfill as `sink` does (the bot's stdout). */
export function echoedTo(sink: FirstStartSink, echo: BackfillSink): FirstStartSink {
  return {
    ...sink,
    begin: async (plan) => {
      await echo.begin(plan);
      await sink.begin(plan);
    },
    progress: (p) => {
      echo.progress(p);
      sink.progress(p);
    },
    end: async (plan, result, cause) => {
      await echo.end(plan, result, cause);
      await sink.end(plan, result, cause);
    },
  };
}

/**
 * The console's first start. Interactive: the progress bar, then /top answered for the user. Piped: a
 * plain line per step, and no /top of its own — the piped commands come next and speak for themselves
 * (a piped `/top` then shows the fresh ranking once, not twice).
 */
export function firstStartOnConsole(
  ctx: VerbContext,
  app: App,
  deps: ConsoleChatDeps,
  options: { interactive: boolean },
): Promise<FirstStartOutcome> {
  const lines = consoleBackfillSink(ctx, options.interactive && process.stdout.isTTY ? process.stdout : null, {
    compact: true,
  });
  const sink: FirstStartSink = {
    ...lines,
    begin: (plan) => {
      ctx.out(backfillReason(plan));
      return lines.begin(plan);
    },
    scanning: () => ctx.out('First scan…'),
    history: (symbols) => ctx.out(historyLine(symbols)),
    top: options.interactive ? () => answerOnce(deps, '/top') : undefined,
    failed: (err) =>
      ctx.out(`First start failed: ${errorMessage(err)} (\`squeezebot ingest backfill\` resumes the backfill)`),
  };
  return stoppableByCtrlC((signal) => runFirstStart(app, sink, signal));
}

/** `Found 4 names on FINRA's off-exchange volume: fetching … (A, B, C, D)…` */
export function historyLine(symbols: readonly string[]): string {
  const shown =
    symbols.length > 8 ? `${symbols.slice(0, 8).join(', ')} and ${symbols.length - 8} more` : symbols.join(', ');
  const names = symbols.length === 1 ? '1 name' : `${symbols.length} names`;
  return `Found ${names} on FINRA's off-exchange volume: fetching a year of daily bars and the float of each from Yahoo, one at a time (${shown})…`;
}
