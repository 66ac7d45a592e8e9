import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { fmtDuration, fmtInstant, fmtNum } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import { causeSentence } from '../src/monitoring/data-cause';
import { asOfDate, writtenBy } from '../src/market/as-of';
import { inPlaceButton } from '../src/present/buttons';
import { joinOrBreak, wrapHtml } from '../src/present/phone-width';

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'version, uptime, data freshness, the last pipeline run and provider health',
  usage: '/status',
  example: '/status',
  minRole: 'viewer',
  parse: noArgs,
  async run(ctx, _args, s) {
    const now = s.clock.now();
    const fresh = s.views.freshness(ctx.asOf, now);
    // one short line per dataset: ✓ current, · none held, ! behind
    const data = fresh.map((f) => {
      const mark = !f.stale ? '✓' : f.staleTradingDays === null ? '·' : '!';
      const state = f.stale
        ? f.staleTradingDays === null
          ? 'none held'
          : `${f.staleTradingDays} d behind`
        : 'current';
      return joinOrBreak(`${mark} ${escapeHtml(f.dataset)} ${escapeHtml(f.newest ?? '—')}`, escapeHtml(state), ' ');
    });
    const asOf = asOfDate(ctx.asOf);
    const run = s.views.latestRun(ctx.asOf);
    const providers = s.views.providerHealth(ctx.asOf);
    const open = providers.filter((p) => p.circuitState !== 'closed');
    const failing = providers.filter((p) => p.lastFailureAt && (!p.lastSuccessAt || p.lastFailureAt > p.lastSuccessAt));

    // the cause first (hosts not reached, an empty store), so the lines below read as its evidence
    const cause = causeSentence(s.views.dataCause(ctx.asOf, now));
    const runLines = run
      ? [
          escapeHtml(run.id),
          `${escapeHtml(run.status)} · health ${escapeHtml(fmtNum(run.healthScore))}${run.fallbackDetected ? ' · fallback' : ''}`,
          joinOrBreak(
            `as of ${escapeHtml(run.asOf)}`,
            writtenBy(asOf, run.finishedAt)
              ? `done ${escapeHtml(fmtInstant(run.finishedAt, ctx.user.prefs.timeZone))}`
              : 'rebuilt later',
            ', ',
            '',
          ),
        ]
      : ['none yet — /scan runs one'];
    const out = [
      `${bold('squeezebot')} ${escapeHtml(s.app.version)}`,
      ...(cause ? [wrapHtml(`⚠ ${cause}`, '  ')] : []),
      `up ${escapeHtml(fmtDuration(now.getTime() - s.app.startedAt.getTime()))} · as of ${escapeHtml(ctx.asOf)}`,
      bold('Data'),
      ...data,
      bold('Last pipeline run'),
      ...runLines,
      bold('Providers'),
      providers.length === 0
        ? 'no calls made yet'
        : [
            open.length
              ? [
                  'Open circuits:',
                  ...open.map((p) =>
                    joinOrBreak(
                      `• ${escapeHtml(p.provider)} ${escapeHtml(p.circuitState)}`,
                      p.circuitOpenedAt
                        ? `since ${escapeHtml(fmtInstant(p.circuitOpenedAt, ctx.user.prefs.timeZone))}`
                        : '',
                      ' ',
                    ).trimEnd(),
                  ),
                ].join('\n')
              : 'No open circuits.',
            ...failing.map(
              (p) =>
                `❗ ${escapeHtml(p.provider)} failed\n   ${escapeHtml(fmtInstant(p.lastFailureAt, ctx.user.prefs.timeZone))}\n${wrapHtml(p.lastError ?? 'error', '   ', '   ')}`,
            ),
          ].join('\n'),
    ];
    for (const section of s.statusSections) {
      const text = await section(asOf);
      if (text) out.push(text);
    }
    await ctx.reply(out.join('\n'), { buttons: [[inPlaceButton('↻ Refresh', '/status')]] });
  },
});
