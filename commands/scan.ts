import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { fmtDuration, fmtNum } from '../src/present/format';
import { bold, escapeHtml, preTable } from '../src/present/html';
import { funnelText } from '../src/present/funnel-view';
import { lastTradingDayOnOrBefore } from '../src/market/trading-calendar';
import type { StageRecord } from '../src/domain/runs';
import { stageLabel } from '../src/present/labels/reasons';

export const scanCommand = defineCommand({
  name: 'scan',
  summary: 'run the discovery pipeline now and show the funnel and the top 10',
  usage: '/scan',
  example: '/scan',
  minRole: 'trader',
  parse: noArgs,
  async run(ctx, _args, s) {
    const asOf = lastTradingDayOnOrBefore(ctx.asOf);
    const done: StageRecord[] = [];
    const progress = () =>
      [
        `Scanning as of ${escapeHtml(asOf)}…`,
        ...done.map(
          (st) =>
            `✓ ${escapeHtml(stageLabel(st.name))}: ${st.symbolsIn} → ${st.symbolsOut} (${escapeHtml(fmtDuration(st.durationMs))})`,
        ),
      ].join('\n');
    const msg = await ctx.reply(progress());
    const result = await s.scan.run({
      asOf,
      onStage: async (stage) => {
        done.push(stage);
        // a failed edit (message gone, rate limit) must not fail the scan
        await ctx.edit(msg, progress()).catch((err: unknown) => s.logger.debug({ err }, 'progress edit failed'));
      },
    });
    await ctx.edit(msg, `${progress()}\nDone.`).catch(() => {});
    const top = result.ranking.slice(0, 10);
    const table = top.length
      ? preTable(
          ['#', 'ticker', 'score', 'level'],
          top.map((r) => [String(r.rank), r.symbol, fmtNum(r.result.score), r.result.level ?? '—']),
          { alignRight: [true, false, true, false] },
        )
      : 'Nothing reached the ranking.';
    await ctx.reply(
      [funnelText(result.run, result.run.stages, ctx.user.prefs.timeZone), bold('Top 10'), table].join('\n'),
    );
  },
});
