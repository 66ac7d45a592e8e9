import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Message, Update, User } from 'telegraf/types';
import { createFakeTelegramMethods, type ApiAnswer } from './fake-telegram-methods';
import { boundaryOf, parseMultipart, type MultipartFile } from './multipart';
import { mulberry32 } from './random';

// A local stand-in for the Telegram Bot API (DESIGN.md "Testing as users meet it"): the real telegraf
// bot and the real sender talk HTTP to it on 127.0.0.1. The test pushes updates (what users type and
// press), the bot long-polls them, and every call the bot makes is recorded with its params, files
// and time, so a test can ask "what did chat 42 receive, and how fast". Failures are switchable:
// the next N calls, or a seeded fraction of them, answered 429 or 500; a chat can block the bot (403);
// methods can be missing (404, as a Bot API without them answers); answers can be held back after the
// call took effect (a process killed between Telegram accepting a message and hearing so).

export interface RecordedCall {
  seq: number;
  method: string;
  params: Record<string, unknown>;
  files: MultipartFile[];
  /** chat_id as a string, when the method has one */
  chatId: string | null;
  /** Date.now() when the request arrived */
  at: number;
  status: number;
  /** the `result` of a successful answer (a Message for the send methods) */
  result?: unknown;
  /** the call took effect but its connection was dropped before the answer (failRandomly dropAfter) */
  dropped?: boolean;
}

export type FakeUserInput = number | (Partial<User> & { id: number });
export type FakeChatInput = number | (Partial<Chat> & { id: number });
type InjectedStatus = 429 | 500;

export interface FailureOptions {
  /** seconds in the 429's parameters.retry_after (default 1) */
  retryAfter?: number;
  /** methods the failure applies to; default every method but getUpdates and getMe */
  methods?: string[];
  /** let this many matching calls through first (failNext only) */
  after?: number;
}

/** The default scope of failures: polling and getMe keep working, so the bot stays alive. */
const SPARED = new Set(['getUpdates', 'getMe']);

export const TOO_MANY_REQUESTS = (retryAfter: number): ApiAnswer => ({
  status: 429,
  body: {
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  },
});
const INTERNAL = (): ApiAnswer => ({
  status: 500,
  body: { ok: false, error_code: 500, description: 'Internal Server Error' },
});

/** The most events inside any window of `windowMs` (sliding): pacing checks and the benchmark. */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

export async function startFakeTelegram(options: { token?: string; seed?: number } = {}) {
  const token = options.token ?? '123456:TEST-token';
  const calls: RecordedCall[] = [];
  const waiters = new Set<() => void>();
  const methods = createFakeTelegramMethods({ wake: () => waiters.forEach((w) => w()) });
  const failNextQueue: { status: InjectedStatus; retryAfter: number; methods: string[] | null; skip: number }[] = [];
  let randomFailures: {
    rate429: number;
    rate500: number;
    /** connections dropped before the call reaches "Telegram" (nothing happens) */
    dropBefore: number;
    /** connections dropped after the call took effect, before its answer (the sender cannot know it did) */
    dropAfter: number;
    retryAfter: number;
    methods: string[] | null;
    random: () => number;
  } | null = null;
  const blocked = new Map<string, ApiAnswer>();
  const listeners = new Set<() => void>();
  const lacking = new Map<string, 404 | 501>();
  let holding: { methods: string[]; released: Promise<void>; release: () => void } | null = null;

  const applies = (list: string[] | null, method: string) => (list ? list.includes(method) : !SPARED.has(method));

  function injected(method: string, chatId: string | null): ApiAnswer | 'drop-before' | 'drop-after' | null {
    if (chatId !== null && blocked.has(chatId) && !SPARED.has(method)) return blocked.get(chatId)!;
    const i = failNextQueue.findIndex((f) => applies(f.methods, method));
    if (i >= 0 && failNextQueue[i]!.skip > 0) {
      // one pass-through per call; the queue entries behind it wait their turn
      failNextQueue.filter((f) => applies(f.methods, method) && f.skip > 0).forEach((f) => f.skip--);
    } else if (i >= 0) {
      const [f] = failNextQueue.splice(i, 1);
      return f!.status === 429 ? TOO_MANY_REQUESTS(f!.retryAfter) : INTERNAL();
    }
    if (randomFailures && applies(randomFailures.methods, method)) {
      const r = randomFailures.random();
      if (r < randomFailures.rate429) return TOO_MANY_REQUESTS(randomFailures.retryAfter);
      if (r < randomFailures.rate429 + randomFailures.rate500) return INTERNAL();
      const dropped = randomFailures.rate429 + randomFailures.rate500 + randomFailures.dropBefore;
      if (r < dropped) return 'drop-before';
      if (r < dropped + randomFailures.dropAfter) return 'drop-after';
    }
    return null;
  }

  async function readParams(
    req: IncomingMessage,
    url: URL,
  ): Promise<{ params: Record<string, unknown>; files: MultipartFile[] }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('application/json') && body.length)
      return { params: { ...params, ...(JSON.parse(body.toString('utf8')) as Record<string, unknown>) }, files: [] };
    if (type.startsWith('application/x-www-form-urlencoded'))
      return { params: { ...params, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) }, files: [] };
    const boundary = boundaryOf(type);
    if (type.startsWith('multipart/form-data') && boundary) {
      const parsed = parseMultipart(body, boundary);
      for (const [k, v] of Object.entries(parsed.fields)) {
        // telegraf sends structured fields of a multipart request as JSON strings
        params[k] = ['reply_markup', 'scope', 'commands', 'caption_entities'].includes(k) ? JSON.parse(v) : v;
      }
      return { params, files: parsed.files };
    }
    return { params, files: [] };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const send = (a: ApiAnswer) => {
      if (res.writableEnded) return;
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    };
    if (!m) return send({ status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
    if (m[1] !== token) return send({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    const method = m[2]!;
    const { params, files } = await readParams(req, url);
    // the Bot API's chat_id: an integer, or a string (@channelusername)
    const rawChatId = params.chat_id as number | string | undefined;
    const chatId = rawChatId !== undefined ? String(rawChatId) : null;
    const call: RecordedCall = { seq: calls.length + 1, method, params, files, chatId, at: Date.now(), status: 0 };
    const missing = lacking.get(method);
    const fault = missing
      ? {
          status: missing,
          body: { ok: false, error_code: missing, description: missing === 404 ? 'Not Found' : 'Not Implemented' },
        }
      : injected(method, chatId);
    if (fault === 'drop-before') {
      req.socket.destroy();
      return;
    }
    let answer: ApiAnswer | null = fault === 'drop-after' ? null : fault;
    if (!answer && method === 'getUpdates') answer = await longPoll(params, res);
    answer ??= methods.call(method, params, files);
    call.status = answer.status;
    if ((answer.body as { ok?: boolean }).ok) call.result = (answer.body as { result?: unknown }).result;
    if (method !== 'getUpdates' || (call.result as unknown[] | undefined)?.length) {
      calls.push(call);
      listeners.forEach((l) => l());
    }
    // the message exists on "Telegram" already; the bot hears of it only at the release
    if (holding?.methods.includes(method)) await holding.released;
    if (fault === 'drop-after') {
      call.dropped = true;
      req.socket.destroy();
      return;
    }
    send(answer);
  }

  async function longPoll(params: Record<string, unknown>, res: ServerResponse): Promise<ApiAnswer> {
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 100);
    const timeoutMs = Number(params.timeout ?? 0) * 1000;
    methods.confirm(offset);
    if (!methods.pending(offset).length && timeoutMs > 0 && !closing) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        waiters.add(done);
        // the client aborting its long poll (telegraf's stop) ends the wait
        res.once('close', done);
      });
    }
    return { status: 200, body: { ok: true, result: methods.pending(offset).slice(0, limit) } };
  }

  let closing = false;
  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.writableEnded)
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: false, error_code: 400, description: `Bad Request: ${err.message}` }));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake = {
    token,
    apiRoot: `http://127.0.0.1:${port}`,
    bot: methods.bot,
    calls,
    /** recorded calls of one method (every answer, failed ones too) */
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    /** messages the bot got through (status 200) to a chat, in order, as Telegram answered them */
    delivered(chatId?: number | string): (Message & { at: number; callSeq: number })[] {
      return calls
        .filter(
          (c) =>
            c.status === 200 &&
            /^send(Message|Photo|Document)$/.test(c.method) &&
            (chatId === undefined || c.chatId === String(chatId)),
        )
        .map((c) => ({ ...(c.result as Message), at: c.at, callSeq: c.seq }));
    },
    /** a message as it stands now (edits applied) */
    message: (chatId: number | string, messageId: number) => methods.message(String(chatId), messageId),
    /** setMyCommands as last called for a scope ('default', 'chat:42', ...) */
    commandsFor: (scopeKey: string) => methods.commands.get(scopeKey),
    webhook: () => methods.webhook,
    /** updates pushed but not yet confirmed by a later getUpdates offset */
    pendingUpdates: () => methods.pending(0).length,
    /** `threadId`: written inside that forum topic (the message carries message_thread_id) */
    pushMessage: (
      from: FakeUserInput,
      chat: FakeChatInput,
      text: string,
      options: { threadId?: number } = {},
    ): Update.MessageUpdate => methods.pushMessage(from, chat, text, options),
    pushCallback: (
      from: FakeUserInput,
      chat: FakeChatInput,
      messageId: number,
      data: string,
    ): Update.CallbackQueryUpdate => methods.pushCallback(from, chat, messageId, data),
    /** the next `n` calls (of `methods`, default all but getUpdates/getMe) answered 429 or 500 */
    failNext(n: number, status: InjectedStatus, opts: FailureOptions = {}) {
      for (let i = 0; i < n; i++)
        failNextQueue.push({
          status,
          retryAfter: opts.retryAfter ?? 1,
          methods: opts.methods ?? null,
          skip: opts.after ?? 0,
        });
    },
    /** a seeded fraction of calls answered 429 (`rate429`) or 500 (`rate500`) until cleared */
    failRandomly(
      opts: FailureOptions & {
        rate429?: number;
        rate500?: number;
        dropBefore?: number;
        dropAfter?: number;
        seed?: number;
      },
    ) {
      randomFailures = {
        rate429: opts.rate429 ?? 0,
        rate500: opts.rate500 ?? 0,
        dropBefore: opts.dropBefore ?? 0,
        dropAfter: opts.dropAfter ?? 0,
        retryAfter: opts.retryAfter ?? 1,
        methods: opts.methods ?? null,
        random: mulberry32(opts.seed ?? options.seed ?? 42),
      };
    },
    /** every later call for this chat answered 403 (or the given 400, e.g. 'Bad Request: chat not found') */
    blockChat(
      chatId: number | string,
      answer: { status: 400 | 403; description: string } = {
        status: 403,
        description: 'Forbidden: bot was blocked by the user',
      },
    ) {
      blocked.set(String(chatId), {
        status: answer.status,
        body: { ok: false, error_code: answer.status, description: answer.description },
      });
    },
    /** these methods answered 404 Not Found (or 501) from now on: a Bot API without them */
    lackMethods(names: string[], status: 404 | 501 = 404) {
      for (const n of names) lacking.set(n, status);
    },
    /**
     * Answers of these methods are held back (the call is recorded and takes effect) until the returned
     * release is called, or clearFailures.
     */
    holdAnswers(names: string[]): () => void {
      let release = () => {};
      const released = new Promise<void>((r) => (release = r));
      holding = { methods: names, released, release };
      return () => {
        holding = null;
        release();
      };
    },
    clearFailures() {
      failNextQueue.length = 0;
      randomFailures = null;
      blocked.clear();
      lacking.clear();
      holding?.release();
      holding = null;
    },
    /** resolves with the first recorded call (already there or yet to come) that matches */
    waitFor(predicate: (c: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = calls.find(predicate);
          if (!hit) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `fake telegram: no matching call within ${timeoutMs} ms (calls: ${calls.map((c) => `${c.method}:${c.status}`).join(', ')})`,
            ),
          );
        }, timeoutMs);
        if (!check()) listeners.add(check);
      });
    },
    async close() {
      closing = true;
      holding?.release();
      waiters.forEach((w) => w());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

export type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;
