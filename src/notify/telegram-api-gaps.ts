// What this Bot API lacks. A local Bot API server or a proxy in front of one may not implement every
// method; Telegram answers an unknown method 404 "Not Found" (a proxy may say 501). The optional
// methods degrade instead of stopping the bot: a photo goes as a document, a file that cannot be sent
// becomes a text saying where to get it, the "typing…" hint and the command menu are skipped. Each gap
// is remembered for the life of the process (the API will not grow the method while we run) and
// reported in /status.

export type OptionalMethod = 'sendPhoto' | 'sendDocument' | 'sendChatAction' | 'setMyCommands';

const EFFECT: Record<OptionalMethod, string> = {
  sendPhoto: 'charts sent as documents',
  sendDocument: 'files sent as a text saying where to get them',
  sendChatAction: '"typing…" hints skipped',
  setMyCommands: 'no "/" command menu in the Telegram app',
};

export function createTelegramApiGaps() {
  const missing = new Set<OptionalMethod>();
  return {
    has: (method: OptionalMethod) => missing.has(method),
    /** true the first time: the caller logs it once */
    add(method: OptionalMethod): boolean {
      if (missing.has(method)) return false;
      missing.add(method);
      return true;
    },
    list: (): OptionalMethod[] => [...missing],
    /** /status lines, or null when the Bot API has every method we use */
    statusSection(): string | null {
      if (!missing.size) return null;
      return [...missing].map((m) => `Telegram: ${m} missing on this Bot API — ${EFFECT[m]}`).join('\n');
    },
  };
}

export type TelegramApiGaps = ReturnType<typeof createTelegramApiGaps>;
