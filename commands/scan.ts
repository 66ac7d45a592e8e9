import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { fmtDuration, fmtNum } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import { levelBadge } from '../src/present/levels';
import { commandButton, type ButtonRows } from '../src/present/buttons';
import { fitPhone } from '../src/present/phone-width';
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
            `✓ ${escapeHtml(stageLabel(st.name))} ${st.symbolsIn} → ${st.symbolsOut} · ${escapeHtml(fmtDuration(st.durationMs))}`,
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
    const list = top.length
      ? top.map(
          (r) => `${r.rank}. ${bold(r.symbol)}  ${fmtNum(r.result.score)} ${escapeHtml(levelBadge(r.result.level))}`,
        )
      : ['Nothing reached the ranking.'];
    const buttons: ButtonRows = [];
    const tickers = top.map((r) => commandButton(r.symbol, `/ticker ${r.symbol}`));
    for (let i = 0; i < tickers.length; i += 4) buttons.push(tickers.slice(i, i + 4));
    buttons.push([commandButton('🏆 Top', '/top')]);
    await ctx.reply(
      fitPhone(
        [funnelText(result.run, result.run.stages, ctx.user.prefs.timeZone), bold('Top 10'), ...list].join('\n'),
      ),
      {
        buttons,
      },
    );
  },
});
