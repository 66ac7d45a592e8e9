import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { escapeHtml } from '../src/present/html';
import { fitPhone } from '../src/present/phone-width';
import { commandButton, inPlaceButton } from '../src/present/buttons';
import { funnelText } from '../src/present/funnel-view';
import { causeSentence } from '../src/monitoring/data-cause';

export const pipelineCommand = defineCommand({
  name: 'pipeline',
  summary: "the last run's funnel: each stage in/out, why names were cut, health",
  usage: '/pipeline',
  example: '/pipeline',
  minRole: 'viewer',
  parse: noArgs,
  async run(ctx, _args, s) {
    const run = s.views.latestRun(ctx.asOf);
    // no run, or a run that cut everything: say first whether the data could be fetched at all
    const cause = escapeHtml(causeSentence(s.views.dataCause(ctx.asOf, s.clock.now())));
    if (!run) {
      await ctx.reply(fitPhone(`No pipeline run as of ${escapeHtml(ctx.asOf)} yet. ${cause || '/scan runs one now.'}`));
      return;
    }
    await ctx.reply(
      fitPhone(funnelText(run, s.views.stages(run.id), ctx.user.prefs.timeZone) + (cause ? `\n⚠ ${cause}` : '')),
      {
        buttons: [[commandButton('🏆 Top', '/top'), inPlaceButton('🔄 Refresh', '/pipeline')]],
      },
    );
  },
});
