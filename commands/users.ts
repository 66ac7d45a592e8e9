import { z } from 'zod';
import type { Role } from '../src/chat/chat-context';
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

export const usersCommand = defineCommand({
  name: 'users',
  summary: "list users, or add, remove or change one's role",
  usage: '/users [add ID ROLE | remove ID | role ID ROLE]',
  example: '/users add 123456789 trader',
  minRole: 'admin',
  parse,
  async run(ctx, args, s) {
    if (args.op === 'list') {
      const all = s.users.list();
      const rows = all.map((u) => [
        u.id,
        u.role,
        u.source === 'env' ? 'TELEGRAM_ADMIN_IDS' : u.source,
        u.addedBy ? `${u.addedBy} ${u.addedAt?.slice(0, 10) ?? ''}` : '',
      ]);
      await ctx.reply(
        all.length
          ? `${bold('Users')}\n${preTable(['id', 'role', 'from', 'added by'], rows, { alignRight: [false, false, false, false] })}`
          : `No users yet besides the console. ${code('/users add ID ROLE')} adds one.`,
      );
      return;
    }
    if (args.op === 'remove') {
      const { removed, stillKnownAs } = s.users.remove(args.id);
      const still = stillKnownAs
        ? ` They are still a ${escapeHtml(stillKnownAs.role)} through ${escapeHtml(stillKnownAs.source)} (config chat.users).`
        : '';
      await ctx.reply(
        `${removed ? `Removed ${escapeHtml(args.id)}.` : `${escapeHtml(args.id)} was not in the users table.`}${still}`,
      );
      return;
    }
    const before = s.users.lookup(args.id);
    const user = s.users.setRole(args.id, args.role, ctx.user.id);
    await ctx.reply(
      before
        ? `${escapeHtml(args.id)} is now ${bold(user.role)} (was ${escapeHtml(before.role)}).`
        : `Added ${escapeHtml(args.id)} as ${bold(user.role)}. They can send /start now.`,
    );
  },
});
