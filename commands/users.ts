import { z } from 'zod';
import type { Role } from '../src/chat/chat-context';
import type { KnownUser, UserAuth } from '../src/chat/user-auth';
import { defineCommand } from '../src/chat/command-types';
import { bold, code, escapeHtml, preTable } from '../src/present/html';
import { readUserId } from '../src/chat/args/grammar';

const ROLES = ['admin', 'trader', 'viewer'] as const;

type UsersArgs = { op: 'list' } | { op: 'add' | 'role'; id: string; role: Role } | { op: 'remove'; id: string };

const parse = z.array(z.string()).transform((w, ctx): UsersArgs => {
  const fail = (message: string) => {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    return z.NEVER;
  };
  const [op, id, role, ...extra] = w.map((x, i) => (i === 0 || i === 2 ? x.toLowerCase() : x));
  if (op === undefined) return { op: 'list' };
  if (extra.length) return fail('too many arguments');
  if (op !== 'add' && op !== 'remove' && op !== 'role') return fail(`"${op}" is not add, remove or role`);
  if (!id) return fail('the user id is missing');
  const userId = readUserId(id);
  if (!userId.ok) return fail(userId.message);
  if (op === 'remove') return role ? fail('remove takes only the id') : { op, id };
  if (!role || !(ROLES as readonly string[]).includes(role)) return fail(`the role is one of ${ROLES.join(', ')}`);
  return { op, id, role: role as Role };
});

/** `no role`, or the role and, when it is not the users table, where it comes from. */
const roleWord = (u: KnownUser | null) =>
  !u ? 'no role' : u.source === 'config' ? `${u.role} (config chat.users)` : u.role;

/** Refuses a change that would leave the bot without an admin (the console does not count: it is not on Telegram). */
function keepsAnAdmin(users: UserAuth, id: string, after: Role | null): string | null {
  if (after === 'admin' || users.lookup(id)?.role !== 'admin') return null;
  return users.adminIds().some((a) => a !== id)
    ? null
    : `${id} is the last admin; add another admin first, so someone can still run /users.`;
}

/** Why an id cannot be changed in chat at all (TELEGRAM_ADMIN_IDS wins over the users table). */
const envAdmin = (u: KnownUser | null, what: string) =>
  u?.source === 'env' ? `${u.id} is an admin through TELEGRAM_ADMIN_IDS; ${what} that variable instead.` : null;

export const usersCommand = defineCommand({
  name: 'users',
  summary: "list users, or add, remove or change one's role",
  usage: '/users [add ID ROLE | remove ID | role ID ROLE]',
  example: '/users add 123456789 trader',
  minRole: 'admin',
  parse,
  async run(ctx, args, s) {
    const users = s.users;
    if (args.op === 'list') {
      const all = users.list();
      const rows = all.map((u) => [
        u.id,
        u.role,
        u.source === 'env' ? 'TELEGRAM_ADMIN_IDS' : u.source,
        u.addedBy ? `${u.addedBy} ${u.addedAt?.slice(0, 10) ?? ''}` : '',
      ]);
      const pending = users.requests.pending();
      const waiting = pending.length
        ? `\n${bold('Asking for access')}\n${pending
            .map(
              (r) => `${escapeHtml(r.name)} · id ${code(r.userId)} · since ${escapeHtml(r.requestedAt.slice(0, 10))}`,
            )
            .join('\n')}\n${code('/users add ID viewer')} lets one in.`
        : '';
      await ctx.reply(
        (all.length
          ? `${bold('Users')}\n${preTable(['id', 'role', 'from', 'added by'], rows, { alignRight: [false, false, false, false] })}`
          : `No users yet besides the console. ${code('/users add ID ROLE')} adds one.`) + waiting,
      );
      return;
    }
    const id = args.id;
    const before = users.lookup(id);
    const refuse = (text: string) => ctx.reply(escapeHtml(text));
    if (args.op === 'remove') {
      const refusal = envAdmin(before, 'remove them from');
      if (refusal) return void (await refuse(refusal));
      if (before?.source !== 'db')
        return void (await refuse(
          before
            ? `${id} is a ${before.role} through config chat.users, not the users table; remove them there.`
            : `${id} is not a user; there is nothing to remove.`,
        ));
      const last = keepsAnAdmin(users, id, null);
      if (last) return void (await refuse(last));
      await ctx.confirm(
        `Remove ${code(id)}?\n${code(id)}: ${escapeHtml(before.role)} → no role`,
        async () => {
          const again = keepsAnAdmin(users, id, null);
          if (again) return escapeHtml(again);
          const { stillKnownAs } = users.remove(id);
          const still = stillKnownAs
            ? ` They are still a ${escapeHtml(stillKnownAs.role)} through config chat.users.`
            : '';
          return `Removed ${escapeHtml(id)}.${still}`;
        },
        { confirmText: 'Remove' },
      );
      return;
    }
    const refusal = envAdmin(before, 'change');
    if (refusal) return void (await refuse(refusal));
    if (args.op === 'role' && !before)
      return void (await ctx.reply(
        `${escapeHtml(id)} is not a user; ${code(`/users add ${id} ${args.role}`)} adds them.`,
      ));
    if (before?.source === 'db' && before.role === args.role)
      return void (await ctx.reply(`${escapeHtml(id)} is already ${bold(args.role)}; nothing to change.`));
    const last = keepsAnAdmin(users, id, args.role);
    if (last) return void (await refuse(last));
    const stranger = users.hasSeen(id)
      ? ''
      : `\n${escapeHtml(id)} has never written to this bot — check the id (they can get it by writing to the bot).`;
    await ctx.confirm(
      `${before ? 'Change' : 'Add'} ${code(id)}?\n${code(id)}: ${escapeHtml(roleWord(before))} → ${bold(args.role)}${stranger}`,
      async () => {
        const again = keepsAnAdmin(users, id, args.role);
        if (again) return escapeHtml(again);
        const name = users.requests.get(id)?.name;
        const user = users.setRole(id, args.role, ctx.user.id, name);
        // an admin who adds a waiting requester by hand has answered the request too
        users.requests.decide(id, {
          status: 'approved',
          role: args.role,
          decidedBy: ctx.user.name || ctx.user.id,
          decidedAt: s.clock.now().toISOString(),
        });
        return before
          ? `${escapeHtml(id)} is now ${bold(user.role)} (was ${escapeHtml(roleWord(before))}).`
          : `Added ${escapeHtml(id)} as ${bold(user.role)}. They can send /start now.`;
      },
      { confirmText: before ? 'Change' : 'Add' },
    );
  },
});
