import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Chat } from '../../chat/create-chat';
import type { Outcome } from '../../chat/chat-core';
import type { DeliveryChannel } from '../../notify/delivery-channel';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { CONSOLE_USER_ID } from '../../chat/user-auth';
import { createConsoleChannel } from './console.channel';
import { createConsoleSurface, type ConsoleOutput } from './console-surface';
import { createButtonBoard, pressedNumber, type ButtonBoard } from './console-buttons';

// The console transport: the same chat core as Telegram, as the local admin. One-shot
// (`squeezebot chat "/top 5"`) or a readline session (`squeezebot start` without a token); pushed
// messages are printed as the delivery worker hands them over.

/** The outbox's delivery worker, when this process has one (the alert engine wires it). */
export interface DeliveryHook {
  register?(channel: DeliveryChannel): void;
  start?(): void;
  stop?(options?: { waitInFlight?: boolean }): Promise<void>;
  waitIdle?(ms: number): Promise<boolean>;
}

export interface ConsoleChatDeps {
  chat: Chat;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  out: ConsoleOutput;
  delivery?: DeliveryHook;
  /** answer as of this day (a past date) */
  asOf?: string;
  /** the store's state in one line, shown as an interactive session opens (offline: the way forward) */
  greeting?: () => string;
}

export const ONE_SHOT_WAIT_MS = 15_000;

function connect(deps: ConsoleChatDeps) {
  const outDir = join(deps.dataDir, 'out');
  const now = () => deps.clock.now();
  let pushed = 0;
  const board = createButtonBoard();
  const channel = createConsoleChannel({ out: deps.out, outDir, now, board });
  const counting: DeliveryChannel = {
    kind: channel.kind,
    send: async (m) => {
      const receipt = await channel.send(m);
      pushed++;
      return receipt;
    },
  };
  deps.delivery?.register?.(counting);
  deps.delivery?.start?.();
  const surface = createConsoleSurface({ out: deps.out, outDir, now, board });
  // a typed number presses the button shown with it
  const run = (text: string): Promise<Outcome> => {
    const n = pressedNumber(text);
    return n === null ? asConsoleUser(deps, surface, text) : pressOnConsole(deps, surface, board, n);
  };
  return { run, pushed: () => pushed };
}

const EXIT: Partial<Record<Outcome, number>> = {
  ok: 0,
  ignored: 0,
  usage: 2,
  unknown_command: 2,
  error: 1,
  forbidden: 1,
  refused: 1,
  rate_limited: 1,
};

/**
 * Runs one command (then presses the buttons numbered in `presses`, in order: `chat "/set …" --press 1`),
 * waits (bounded) for what it queued, and returns an exit code.
 */
export async function runOneShot(
  deps: ConsoleChatDeps,
  text: string,
  waitMs = ONE_SHOT_WAIT_MS,
  presses: readonly number[] = [],
): Promise<number> {
  const conn = connect(deps);
  try {
    let outcome = await conn.run(text);
    for (const n of presses) if (outcome === 'ok') outcome = await conn.run(String(n));
    if (deps.delivery?.waitIdle) {
      const idle = await deps.delivery.waitIdle(waitMs);
      const n = conn.pushed();
      if (!idle)
        deps.out.write(
          `(after ${Math.round(waitMs / 1000)} s some queued messages are still undelivered or failed; /status shows the outbox)\n`,
        );
      else if (n > 0) deps.out.write(`(${n} queued message${n === 1 ? '' : 's'} delivered)\n`);
    }
    return EXIT[outcome] ?? 1;
  } finally {
    await deps.delivery?.stop?.({ waitInFlight: true });
  }
}

/** A chat session over `input`: a prompt on a terminal, else one command per line until EOF. */
export async function runConsoleSession(deps: ConsoleChatDeps, input: Readable, interactive: boolean): Promise<void> {
  const conn = connect(deps);
  const rl = createInterface({
    input,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
    prompt: 'squeezebot> ',
  });
  if (interactive) {
    deps.out.write(
      "Console chat as the local admin. /help lists the commands; type a button's number to press it; /quit or Ctrl-D leaves.\n",
    );
    if (deps.greeting) deps.out.write(`${deps.greeting()}\n`);
    rl.prompt();
  }
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === '/quit' || line === '/exit' || line === 'quit' || line === 'exit') break;
      if (line) {
        try {
          await conn.run(line);
        } catch (err) {
          // the core answers command errors itself; this is a transport failure
          deps.logger.error({ err }, 'console command failed');
        }
      }
      if (interactive) rl.prompt();
    }
  } finally {
    rl.close();
    await deps.delivery?.stop?.({ waitInFlight: true });
  }
}

/** One command answered on the console, with no delivery attached: the first start's /top after its scan. */
export function answerOnce(deps: ConsoleChatDeps, text: string): Promise<Outcome> {
  const outDir = join(deps.dataDir, 'out');
  const surface = createConsoleSurface({ out: deps.out, outDir, now: () => deps.clock.now() });
  return asConsoleUser(deps, surface, text);
}

const CONSOLE_SPEAKER = {
  userId: CONSOLE_USER_ID,
  userName: 'console',
  chatId: 'console',
  chatType: 'console',
} as const;

/** A typed button number: the press goes to the chat core like a Telegram callback; its toast is printed. */
async function pressOnConsole(
  deps: Pick<ConsoleChatDeps, 'chat' | 'asOf' | 'out'>,
  surface: ReturnType<typeof createConsoleSurface>,
  board: ButtonBoard,
  n: number,
): Promise<Outcome> {
  const held = board.take(n);
  if (!held) {
    deps.out.write(`There is no button ${n} (the numbers are the ones shown in [brackets]).\n`);
    return 'usage';
  }
  return deps.chat.core.handleButton({
    ...CONSOLE_SPEAKER,
    data: held.data,
    message: held.message,
    surface,
    asOf: deps.asOf,
    answer: async (toast) => {
      if (toast) deps.out.write(`(${toast})\n`);
    },
  });
}

/** A line typed on the console: the local admin in the console chat. */
function asConsoleUser(
  deps: Pick<ConsoleChatDeps, 'chat' | 'asOf'>,
  surface: ReturnType<typeof createConsoleSurface>,
  text: string,
): Promise<Outcome> {
  return deps.chat.core.handleCommand({
    ...CONSOLE_SPEAKER,
    text,
    surface,
    asOf: deps.asOf,
  });
}
