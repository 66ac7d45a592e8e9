import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../shared/logger';

// The webhook's HTTP side: check the secret token, store the update, answer 200 — before anything
// handles it, so Telegram's wait (and its redelivery clock) never depends on how long a command takes.
// A store that fails answers 500, so Telegram keeps the update and sends it again.

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Telegram's updates are a few KB; a body far past that is not one */
const MAX_BODY = 1 << 20;

/** Compares digests, so neither the length nor the first wrong byte shows in the timing. */
export function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) resolve(null);
      else parts.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

const isUpdate = (u: unknown): u is Update =>
  typeof u === 'object' && u !== null && Number.isSafeInteger((u as { update_id?: unknown }).update_id);

export function createWebhookServer(deps: {
  path: string;
  secret: string;
  /** stores the update; throws when it could not */
  accept: (update: Update) => void;
  logger: Logger;
}): Server {
  const log = deps.logger.child({ component: 'telegram-webhook' });
  const answer = (res: ServerResponse, status: number) => {
    res.statusCode = status;
    res.end();
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'POST' || path !== deps.path) return answer(res, 404);
    if (!secretMatches(req.headers[SECRET_HEADER], deps.secret)) {
      log.warn({ ip: req.socket.remoteAddress }, 'webhook refused: wrong secret token');
      req.resume();
      return answer(res, 401);
    }
    const body = await readBody(req);
    if (body === null) return answer(res, 413);
    let update: unknown;
    try {
      update = JSON.parse(body);
    } catch {
      return answer(res, 400);
    }
    if (!isUpdate(update)) return answer(res, 400);
    try {
      deps.accept(update);
    } catch (err) {
      log.error({ err, updateId: update.update_id }, 'webhook update not stored');
      return answer(res, 500);
    }
    answer(res, 200);
  }

  return createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      log.error({ err }, 'webhook request failed');
      if (!res.headersSent) answer(res, 500);
    });
  });
}
