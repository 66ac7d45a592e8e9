import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { fmtDuration, fmtInstant, fmtNum } from '../src/present/format';
import { bold, escapeHtml, preTable } from '../src/present/html';
import { causeSentence } from '../src/monitoring/data-cause';
import { asOfDate, writtenBy } from '../src/market/as-of';

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
    const rows = fresh.map((f) => [
      f.dataset,
      f.newest ?? '—',
      f.stale ? (f.staleTradingDays === null ? 'none held' : `${f.staleTradingDays} d behind`) : 'current',
    ]);
    const asOf = asOfDate(ctx.asOf);
    const run = s.views.latestRun(ctx.asOf);
    const providers = s.views.providerHealth(ctx.asOf);
    const open = providers.filter((p) => p.circuitState !== 'closed');
    const failing = providers.filter((p) => p.lastFailureAt && (!p.lastSuccessAt || p.lastFailureAt > p.lastSuccessAt));

    // the cause first (hosts not reached, an empty store), so the tables below read as its evidence
    const cause = causeSentence(s.views.dataCause(ctx.asOf, now));
    const out = [
      `${bold('squeezebot')} ${escapeHtml(s.app.version)} — up ${escapeHtml(fmtDuration(now.getTime() - s.app.startedAt.getTime()))}, as of ${escapeHtml(ctx.asOf)}`,
      ...(cause ? [`⚠ ${escapeHtml(cause)}`] : []),
      bold('Data'),
      preTable(['dataset', 'newest', 'state'], rows, { alignRight: [false, false, false] }),
      bold('Last pipeline run'),
      run
        ? `${escapeHtml(run.id)} (as of ${escapeHtml(run.asOf)}): ${escapeHtml(run.status)}, health ${escapeHtml(fmtNum(run.healthScore))}, ${writtenBy(asOf, run.finishedAt) ? `finished ${escapeHtml(fmtInstant(run.finishedAt, ctx.user.prefs.timeZone))}` : 'rebuilt later'}${run.fallbackDetected ? ', with a fallback' : ''}`
        : 'none yet — /scan runs one',
      bold('Providers'),
      providers.length === 0
        ? 'no calls made yet'
        : [
            open.length
              ? `Open circuits: ${open.map((p) => `${escapeHtml(p.provider)} (${escapeHtml(p.circuitState)}${p.circuitOpenedAt ? ` since ${escapeHtml(fmtInstant(p.circuitOpenedAt, ctx.user.prefs.timeZone))}` : ''})`).join(', ')}`
              : 'No open circuits.',
            ...failing.map(
              (p) =>
                `❗ ${escapeHtml(p.provider)}: last call failed ${escapeHtml(fmtInstant(p.lastFailureAt, ctx.user.prefs.timeZone))} — ${escapeHtml(p.lastError ?? 'error')}`,
            ),
          ].join('\n'),
    ];
    for (const section of s.statusSections) {
      const text = await section(asOf);
      if (text) out.push(text);
    }
    await ctx.reply(out.join('\n'));
  },
});
