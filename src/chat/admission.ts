import type { Settings } from '../config/settings';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { bold, code } from '../present/html';
import type { AdmittedUser } from './chat-context';
import type { IncomingBase } from './incoming';
import { createRateLimiter } from './rate-limit';
import { requestAccessButtons } from './access-requests';
import type { UserAuth } from './user-auth';

// Who gets through to a command: a known user within chat.rate_limit_per_minute (told once when over
// it), or nobody — an unknown user is told their id at most once per chat.unknown_user_reply_minutes,
// and in a group not at all, so a bot added to a busy group stays quiet. The refusal carries the
// "Request access" button (access-requests.ts).

export interface AdmissionDeps {
  auth: Pick<UserAuth, 'roleOf'>;
  settings: Settings;
  clock: Clock;
  log: Logger;
}

export function createAdmission(deps: AdmissionDeps) {
  const { log } = deps;
  const limiter = createRateLimiter({
    limit: () => deps.settings.current().chat.rate_limit_per_minute,
    clock: deps.clock,
  });
  const refusedAt = new Map<string, number>();
  let refusalsSuppressed = 0;

  /**
   * Resolves the user; for an unknown one sends the once-per-period refusal. Null: stop here.
   * `counted: false` (the second press of Confirm/Cancel, part of a command already counted) skips the rate limit.
   */
  return async function admit(input: IncomingBase, options: { counted?: boolean } = {}): Promise<AdmittedUser | null> {
    const role = deps.auth.roleOf(input.userId);
    if (role && options.counted === false) return { id: input.userId, name: input.userName, role };
    if (role) {
      const rate = limiter.hit(input.userId);
      if (!rate.allowed) {
        if (rate.notify) {
          log.warn({ userId: input.userId, retryAfterMs: rate.retryAfterMs }, 'user rate limited');
          await input.surface.reply(
            `Easy there — that is ${deps.settings.current().chat.rate_limit_per_minute} commands in a minute. Try again in ${Math.ceil(rate.retryAfterMs / 1000)} s.`,
          );
        }
        return null;
      }
      return { id: input.userId, name: input.userName, role };
    }
    const now = deps.clock.now().getTime();
    const last = refusedAt.get(input.userId);
    if (last !== undefined && now - last < deps.settings.current().chat.unknown_user_reply_minutes * 60_000) {
      refusalsSuppressed++;
      return null;
    }
    refusedAt.set(input.userId, now);
    log.warn(
      {
        userId: input.userId,
        userName: input.userName,
        chatId: input.chatId,
        chatType: input.chatType,
        refusalsSuppressed,
      },
      'unknown user refused',
    );
    refusalsSuppressed = 0;
    if (input.chatType !== 'group') {
      await input.surface.reply(
        `Sorry, this bot only answers people its admin has added. Press ${bold('Request access')} to ask the admins, or send them your user id ${code(input.userId)}.`,
        { buttons: requestAccessButtons() },
      );
    }
    return null;
  };
}
