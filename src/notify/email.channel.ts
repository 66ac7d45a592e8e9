import nodemailer from 'nodemailer';
import { errorMessage } from '../shared/errors';
import { DeliveryError, type DeliveryChannel, type DeliveryReceipt, type OutboundMessage } from './delivery-channel';

// Email as a DeliveryChannel: one message to one address per outbox row, HTML with a plain-text
// part, attachments (inline images by cid). SMTP answers map to the worker's error kinds: 4xx and
// connection trouble are worth retrying, 5xx (no such mailbox, relay refused) is not.

export interface EmailSettings {
  /** a nodemailer connection URL: smtp://user:pass@host:587, smtps://… for TLS */
  smtpUrl: string;
  from: string;
  /** connect, greeting and socket timeouts (nodemailer waits up to 2 minutes by default) */
  timeoutMs?: number;
}

const RETRYABLE_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EPROTOCOL',
]);

export function classifySmtpError(err: unknown): DeliveryError {
  const e = err as { code?: string; responseCode?: number; response?: string };
  const message = `smtp: ${e.response ?? errorMessage(err)}`;
  if (typeof e.responseCode === 'number') {
    return new DeliveryError(e.responseCode >= 500 ? 'permanent' : 'transient', message, { cause: err });
  }
  if (e.code === 'EENVELOPE') return new DeliveryError('permanent', message, { cause: err });
  if (e.code && RETRYABLE_CODES.has(e.code)) return new DeliveryError('transient', message, { cause: err });
  return new DeliveryError('transient', message, { cause: err });
}

export function createEmailChannel(settings: EmailSettings) {
  const timeout = settings.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });

  const channel: DeliveryChannel & { verify(): Promise<void>; close(): void } = {
    kind: 'email',
    async send(m: OutboundMessage): Promise<DeliveryReceipt> {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: m.target,
          subject: m.subject ?? 'squeezebot',
          html: m.html,
          text: m.text,
          attachments: m.attachments?.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
            ...(a.cid ? { cid: a.cid } : {}),
          })),
        });
        if (info.rejected?.length)
          throw new DeliveryError(
            'permanent',
            `smtp: recipient refused: ${info.rejected.map((r) => (typeof r === 'string' ? r : r.address)).join(', ')}`,
          );
        return { externalId: info.messageId ?? null };
      } catch (err) {
        throw err instanceof DeliveryError ? err : classifySmtpError(err);
      }
    },
    /** Connects and authenticates without sending: `squeezebot doctor`. */
    async verify(): Promise<void> {
      await transport.verify();
    },
    close(): void {
      transport.close();
    },
  };
  return channel;
}

export type EmailChannel = ReturnType<typeof createEmailChannel>;

/** The email settings from the environment, or null when SMTP_URL is not set. */
export function emailSettingsFrom(secrets: { SMTP_URL?: string; EMAIL_FROM?: string }): EmailSettings | null {
  if (!secrets.SMTP_URL) return null;
  return { smtpUrl: secrets.SMTP_URL, from: secrets.EMAIL_FROM ?? 'squeezebot <squeezebot@localhost>' };
}
