// The transport-neutral chat surface (DESIGN.md "Two transports, one chat core"). A command receives a
// ChatContext and never knows whether it runs on Telegram, on the console or in a test. Transports
// (src/transports/*) build one per incoming message or button press.

import type { ButtonRows } from '../present/buttons';
import type { ApplyChange } from './confirmations';
import type { UserPrefs } from './user-prefs';

export type Role = 'admin' | 'trader' | 'viewer';

export interface ReplyOptions {
  buttons?: ButtonRows;
  /** deliver without a notification sound (quiet hours) */
  silent?: boolean;
  /** for a photo or file: how to get it where the transport cannot attach it (HTML, e.g. the CLI command) */
  where?: string;
}

/** What a reply returns: the transport's message id, so a progress message can be edited in place. */
export interface SentMessage {
  messageId: number | string;
}

export interface ChatUser {
  /** the Telegram user id, or 'console' for the local admin */
  id: string;
  name: string;
  role: Role;
  /** the user's own settings, defaults filled in (/settings): every time a command shows is in prefs.timeZone */
  prefs: UserPrefs;
}

/** Who got past admission: known and within the rate limit; the chat core adds their prefs per command. */
export type AdmittedUser = Omit<ChatUser, 'prefs'>;

export interface ChatContext {
  user: ChatUser;
  /** the chat the message came from (a Telegram chat id, or 'console') */
  chatId: string;
  /** the command name without the slash, lower-case: 'top' */
  command: string;
  /** the words after the command */
  args: string[];
  /** the text after the command, unsplit (for reasons and theses with spaces) */
  rawArgs: string;
  /** The day the command answers as of (a past date on `chat --as-of`), YYYY-MM-DD. */
  asOf: string;
  /** HTML parse mode: callers escape every interpolated value (chat/html.ts). */
  reply(html: string, options?: ReplyOptions): Promise<SentMessage>;
  replyPhoto(png: Buffer, caption?: string, options?: ReplyOptions): Promise<SentMessage>;
  replyDocument(content: Buffer, filename: string, caption?: string, options?: ReplyOptions): Promise<SentMessage>;
  /** Edits an earlier reply of this command (progress messages, acknowledged alerts). */
  edit(message: SentMessage, html: string, options?: ReplyOptions): Promise<void>;
  /**
   * Asks before a change: replies `question` (what changes, old → new) under Confirm and Cancel;
   * `apply` runs only when this user presses Confirm within 10 minutes, and its HTML replaces the question.
   */
  confirm(question: string, apply: ApplyChange, options?: { confirmText?: string }): Promise<SentMessage>;
  /** 'typing' or 'upload_photo' while a long command works; a no-op where it means nothing. */
  action(kind: 'typing' | 'upload_photo' | 'upload_document'): Promise<void>;
}
