import { randomBytes } from 'node:crypto';
import type { Settings } from '../config/settings';
import { marketDateAt } from '../market/market-time';
import type { Clock } from '../shared/clock';
import { SettingRefused, UsageError } from '../shared/errors';
import { settingRefusalText } from '../present/labels/setting-problems';
import type { Logger } from '../shared/logger';
import type { AdmittedUser, ChatContext, ReplyOptions, Role, SentMessage } from './chat-context';
import { resolvePrefs, type UserPrefs } from './user-prefs';
import { firstIssue } from './args/basic.args';
import type { ButtonContext, ButtonHandler, CommandDefinition, CommandServices } from './command-types';
import { helpFor, menuCommands, usageHtml, type MenuCommand } from './help';
import { code, escapeHtml } from '../present/html';
import type { IncomingBase, IncomingButton, IncomingMessage } from './incoming';
import { createAdmission } from './admission';
import { createAccessDesk, REQUEST_ACCESS } from './access-requests';
import { suggest } from './suggest';
import { roleAtLeast, type UserAuth } from './user-auth';
import { scrubSecrets } from '../shared/secrets';
import { retryOnBusy } from '../db/busy-retry';
import { button } from '../present/buttons';
import { fitPhone } from '../present/phone-width';
import { createConfirmations, type Confirmations } from './confirmations';
import type { ReplySurface } from './incoming';

// The transport-neutral chat core: a transport hands it who wrote what where, and a surface to reply
// on; the core resolves the user's role, rate-limits, parses the command and its arguments, runs it,
// and turns every failure into a short reply (details and an error id go to the log).

export type { IncomingBase, IncomingButton, IncomingMessage, ReplySurface } from './incoming';

export type Outcome =
  'ok' | 'ignored' | 'refused' | 'forbidden' | 'rate_limited' | 'unknown_command' | 'usage' | 'error';

export interface ChatCoreDeps {
  commands: readonly CommandDefinition[];
  /** button handlers by callback-data prefix (`ack:`); tests may add more with registerButton */
  buttons?: Readonly<Record<string, ButtonHandler>>;
  services: CommandServices;
  auth: UserAuth;
  settings: Settings;
  clock: Clock;
  logger: Logger;
  /** pending Confirm/Cancel changes (tests pass one with a short TTL) */
  confirmations?: Confirmations;
  /** a user's settings (/settings); absent: everyone has the defaults */
  prefs?: (userId: string) => UserPrefs;
}

/** What a stale or unknown button answers: polite, and says what to do. */
export const STALE_BUTTON = 'This button is from an older message — send the command again.';

const COMMAND = /^\/([A-Za-z0-9_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/;

export function createChatCore(deps: ChatCoreDeps) {
  const log = deps.logger.child({ component: 'chat' });
  const byName = new Map(deps.commands.map((c) => [c.name, c]));
  const buttons = new Map<string, ButtonHandler>(Object.entries(deps.buttons ?? {}));
  const admit = createAdmission({ auth: deps.auth, settings: deps.settings, clock: deps.clock, log });
  const confirmations = deps.confirmations ?? createConfirmations(deps.clock);
  const desk = createAccessDesk({ auth: deps.auth, clock: deps.clock, log });

  function context(input: IncomingBase, admitted: AdmittedUser, command: string, rawArgs: string): ChatContext {
    const s = input.surface;
    // every word a handler sends passes the secret scrubber: /status, /jobs and errors quote provider text
    const reply = (html: string, options?: ReplyOptions) => s.reply(scrubSecrets(html), options);
    const prefs = deps.prefs?.(admitted.id) ?? resolvePrefs(undefined, deps.settings.current().app.timezone);
    return {
      user: { ...admitted, prefs },
      chatId: input.chatId,
      command,
      args: rawArgs.split(/\s+/).filter(Boolean),
      rawArgs,
      asOf: input.asOf ?? marketDateAt(deps.clock.now()),
      reply,
      confirm: (question, apply, options) => {
        const token = confirmations.open(admitted.id, input.chatId, apply);
        // the question says old → new in a command's words: wrapped here for the phone, as its result is
        return reply(fitPhone(question), {
          buttons: [
            [button(`✅ ${options?.confirmText ?? 'Confirm'}`, `ok:${token}`), button('✖ Cancel', `no:${token}`)],
          ],
        });
      },
      replyPhoto: (png, caption, options) => s.replyPhoto(png, caption && scrubSecrets(caption), options),
      replyDocument: (content, filename, caption, options) =>
        s.replyDocument(content, filename, caption && scrubSecrets(caption), options),
      edit: (message, html, options) => s.edit(message, scrubSecrets(html), options),
      action: (kind) => s.action(kind),
    };
  }

  /** A refusal in words: a refused setting is said from its problems, never the validator's text. */
  function userText(err: UsageError): string {
    if (err instanceof SettingRefused) {
      log.info({ key: err.key, value: err.rawValue, issues: err.message }, 'setting refused');
      return settingRefusalText(err);
    }
    return err.message;
  }

  /** A thrown error: the user gets a short message with an id, the log gets the rest. */
  async function failed(ctx: ChatContext, what: string, err: unknown): Promise<Outcome> {
    const errorId = randomBytes(3).toString('hex');
    log.error(
      { err, errorId, what, userId: ctx.user.id, chatId: ctx.chatId, args: ctx.rawArgs },
      'chat handler failed',
    );
    await ctx
      .reply(
        `Sorry, ${escapeHtml(what)} failed on our side (error id ${code(errorId)}). The details are in the log; an admin can look them up by that id.`,
      )
      .catch(() => {});
    return 'error';
  }

  async function runCommand(ctx: ChatContext, def: CommandDefinition): Promise<Outcome> {
    if (!roleAtLeast(ctx.user.role, def.minRole)) {
      await ctx.reply(
        `/${escapeHtml(def.name)} needs the ${escapeHtml(def.minRole)} role; you are ${escapeHtml(ctx.user.role)}.`,
      );
      return 'forbidden';
    }
    const parsed = def.parse.safeParse(ctx.args);
    if (!parsed.success) {
      await ctx.reply(fitPhone(`${escapeHtml(firstIssue(parsed.error))}.\n${usageHtml(def)}`));
      return 'usage';
    }
    const t0 = performance.now();
    try {
      // a command writes before it replies, so a busy database fails it before anything was said
      await retryOnBusy(() => def.run(ctx, parsed.data, deps.services), { logger: log, what: `/${def.name}` });
      log.info({ command: def.name, userId: ctx.user.id, ms: Math.round(performance.now() - t0) }, 'command done');
      return 'ok';
    } catch (err) {
      if (err instanceof UsageError) {
        // a refused setting already says what would work; other refusals get the usage lines
        const usage = err instanceof SettingRefused ? '' : `\n${usageHtml(def)}`;
        await ctx.reply(fitPhone(`${escapeHtml(userText(err))}${usage}`));
        return 'usage';
      }
      return failed(ctx, `/${def.name}`, err);
    }
  }

  /** Runs a command line for an admitted user (typed, or behind a `run:`/`re:` button). */
  async function dispatch(input: IncomingBase, user: AdmittedUser, text: string): Promise<Outcome> {
    const m = COMMAND.exec(text);
    if (!m) return 'ignored';
    const name = m[1]!.toLowerCase();
    const ctx = context(input, user, name, (m[2] ?? '').trim());
    const def = byName.get(name);
    if (!def) {
      const near = suggest(
        name,
        deps.commands.map((c) => c.name),
      );
      await ctx.reply(
        `I don't know /${escapeHtml(name)}.${near ? ` Did you mean /${escapeHtml(near)}?` : ''} ${code('/help')} lists every command.`,
      );
      return 'unknown_command';
    }
    return runCommand(ctx, def);
  }

  /** The surface of a `re:` press: the command's first text reply replaces the pressed message. */
  function inPlace(surface: ReplySurface, message: SentMessage | null): ReplySurface {
    if (!message) return surface;
    let replaced = false;
    return {
      ...surface,
      reply: async (html, options) => {
        if (replaced) return surface.reply(html, options);
        replaced = true;
        await surface.edit(message, html, options);
        return message;
      },
    };
  }

  /** Buttons every message may carry: commands (`run:`, `re:`), Confirm/Cancel (`ok:`, `no:`), labels (`noop:`). */
  const builtIn: [
    string,
    (input: IncomingButton, user: AdmittedUser, answer: (t?: string) => Promise<void>) => Promise<Outcome>,
  ][] = [
    ['run:', (input, user) => dispatch(input, user, input.data.slice(4))],
    [
      're:',
      (input, user) =>
        dispatch({ ...input, surface: inPlace(input.surface, input.message) }, user, input.data.slice(3)),
    ],
    ['noop:', async () => 'ignored'],
    ['acc:', (input, user, answer) => desk.decide(input, user, answer)],
    [
      REQUEST_ACCESS,
      async (_input, user, answer) => {
        await answer(`You already have access as ${user.role}.`);
        return 'ignored';
      },
    ],
    [
      'ok:',
      async (input, user, answer) => {
        const taken = confirmations.take(input.data.slice(3), user.id, input.chatId);
        if (!taken.ok) {
          await answer(
            taken.reason === 'expired'
              ? 'This confirmation has expired or was already answered — send the command again.'
              : 'Only the person who asked can confirm this.',
          );
          return 'ignored';
        }
        const ctx = context(input, user, 'confirm', '');
        let html: string;
        try {
          html = fitPhone(await retryOnBusy(taken.apply, { logger: log, what: 'a confirmed change' }));
        } catch (err) {
          if (!(err instanceof UsageError)) return failed(ctx, 'that change', err);
          html = escapeHtml(err.message);
        }
        if (input.message) await ctx.edit(input.message, html);
        else await ctx.reply(html);
        await answer('Done');
        return 'ok';
      },
    ],
    [
      'no:',
      async (input, user, answer) => {
        const taken = confirmations.take(input.data.slice(3), user.id, input.chatId);
        if (!taken.ok) {
          await answer(
            taken.reason === 'expired'
              ? 'Already answered or expired — nothing to cancel.'
              : 'Only the person who asked can cancel this.',
          );
          return 'ignored';
        }
        const ctx = context(input, user, 'cancel', '');
        if (input.message) await ctx.edit(input.message, 'Cancelled — nothing changed.');
        else await ctx.reply('Cancelled — nothing changed.');
        await answer('Cancelled');
        return 'ok';
      },
    ],
  ];

  return {
    commands: deps.commands,

    async handleCommand(input: IncomingMessage): Promise<Outcome> {
      const text = input.text.trim();
      if (!COMMAND.test(text)) {
        // plain text: a hint in a private chat, silence in a group
        if (input.chatType === 'group') return 'ignored';
        if (!(await admit(input))) return deps.auth.roleOf(input.userId) ? 'rate_limited' : 'refused';
        await input.surface.reply(`Commands start with a slash: try ${code('/help')}.`);
        return 'ignored';
      }
      const user = await admit(input);
      if (!user) return deps.auth.roleOf(input.userId) ? 'rate_limited' : 'refused';
      return dispatch(input, user, text);
    },

    /** Registers a handler for callback data starting with `prefix` (`ack:`); the longest prefix wins. */
    registerButton(prefix: string, handler: ButtonHandler): void {
      if (buttons.has(prefix)) throw new Error(`button prefix ${prefix} already registered`);
      buttons.set(prefix, handler);
    },

    async handleButton(input: IncomingButton): Promise<Outcome> {
      // the one press a stranger may make: asking for access (admission would drop it unanswered)
      if (input.data === REQUEST_ACCESS && !deps.auth.roleOf(input.userId)) return desk.request(input);
      // Confirm, Cancel and page labels finish a command already counted against the rate limit
      const user = await admit(input, { counted: !/^(ok|no|noop):/.test(input.data) });
      if (!user) {
        await input.answer().catch(() => {});
        return deps.auth.roleOf(input.userId) ? 'rate_limited' : 'refused';
      }
      const own = builtIn.find(([p]) => input.data.startsWith(p));
      if (own) {
        let answered = false;
        const answer = async (text?: string) => {
          if (answered) return;
          answered = true;
          await input.answer(text);
        };
        try {
          return await own[1](input, user, answer);
        } finally {
          await answer().catch(() => {});
        }
      }
      const prefix = [...buttons.keys()].filter((p) => input.data.startsWith(p)).sort((a, b) => b.length - a.length)[0];
      const base = context(input, user, 'button', '');
      if (prefix === undefined) {
        log.warn({ data: input.data, userId: user.id }, 'button without handler');
        await input.answer(STALE_BUTTON);
        return 'unknown_command';
      }
      const handler = buttons.get(prefix)!;
      let answered = false;
      const ctx: ButtonContext = {
        ...base,
        data: input.data,
        payload: input.data.slice(prefix.length),
        message: input.message,
        answer: async (text?: string) => {
          if (answered) return;
          answered = true;
          await input.answer(text);
        },
      };
      if (!roleAtLeast(user.role, handler.minRole)) {
        await ctx.answer(`This needs the ${handler.minRole} role; you are ${user.role}.`);
        return 'forbidden';
      }
      try {
        await handler.run(ctx, deps.services);
        await ctx.answer();
        return 'ok';
      } catch (err) {
        if (err instanceof UsageError) {
          await ctx.answer(userText(err).slice(0, 190));
          return 'usage';
        }
        await ctx.answer('Something went wrong; see the reply.').catch(() => {});
        return failed(ctx, 'that button', err);
      }
    },

    /** The Telegram menu for a role (`only`: just that role's own commands, for the admin scope). */
    menuCommands(role: Role, options: { only?: boolean } = {}): MenuCommand[] {
      return menuCommands(deps.commands, role, options);
    },

    helpFor(name: string): string | null {
      const def = byName.get(name.replace(/^\//, '').toLowerCase());
      return def ? helpFor(def) : null;
    },
  };
}

export type ChatCore = ReturnType<typeof createChatCore>;
