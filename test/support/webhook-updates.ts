import type { Update } from 'telegraf/types';
import type { ChatCore } from '../../src/chat/chat-core';

// Telegram updates as the webhook receives them, POSTed over real HTTP, and a chat core that answers
// `/echo …` with a reply naming the text and the process, so a test can tell every handling apart.

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** A private-chat text message from user `chat` (a private chat's id is its user's). */
export function textUpdate(updateId: number, chat: number, text: string): Update {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 0,
      chat: { id: chat, type: 'private', first_name: 'U' },
      from: { id: chat, is_bot: false, first_name: 'U' },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
    },
  };
}

export async function postUpdate(port: number, update: Update, secret?: string, path = '/tg'): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { [SECRET_HEADER]: secret }) },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  return res.status;
}

export interface EchoOptions {
  /** every handling waits for this first (a test holds the handler open) */
  gate?: () => Promise<void>;
  /** `/echo hang` never finishes: the process is to be killed with it in hand */
  hang?: boolean;
}

/**
 * `/echo <words> [wait=MS]` replies `echo <words> by <pid>` after MS; other commands go to `core`.
 * The wait lets a test make early updates slow and late ones fast, so handling them side by side
 * would show as replies out of order.
 */
export function echoCore(core: ChatCore, options: EchoOptions = {}): ChatCore {
  return {
    ...core,
    async handleCommand(input) {
      const m = /^\/echo\s+(.*?)(?:\s+wait=(\d+))?$/.exec(input.text);
      if (!m) return core.handleCommand(input);
      if (options.hang && m[1] === 'hang') await new Promise(() => {});
      await options.gate?.();
      if (m[2]) await new Promise((r) => setTimeout(r, Number(m[2])));
      await input.surface.reply(`echo ${m[1]} by ${process.pid}`);
      return 'ok';
    },
  };
}

/** The words of an echo reply, and who sent it. */
export function parseEcho(text: string): { words: string; pid: number } | null {
  const m = /^echo (.*) by (\d+)$/.exec(text);
  return m ? { words: m[1]!, pid: Number(m[2]) } : null;
}
