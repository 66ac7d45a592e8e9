import type { ButtonRows } from '../present/buttons';

// What the outbox's delivery worker hands to a transport: one message to one target. Telegram, email
// and the console each implement DeliveryChannel; the worker owns pacing, retries and bookkeeping, the
// channel only sends once and says how it went (a DeliveryError kind decides what the worker does next).

export type ChannelKind = 'telegram' | 'email' | 'console';

export interface OutboundAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** for inline email images: referenced as cid:<cid> from the HTML */
  cid?: string;
}

export interface OutboundMessage {
  /** the outbox row id: stable across retries and restarts */
  id: number;
  channel: ChannelKind;
  /** a Telegram chat id, an email address, or 'console' */
  target: string;
  /** Telegram: HTML parse-mode text; email: the subject line goes in `subject` */
  html: string;
  /** plain-text alternative (email), or the text shown where HTML means nothing */
  text?: string;
  subject?: string;
  buttons?: ButtonRows;
  silent?: boolean;
  /** a chart or report: Telegram sends a photo/document with `html` as caption; email attaches */
  attachments?: OutboundAttachment[];
}

export interface DeliveryReceipt {
  /** Telegram message id or SMTP message id, when the channel has one */
  externalId: string | null;
}

export type DeliveryErrorKind =
  /** wait retryAfterMs, then try again (Telegram 429) */
  | 'rate_limited'
  /** 5xx, network, timeout: retry with backoff */
  | 'transient'
  /** 400 chat not found, 403 bot blocked, bad address: stop this target, warn the admins */
  | 'permanent';

export class DeliveryError extends Error {
  constructor(
    readonly kind: DeliveryErrorKind,
    message: string,
    readonly options: { retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
  }
  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}

export interface DeliveryChannel {
  kind: ChannelKind;
  send(message: OutboundMessage): Promise<DeliveryReceipt>;
}
