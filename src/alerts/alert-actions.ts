import type { ButtonRows } from '../present/buttons';
import type { AlertPrefsRepo, MuteRow } from '../db/repos/alert-prefs.repo';
import type { AlertRow, AlertsRepo } from '../db/repos/alerts.repo';
import type { Clock } from '../shared/clock';
import { errorMessage } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { acknowledgedHtml } from './alert-message';
import type { Outbox } from './outbox';
import type { QuietWindow } from './quiet-hours';

// What users do with alerts — acknowledge, rate, mute, set quiet hours — from a command or a button
// alike. An acknowledgement edits every delivered copy of the alert through the editor a transport
// registered (Telegram: editMessageText by the message id the outbox recorded).

export interface AlertUser {
  id: string;
  name: string;
}

/** Registered by a transport: edits a message it delivered earlier. */
export interface AlertMessageEditor {
  edit(target: string, messageId: string, html: string, buttons?: ButtonRows): Promise<void>;
}

export function createAlertActions(deps: {
  repo: AlertsRepo;
  prefs: AlertPrefsRepo;
  /** the zone a chat reads times in (alert-dispatch.ts) */
  zoneOf: (chatId: string) => string;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
}) {
  const { repo, prefs, clock, outbox } = deps;
  const editors = new Map<string, AlertMessageEditor>();
  const now = () => clock.now().toISOString();

  /** Rewrites every delivered copy to show who acknowledged and when (best effort: logged on failure). */
  async function showAcknowledged(alert: AlertRow): Promise<number> {
    if (!alert.ackedAt || !alert.ackedBy) return 0;
    let edited = 0;
    for (const d of outbox.deliveriesOf(alert.id)) {
      const editor = editors.get(d.channel);
      if (!editor || !d.messageId) continue;
      // the copy as that chat got it (its reader's zone), not the stored body
      const html = acknowledgedHtml(d.html ?? alert.body, alert.ackedBy, alert.ackedAt, deps.zoneOf(d.target));
      try {
        await editor.edit(d.target, d.messageId, html, []);
        edited++;
      } catch (err) {
        deps.logger.warn(
          { alertId: alert.id, target: d.target, err: errorMessage(err) },
          'acknowledgement edit failed',
        );
      }
    }
    return edited;
  }

  return {
    registerEditor(channel: string, editor: AlertMessageEditor): void {
      editors.set(channel, editor);
    },
    /** Where an alert was delivered, with the external message ids (for a transport's own edits). */
    deliveriesOf: (alertId: number) => outbox.deliveriesOf(alertId),
    /**
     * Acknowledges one alert. `already` when someone acknowledged it first (their name stands);
     * null when there is no such alert.
     */
    async acknowledge(
      id: number,
      user: AlertUser,
      chatId: string | null = null,
    ): Promise<{ alert: AlertRow; already: boolean } | null> {
      const at = now();
      const changed = repo.ack(id, user.name, at);
      const alert = repo.get(id);
      if (!alert) return null;
      if (changed) {
        repo.recordAction({ alertId: id, chatId, userId: user.id, action: 'ack', at });
        await showAcknowledged(alert);
      }
      return { alert, already: !changed };
    },
    async acknowledgeAll(user: AlertUser, chatId: string | null = null): Promise<number> {
      const at = now();
      const ids = repo.ackAll(user.name, at);
      for (const id of ids) {
        repo.recordAction({ alertId: id, chatId, userId: user.id, action: 'ack', value: 'all', at });
        const alert = repo.get(id);
        if (alert) await showAcknowledged(alert);
      }
      return ids.length;
    },
    /** Useful / not useful: kept for the learning tracker. */
    feedback(id: number, useful: boolean, user: AlertUser, chatId: string | null = null): AlertRow | null {
      if (!repo.setFeedback(id, useful)) return null;
      repo.recordAction({
        alertId: id,
        chatId,
        userId: user.id,
        action: 'feedback',
        value: useful ? '1' : '0',
        at: now(),
      });
      return repo.get(id) ?? null;
    },
    /** Mutes a symbol ('*' = all squeeze alerts) in a chat for `ms`; returns until when. */
    mute(chatId: string, symbol: string, ms: number, user: AlertUser): string {
      const at = clock.now();
      const until = new Date(at.getTime() + ms).toISOString();
      prefs.mute({ chatId, symbol, until, by: user.name, at: at.toISOString() });
      repo.recordAction({
        alertId: null,
        chatId,
        userId: user.id,
        action: 'mute',
        value: `${symbol} until ${until}`,
        at: at.toISOString(),
      });
      return until;
    },
    unmute(chatId: string, symbol: string, user: AlertUser): boolean {
      const removed = prefs.unmute(chatId, symbol);
      if (removed)
        repo.recordAction({ alertId: null, chatId, userId: user.id, action: 'unmute', value: symbol, at: now() });
      return removed;
    },
    mutes(chatId: string): MuteRow[] {
      return prefs.activeMutes(chatId, now());
    },
    setQuiet(chatId: string, window: QuietWindow | null, user: AlertUser): boolean {
      if (!window) return prefs.clearQuiet(chatId);
      prefs.setQuiet({ chatId, start: window.start, end: window.end, by: user.name, at: now() });
      return true;
    },
    quiet(chatId: string): QuietWindow | null {
      const q = prefs.quiet(chatId);
      return q ? { start: q.start, end: q.end } : null;
    },
  };
}
