import {
  DeliveryError,
  type ChannelKind,
  type DeliveryChannel,
  type DeliveryReceipt,
  type OutboundMessage,
} from '../../src/notify/delivery-channel';
import type { Clock } from '../../src/shared/clock';

/** What a scripted send answers: ok, or a DeliveryError kind (429 with retry_after, 5xx, 403), or hang forever. */
export type Answer =
  'ok' | 'hang' | { kind: 'rate_limited'; retryAfterMs: number } | { kind: 'transient' } | { kind: 'permanent' };

export interface SentRecord {
  outboxId: number;
  target: string;
  at: number;
  message: OutboundMessage;
}

/**
 * An in-memory DeliveryChannel: `script(message, callNumber)` decides each answer. `sent` records only
 * what was accepted (a hung send counts as delivered: the crash came after the channel took it).
 */
export function fakeChannel(
  clock: Clock,
  script: (m: OutboundMessage, call: number) => Answer = () => 'ok',
  kind: ChannelKind = 'telegram',
) {
  const sent: SentRecord[] = [];
  const calls: SentRecord[] = [];
  let n = 0;
  const channel: DeliveryChannel & { sent: SentRecord[]; calls: SentRecord[] } = {
    kind,
    sent,
    calls,
    async send(message): Promise<DeliveryReceipt> {
      const rec = { outboxId: message.id, target: message.target, at: clock.now().getTime(), message };
      calls.push(rec);
      const answer = script(message, n++);
      if (answer === 'ok') {
        sent.push(rec);
        return { externalId: String(1000 + sent.length) };
      }
      if (answer === 'hang') {
        sent.push(rec);
        return new Promise<DeliveryReceipt>(() => {});
      }
      if (answer.kind === 'rate_limited')
        throw new DeliveryError('rate_limited', '429: Too Many Requests', { retryAfterMs: answer.retryAfterMs });
      if (answer.kind === 'transient') throw new DeliveryError('transient', '500: Internal Server Error');
      throw new DeliveryError('permanent', '403: Forbidden: bot was blocked by the user');
    },
  };
  return channel;
}
