import { fitPhone } from '../src/present/phone-width';
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
        fitPhone(
          `Email is not configured: set SMTP_URL (smtp://user:pass@host:587), EMAIL_FROM and EMAIL_TO, then restart. ${code('squeezebot doctor')} checks the connection.`,
        ),
      );
      return;
    }
    const to = alerts.emailRecipients();
    const state = () => (alerts.emailOn() ? 'on' : 'off');
    // read again after a change: while email is off there are none
    const recipients = () => {
      const now = alerts.emailRecipients();
      return `Recipients: ${escapeHtml(now.length ? now.join(', ') : '(none while off, or none set in EMAIL_TO)')}.`;
    };
    if (action === 'on' || action === 'off') {
      // a change for every chat's email: old → new, applied on the asker's Confirm
      await ctx.confirm(fitPhone(`Turn email alerts ${action}?\n${state()} → ${action}`), async () => {
        alerts.setEmail(action === 'on', ctx.user.name);
        return fitPhone(`Email alerts turned ${state()}. ${recipients()}`);
      });
      return;
    }
    if (action === 'test') {
      if (!to.length) {
        await ctx.reply(
          fitPhone(
            alerts.emailOn()
              ? 'Email is on but has no recipients: set EMAIL_TO or alerting.channels.email.recipients.'
              : 'Email is off: /email on first.',
          ),
        );
        return;
      }
      const mail = emailOf(
        'Test email',
        `This is a test from squeezebot, sent by ${escapeHtml(ctx.user.name)}.\nIf you read this, email alerts and digests will reach you.`,
      );
      for (const target of to) outbox.enqueue({ channel: 'email', target, ...mail });
      await ctx.reply(
        fitPhone(
          `Queued a test email to ${escapeHtml(to.join(', '))}; it goes through the outbox (/status shows failures).`,
        ),
      );
      return;
    }
    await ctx.reply(
      fitPhone(
        `Email alerts are ${state()}. ${recipients()}` +
          ' Routing (which alerts go by email) is in alerting.routing.rules.',
      ),
    );
  },
});
