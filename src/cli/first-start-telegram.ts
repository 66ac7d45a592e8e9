import type { ChatCore } from '../chat/chat-core';
import { CONSOLE_USER_ID, type UserAuth } from '../chat/user-auth';
import type { Config } from '../config/schema';
import { backfillReason, formatBudget, progressBar, type BackfillProgress } from '../ingest/backfill.service';
import { backfillSummary, fetchedLine } from '../ingest/backfill-summary';
import { bold, code, escapeHtml } from '../present/html';
import type { Clock } from '../shared/clock';
import { errorMessage } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { TelegramSender } from '../notify/telegram-sender';
import { createProgressMessage } from '../transports/telegram/progress-message';
import { telegramSurface } from '../transports/telegram/telegram-surface';
import type { FirstStartSink } from './first-start';

// The first start on Telegram: the bot already answers, the backfill runs behind it, and its progress
// is one message per chat edited in place (progress-message.ts), ending with what was fetched against
// the budget — or, offline, the hosts not reached and the offline path. Then the first scan's top.

/**
 * Who sees it: the admins, in their private chats (TELEGRAM_ADMIN_IDS and admins added with /users) —
 * whoever set the bot up is the one waiting for it to fill — and the chats that get pushed alerts
 * (alerting.channels.telegram.chat_ids), since that is where the bot speaks unprompted and where the
 * traders expect the first ranking. Not whoever happens to write meanwhile: their commands are answered
 * as usual, and unknown users are refused anyway. A chat the bot cannot write to is skipped.
 */
export function firstStartChats(users: Pick<UserAuth, 'list'>, config: Config): string[] {
  const admins = users
    .list()
    .filter((u) => u.role === 'admin')
    .map((u) => u.id);
  const alerts = config.alerting.channels.telegram;
  return [...new Set([...admins, ...(alerts.enabled ? alerts.chat_ids : [])])];
}

export interface TelegramFirstStartDeps {
  sender: TelegramSender;
  core: ChatCore;
  clock: Clock;
  logger: Logger;
  chats: readonly string[];
  minEditIntervalMs?: number;
}

export function telegramFirstStartSink(deps: TelegramFirstStartDeps): FirstStartSink {
  const { sender, clock } = deps;
  const message = createProgressMessage({
    sender,
    clock,
    logger: deps.logger,
    chatIds: deps.chats,
    minIntervalMs: deps.minEditIntervalMs,
  });
  let head = bold('First start');
  const text = (...lines: string[]) => [head, ...lines.filter(Boolean)].join('\n');
  const bar = (p: BackfillProgress) => code(progressBar(p, 16));
  return {
    async begin(plan) {
      head = `${bold('First start')}: ${escapeHtml(backfillReason(plan))}\n${escapeHtml(formatBudget(plan))}`;
      await message.start(text(bar({ done: 0, total: plan.total, what: 'starting' })));
    },
    progress: (p) => message.update(text(bar(p))),
    async end(plan, result, cause) {
      await message.finish(
        text(
          escapeHtml(backfillSummary(plan, result)),
          escapeHtml(fetchedLine(result.outcomes)),
          // offline (stopped): the plain cause and the offline path are the last words
          cause ? escapeHtml(cause) : '',
          result.stopped ? '' : 'First scan running; its top follows.',
        ),
      );
    },
    scanning: () => {},
    /** /top in each chat that got the progress message, asked by the process itself (the local admin) */
    async top() {
      for (const chatId of message.chats()) {
        await deps.core.handleCommand({
          userId: CONSOLE_USER_ID,
          userName: 'first start',
          chatId,
          chatType: chatId.startsWith('-') ? 'group' : 'private',
          text: '/top',
          surface: telegramSurface({ sender, clock }, chatId),
        });
      }
    },
    failed: (err) =>
      message.finish(
        text(escapeHtml(`First start failed: ${errorMessage(err)} (the next start resumes the backfill)`)),
      ),
  };
}
