import { backfillReason } from '../ingest/backfill.service';
import type { App } from '../main';
import { errorMessage } from '../shared/errors';
import { answerOnce, type ConsoleChatDeps } from '../transports/console/console-chat';
import { runBackfill } from './backfill-run';
import type { VerbContext } from './verb';

// The first `start` on a store without short volume: say what is fetched and why, backfill with a
// progress line, run the first scan and show the top of the ranking as /top does (through the chat
// core, one renderer). Stopped with Ctrl-C or with the network down, the chat opens anyway and the next
// start resumes the backfill. Telegram's in-place progress message is not wired yet.

export async function firstStartOnConsole(ctx: VerbContext, app: App, deps: ConsoleChatDeps): Promise<void> {
  if (!app.backfill.needed()) return;
  ctx.out(backfillReason(app.backfill.plan()));
  try {
    const result = await runBackfill(ctx, app, { tty: process.stdout.isTTY ? process.stdout : null });
    if (result.stopped) return;
    ctx.out('First scan…');
    await app.pipeline.run();
    await answerOnce(deps, '/top');
  } catch (err) {
    app.logger.error({ err }, 'first start backfill failed');
    ctx.out(`First backfill failed: ${errorMessage(err)} (\`squeezebot ingest backfill\` runs it again)`);
  }
}
