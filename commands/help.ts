import { z } from 'zod';
import { defineCommand } from '../src/chat/command-types';
import { helpFor, helpIndex } from '../src/chat/help';
import { escapeHtml } from '../src/present/html';
import { suggest } from '../src/chat/suggest';

export const helpCommand = defineCommand({
  name: 'help',
  summary: 'list the commands, or explain one',
  usage: '/help [command]',
  example: '/help top',
  minRole: 'viewer',
  parse: z
    .array(z.string())
    .max(1, 'one command name at most')
    .transform((w) => w[0]?.replace(/^\//, '').toLowerCase()),
  async run(ctx, name, services) {
    const all = services.commands();
    if (!name) {
      await ctx.reply(helpIndex(all, ctx.user.role));
      return;
    }
    const def = all.find((c) => c.name === name);
    if (!def) {
      const near = suggest(
        name,
        all.map((c) => c.name),
      );
      await ctx.reply(`There is no /${escapeHtml(name)}.${near ? ` Did you mean /${escapeHtml(near)}?` : ''}`);
      return;
    }
    await ctx.reply(helpFor(def));
  },
});
