import type { ButtonHandler } from '../src/chat/command-types';
import { fmtDuration, fmtInstant } from '../src/present/format';
import { parseDuration } from '../src/chat/args/alert.args';
import { readAlertId } from '../src/chat/args/grammar';
import { normaliseTicker } from '../src/market/symbol-map';
import { chartButton } from '../src/chat/chart-reply';

// The buttons under an alert (src/alerts/alert-message.ts writes their callback data):
// ack:<id>, mute:<SYM>:<duration>, fb:<id>:1|0, chart:<SYM> (src/chat/chart-reply.ts). The toast answers; an
// acknowledgement also edits
// every delivered copy of the alert (the transport's registered editor).

const ack: ButtonHandler = {
  minRole: 'trader',
  async run(ctx, s) {
    const read = readAlertId(ctx.payload);
    if (!read.ok) return ctx.answer('This button is broken.');
    const id = read.value;
    const r = await s.alerting.alerts.acknowledge(id, { id: ctx.user.id, name: ctx.user.name }, ctx.chatId);
    if (!r) return ctx.answer(`Alert #${id} no longer exists.`);
    await ctx.answer(
      r.already
        ? `Already acknowledged by ${r.alert.ackedBy} at ${fmtInstant(r.alert.ackedAt, ctx.user.prefs.timeZone)}`
        : `Acknowledged #${id}`,
    );
  },
};

const mute: ButtonHandler = {
  minRole: 'trader',
  async run(ctx, s) {
    const [raw, duration] = ctx.payload.split(':');
    const symbol = raw === '*' ? '*' : normaliseTicker(raw ?? '');
    const ms = parseDuration(duration ?? '1d');
    if (!symbol || ms === null) return ctx.answer('This button is broken.');
    const until = s.alerting.alerts.mute(ctx.chatId, symbol, ms, { id: ctx.user.id, name: ctx.user.name });
    await ctx.answer(
      `${symbol === '*' ? 'All alerts' : symbol} muted here for ${fmtDuration(ms)} (until ${fmtInstant(until, ctx.user.prefs.timeZone)})`,
    );
  },
};

const feedback: ButtonHandler = {
  minRole: 'viewer',
  async run(ctx, s) {
    const [idText, value] = ctx.payload.split(':');
    const read = readAlertId(idText ?? '');
    if (!read.ok || (value !== '1' && value !== '0')) return ctx.answer('This button is broken.');
    const id = read.value;
    const row = s.alerting.alerts.feedback(id, value === '1', { id: ctx.user.id, name: ctx.user.name }, ctx.chatId);
    await ctx.answer(
      row ? `Thanks — noted as ${value === '1' ? 'useful' : 'not useful'}` : `Alert #${id} no longer exists.`,
    );
  },
};

/** Registers the alert buttons with the chat core (src/main.ts calls this once). */
/** Alert buttons by callback-data prefix (the chat core is built with them). */
export const ALERT_BUTTONS: Readonly<Record<string, ButtonHandler>> = {
  'ack:': ack,
  'mute:': mute,
  'fb:': feedback,
  'chart:': chartButton,
};
