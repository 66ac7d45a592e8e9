import type { Repos } from '../db/repos';
import type { OutboxRow, OutboxStatus } from '../db/repos/outbox.repo';
import type { ChannelKind, OutboundAttachment, OutboundMessage } from '../notify/delivery-channel';
import type { Clock } from '../shared/clock';

// Every pushed message is written here before anything tries to send it (DESIGN.md "Nothing lost"):
// the delivery worker drains the table, so a crash or a restart resumes where it stopped. Payloads
// are JSON; attachment bytes travel as base64.

export type Enqueue = Omit<OutboundMessage, 'id'> & {
  alertId?: number | null;
  /** quiet hours in 'hold' mode: keep the message until this instant */
  holdUntil?: Date;
};

type StoredAttachment = Omit<OutboundAttachment, 'content'> & { content: string };

export function createOutbox(deps: { repos: Repos; clock: Clock }) {
  const repo = deps.repos.outbox;
  const listeners = new Set<() => void>();

  function toPayload(m: Enqueue): Record<string, unknown> {
    const { channel: _c, target: _t, alertId: _a, holdUntil: _h, attachments, ...rest } = m;
    const stored: StoredAttachment[] | undefined = attachments?.map((a) => ({
      ...a,
      content: a.content.toString('base64'),
    }));
    return { ...rest, ...(stored ? { attachments: stored } : {}) };
  }

  return {
    repo,
    /** Writes one message; returns its outbox id. The worker is woken at once. */
    enqueue(m: Enqueue): number {
      const now = deps.clock.now();
      const held = m.holdUntil && m.holdUntil > now;
      const id = repo.insert({
        alertId: m.alertId ?? null,
        channel: m.channel,
        target: m.target,
        payload: toPayload(m),
        status: held ? 'held' : 'queued',
        nextAttemptAt: (held ? m.holdUntil! : now).toISOString(),
        createdAt: now.toISOString(),
      });
      for (const l of listeners) l();
      return id;
    },
    /** The message a channel receives for a row. */
    message(row: OutboxRow): OutboundMessage {
      const p = row.payload as Omit<OutboundMessage, 'id' | 'channel' | 'target' | 'attachments'> & {
        attachments?: StoredAttachment[];
      };
      const { attachments, ...rest } = p;
      const message: OutboundMessage = {
        ...rest,
        id: row.id,
        channel: row.channel as ChannelKind,
        target: row.target,
        ...(attachments
          ? { attachments: attachments.map((a) => ({ ...a, content: Buffer.from(a.content, 'base64') })) }
          : {}),
      };
      return row.recoveredAt ? markedResent(message) : message;
    },
    /** Called on every enqueue (the worker uses it to wake up). */
    onEnqueue(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    depth(): Record<OutboxStatus, number> {
      return repo.counts();
    },
    deadLetters(limit?: number): OutboxRow[] {
      return repo.deadLetters(limit);
    },
    /** Where an alert was delivered, with the Telegram message ids an acknowledgement edits. */
    deliveriesOf(
      alertId: number,
    ): { channel: string; target: string; messageId: string | null; sentAt: string | null; html: string | null }[] {
      return repo.deliveriesOf(alertId).map((r) => ({
        channel: r.channel,
        target: r.target,
        messageId: r.externalMessageId,
        sentAt: r.sentAt,
        html: typeof r.payload.html === 'string' ? r.payload.html : null,
      }));
    },
    get: (id: number) => repo.get(id),
    lastId: () => repo.lastId(),
    /** Rows written after `afterId`: what one command queued, to report how it went. */
    after: (afterId: number) => repo.after(afterId),
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

export const RESENT_NOTE = 're-sent after a restart; you may have this already';

/** A message taken back from a process that died mid-send says so: the chat may hold it already. */
export function markedResent(m: OutboundMessage): OutboundMessage {
  if (m.channel === 'email' && m.subject) return { ...m, subject: `${m.subject} (${RESENT_NOTE})` };
  return {
    ...m,
    html: `<i>(${RESENT_NOTE})</i>\n${m.html}`,
    ...(m.text ? { text: `(${RESENT_NOTE})\n${m.text}` } : {}),
  };
}
