import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { fmtInstant } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import { PAUSED_SENTENCE } from '../src/alerts/emergency';

export const emergencyOffCommand = defineCommand({
  name: 'emergency_off',
  summary: 'stop all alert delivery at once (queued alerts wait)',
  usage: '/emergency_off',
  example: '/emergency_off',
  minRole: 'admin',
  parse: noArgs.transform(() => ({})),
  async run(ctx, _args, s) {
    const { alerts, delivery, outbox } = s.alerting;
    await ctx.confirm(
      `Stop all alert delivery?\nalerts on → ${bold('off')} for every chat and email until /emergency_on. ${PAUSED_SENTENCE}`,
      async () => {
        alerts.setEmergency(true, ctx.user.name);
        const waiting = outbox.depth().queued + outbox.depth().held;
        return (
          `⛔ Alert delivery is OFF (within 5 seconds). ${waiting} message(s) wait in the outbox and new alerts queue up; nothing is dropped. ${PAUSED_SENTENCE} /emergency_on resumes.` +
          (delivery.emergency().source === 'env' ? ' Note: SQUEEZEBOT_EMERGENCY_DISABLE=1 is also set.' : '')
        );
      },
      { confirmText: 'Stop alerts' },
    );
  },
});

export const emergencyOnCommand = defineCommand({
  name: 'emergency_on',
  summary: 'resume alert delivery after /emergency_off',
  usage: '/emergency_on',
  example: '/emergency_on',
  minRole: 'admin',
  parse: noArgs.transform(() => ({})),
  async run(ctx, _args, s) {
    const { alerts, delivery, outbox } = s.alerting;
    const waiting = outbox.depth().queued;
    await ctx.confirm(
      `Resume alert delivery?\nalerts off → ${bold('on')}; ${waiting} queued message(s) go out at once.`,
      async () => {
        alerts.setEmergency(false, ctx.user.name);
        if (delivery.emergency().source === 'env')
          return 'The chat switch is back on, but SQUEEZEBOT_EMERGENCY_DISABLE=1 in the environment still holds delivery: unset it and restart.';
        const d = outbox.depth();
        return `✅ Alert delivery resumed at ${escapeHtml(fmtInstant(s.clock.now().toISOString(), ctx.user.prefs.timeZone))}: ${d.queued} queued message(s) go out now.`;
      },
      { confirmText: 'Resume alerts' },
    );
  },
});
