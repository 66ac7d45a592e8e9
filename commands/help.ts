import { z } from 'zod';
import { defineCommand } from '../src/chat/command-types';
import { helpFor, helpGroup, helpIndex, visibleGroups } from '../src/chat/help';
import { escapeHtml } from '../src/present/html';
import { inPlaceButton } from '../src/present/buttons';
import { suggest } from '../src/chat/suggest';
import { HELP_GROUPS } from './help-groups';

export const helpCommand = defineCommand({
  name: 'help',
  summary: 'the commands by group, or one explained',
  usage: '/help [group|command]',
  example: '/help top',
  minRole: 'viewer',
  parse: z
    .array(z.string())
    .max(1, 'one group or command name at most')
    .transform((w) => w[0]?.replace(/^\//, '').toLowerCase()),
  async run(ctx, name, services) {
    const all = services.commands();
    const role = ctx.user.role;
    if (!name) {
      const index = helpIndex(all, role, HELP_GROUPS);
      await ctx.reply(index.html, { buttons: index.buttons });
      return;
    }
    // a group's name wins over a command of the same name (Settings lists /settings)
    const group = visibleGroups(HELP_GROUPS, all, role).find((g) => g.key === name);
    if (group) {
      const view = helpGroup(group, all, role);
      await ctx.reply(view.html, { buttons: view.buttons });
      return;
    }
    const def = all.find((c) => c.name === name);
    if (!def) {
      const near = suggest(name, [...all.map((c) => c.name), ...HELP_GROUPS.map((g) => g.key)]);
      await ctx.reply(`There is no /${escapeHtml(name)}.${near ? ` Did you mean /${escapeHtml(near)}?` : ''}`);
      return;
    }
    const home = HELP_GROUPS.find((g) => g.commands.includes(def.name));
    await ctx.reply(helpFor(def), {
      buttons: [[inPlaceButton(home ? `◀ ${home.title}` : '◀ All groups', home ? `/help ${home.key}` : '/help')]],
    });
  },
});
