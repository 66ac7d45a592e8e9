import { defineCommand } from '../src/chat/command-types';
import { choiceArg, positional } from '../src/chat/args/basic.args';
import { code, escapeHtml } from '../src/present/html';
import { emailOf } from '../src/alerts/alert-message';

export const emailCommand = defineCommand({
  name: 'email',
  summary: 'email alerts: show the setup, turn them on or off, or send a test',
  usage: '/email [on|off|test]',
  example: '/email test',
  minRole: 'admin',
  parse: positional([], [choiceArg('the action', ['on', 'off', 'test'])]).transform(({ values: [action] }) => ({
    action,
  })),
  async run(ctx, { action }, s) {
    const { alerts, email, outbox } = s.alerting;
    if (!email) {
      await ctx.reply(
        `Email is not configured: set SMTP_URL (smtp://user:pass@host:587), EMAIL_FROM and EMAIL_TO, then restart. ${code('squeezebot doctor')} checks the connection.`,
      );
      return;
    }
    if (action === 'on' || action === 'off') alerts.setEmail(action === 'on', ctx.user.name);
    const to = alerts.emailRecipients();
    if (action === 'test') {
      if (!to.length) {
        await ctx.reply(
          alerts.emailOn()
            ? 'Email is on but has no recipients: set EMAIL_TO or alerting.channels.email.recipients.'
            : 'Email is off: /email on first.',
        );
        return;
      }
      const mail = emailOf(
        'Test email',
        `This is a test from squeezebot, sent by ${escapeHtml(ctx.user.name)}.\nIf you read this, email alerts and digests will reach you.`,
      );
      for (const target of to) outbox.enqueue({ channel: 'email', target, ...mail });
      await ctx.reply(
        `Queued a test email to ${escapeHtml(to.join(', '))}; it goes through the outbox (/status shows failures).`,
      );
      return;
    }
    const state = alerts.emailOn() ? 'on' : 'off';
    await ctx.reply(
      `${action ? `Email alerts turned ${state}.` : `Email alerts are ${state}.`} Recipients: ${escapeHtml(to.length ? to.join(', ') : '(none while off, or none set in EMAIL_TO)')}.` +
        ' Routing (which alerts go by email) is in alerting.routing.rules.',
    );
  },
});
