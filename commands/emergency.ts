import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { fmtInstant } from '../src/present/format';
import { escapeHtml } from '../src/present/html';
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
    alerts.setEmergency(true, ctx.user.name);
    const waiting = outbox.depth().queued + outbox.depth().held;
    await ctx.reply(
      `⛔ Alert delivery is OFF (within 5 seconds). ${waiting} message(s) wait in the outbox and new alerts queue up; nothing is dropped. ${PAUSED_SENTENCE} /emergency_on resumes.` +
        (delivery.emergency().source === 'env' ? ' Note: SQUEEZEBOT_EMERGENCY_DISABLE=1 is also set.' : ''),
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
    alerts.setEmergency(false, ctx.user.name);
    const em = delivery.emergency();
    if (em.source === 'env') {
      await ctx.reply(
        'The chat switch is back on, but SQUEEZEBOT_EMERGENCY_DISABLE=1 in the environment still holds delivery: unset it and restart.',
      );
      return;
    }
    const d = outbox.depth();
    await ctx.reply(
      `✅ Alert delivery resumed at ${escapeHtml(fmtInstant(s.clock.now().toISOString(), ctx.user.prefs.timeZone))}: ${d.queued} queued message(s) go out now.`,
    );
  },
});
