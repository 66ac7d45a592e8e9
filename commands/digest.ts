import { fitPhone } from '../src/present/phone-width';
import { defineCommand } from '../src/chat/command-types';
import { choiceArg, positional } from '../src/chat/args/basic.args';
import { escapeHtml } from '../src/present/html';

export const digestCommand = defineCommand({
  name: 'digest',
  summary: 'email the daily digest now (top candidates, new alerts, pipeline health)',
  usage: '/digest now',
  example: '/digest now',
  minRole: 'trader',
  parse: positional([], [choiceArg('the word', ['now'])]).transform(() => ({})),
  async run(ctx, _args, s) {
    const { digest, alerts, email } = s.alerting;
    if (!email) {
      await ctx.reply(fitPhone('Email is not configured (SMTP_URL), so there is no digest to send.'));
      return;
    }
    const ids = await digest.send();
    if (!ids.length) {
      await ctx.reply(
        fitPhone(
          alerts.emailOn()
            ? 'Nobody to send it to: set EMAIL_TO or alerting.channels.email.recipients.'
            : 'Email is off: an admin can turn it on with /email on.',
        ),
      );
      return;
    }
    await ctx.reply(fitPhone(`Digest queued for ${escapeHtml(alerts.emailRecipients().join(', '))}.`));
  },
});
