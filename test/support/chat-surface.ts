import type { IncomingBase, Outcome, ReplySurface } from '../../src/chat/chat-core';
import type { SentMessage } from '../../src/chat/chat-context';
import type { ButtonRows } from '../../src/present/buttons';
import type { App } from '../../src/main';

// A reply surface that records what a command sent, for driving the real chat core in tests.

export function recordingSurface() {
  const replies: string[] = [];
  /** the buttons under each reply, by the reply's index (none: []) */
  const buttons: ButtonRows[] = [];
  /** edits in order: the message id (the reply's index + 1) and the new text */
  const edits: { messageId: number | string; html: string; buttons: ButtonRows }[] = [];
  const photos: { png: Buffer; caption: string | undefined }[] = [];
  const documents: { content: Buffer; filename: string; caption: string | undefined }[] = [];
  const surface: ReplySurface = {
    reply: async (html, options) => {
      replies.push(html);
      buttons.push(options?.buttons ?? []);
      return { messageId: replies.length };
    },
    replyPhoto: async (png, caption) => {
      photos.push({ png, caption });
      return { messageId: 0 };
    },
    replyDocument: async (content, filename, caption) => {
      documents.push({ content, filename, caption });
      return { messageId: 0 };
    },
    edit: async (message, html, options) =>
      void edits.push({ messageId: message.messageId, html, buttons: options?.buttons ?? [] }),
    action: async () => {},
  };
  return { surface, replies, buttons, edits, photos, documents };
}

/** Who writes, and where; by default the local console admin. */
export interface Speaker {
  /** default 'console' */
  userId?: string;
  /** default 'tester' */
  userName?: string;
  /** default the user id: the user's private chat */
  chatId?: string;
  /** default 'console' */
  chatType?: IncomingBase['chatType'];
  asOf?: string;
}

function from(who: Speaker) {
  const userId = who.userId ?? 'console';
  return {
    userId,
    userName: who.userName ?? 'tester',
    chatId: who.chatId ?? userId,
    chatType: who.chatType ?? 'console',
    asOf: who.asOf,
  };
}

export interface Said extends ReturnType<typeof recordingSurface> {
  outcome: Outcome;
  /** the replies joined by newlines */
  text: string;
}

/** Sends `text` through the app's real chat core and records what it answered. */
export async function sayTo(app: App, text: string, who: Speaker = {}): Promise<Said> {
  const recorded = recordingSurface();
  const outcome = await app.chat.core.handleCommand({ ...from(who), text, surface: recorded.surface });
  return { outcome, ...recorded, text: recorded.replies.join('\n') };
}

/** Presses a button with callback `data` through the app's real chat core; `answers` holds each answer given. */
export async function pressTo(
  app: App,
  data: string,
  who: Speaker & { message?: SentMessage | null } = {},
): Promise<Said & { answers: (string | undefined)[] }> {
  const recorded = recordingSurface();
  const answers: (string | undefined)[] = [];
  const outcome = await app.chat.core.handleButton({
    ...from(who),
    data,
    message: who.message ?? null,
    surface: recorded.surface,
    answer: async (t) => void answers.push(t),
  });
  return { outcome, ...recorded, text: recorded.replies.join('\n'), answers };
}

/** The callback data of the first button whose data starts with `prefix` under any reply of `said`. */
export function buttonData(said: Pick<Said, 'buttons'>, prefix: string): string {
  const found = said.buttons.flat(2).find((b) => b.data.startsWith(prefix));
  if (!found) throw new Error(`no button starting ${prefix} in ${JSON.stringify(said.buttons)}`);
  return found.data;
}

/**
 * Says `text`, then presses the Confirm under its question (an admin change): the outcome is the press's,
 * `text` the confirmed result (the edit that replaced the question). A reply without Confirm (refused,
 * usage, nothing to change) is returned as it was said.
 */
export async function sayConfirmed(app: App, text: string, who: Speaker = {}): Promise<Said> {
  const said = await sayTo(app, text, who);
  const i = said.buttons.findIndex((rows) => rows.flat().some((b) => b.data.startsWith('ok:')));
  if (i === -1) return said;
  const pressed = await pressTo(app, buttonData({ buttons: [said.buttons[i]!] }, 'ok:'), {
    ...who,
    message: { messageId: i + 1 },
  });
  const result = pressed.edits.map((e) => e.html).join('\n') || pressed.text;
  return { ...pressed, text: result, replies: [result] };
}

/** A reply's words with its line breaks as spaces: replies wrap at 36 columns for a phone. */
export { oneLine } from './phone-width';
