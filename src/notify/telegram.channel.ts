import type { Logger } from '../shared/logger';
import type { DeliveryChannel, DeliveryReceipt, OutboundMessage } from './delivery-channel';
import { telegramSteps, type TelegramSender, type TelegramStep } from './telegram-sender';

// The outbox's Telegram channel: one outbox message → one or more Bot API calls (a long text is split,
// a chart goes as a photo with the text as its caption). The worker owns pacing and retries; this
// channel only remembers, per outbox id, how many of a message's parts already went out, so a retry
// after a 429 on part 2 resumes at part 2 instead of sending part 1 twice.

/** What a message becomes on Telegram: attachments first (the first carries the text as caption), else the text. */
export function telegramStepsFor(message: OutboundMessage): TelegramStep[] {
  const attachments = message.attachments ?? [];
  if (!attachments.length) return telegramSteps.text(message.html);
  return attachments.flatMap((a, i) => {
    const caption = i === 0 ? message.html : '';
    return a.contentType.startsWith('image/')
      ? telegramSteps.photo(a.content, caption, a.filename)
      : telegramSteps.document(a.content, a.filename, caption);
  });
}

export function createTelegramChannel(deps: { sender: TelegramSender; logger: Logger }): DeliveryChannel {
  const log = deps.logger.child({ component: 'telegram-channel' });
  /** outbox id → parts already delivered; in memory: after a restart the worst case is one repeated part */
  const partsSent = new Map<number, number[]>();

  return {
    kind: 'telegram',
    async send(message: OutboundMessage): Promise<DeliveryReceipt> {
      const steps = telegramStepsFor(message);
      const sent = partsSent.get(message.id) ?? [];
      try {
        await deps.sender.send(
          message.target,
          steps,
          { buttons: message.buttons, silent: message.silent },
          {
            from: sent.length,
            onSent: (_, messageId) => void sent.push(messageId),
          },
        );
      } catch (err) {
        if (sent.length) {
          partsSent.set(message.id, sent);
          log.debug({ outboxId: message.id, partsSent: sent.length, parts: steps.length }, 'partly delivered');
        }
        if ((err as { kind?: string }).kind === 'permanent') partsSent.delete(message.id);
        throw err;
      }
      partsSent.delete(message.id);
      // the last part carries the buttons: that is the message an acknowledgement edits
      return { externalId: String(sent[sent.length - 1]) };
    },
  };
}
