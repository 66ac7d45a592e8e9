import type { Role } from './chat-context';
import type { CommandDefinition } from './command-types';
import { code, escapeHtml } from '../present/html';
import { roleAtLeast } from './user-auth';

// /help and the Telegram command menu, both generated from the one list in commands/index.ts.

export interface MenuCommand {
  command: string;
  description: string;
}

/** The commands a role may run, in menu order. */
export function commandsFor(commands: readonly CommandDefinition[], role: Role): CommandDefinition[] {
  return commands.filter((c) => roleAtLeast(role, c.minRole));
}

/**
 * The Telegram menu for a role: `menuCommands(list, 'trader')` for everyone's scope, and with
 * `only: true` just the commands that need exactly that role (the admin-only scope adds those).
 */
export function menuCommands(
  commands: readonly CommandDefinition[],
  role: Role,
  options: { only?: boolean } = {},
): MenuCommand[] {
  return commands
    .filter((c) => (options.only ? c.minRole === role : roleAtLeast(role, c.minRole)))
    .map((c) => ({ command: c.name, description: c.summary.slice(0, 256) }));
}

export function usageHtml(def: CommandDefinition): string {
  return `Usage: ${code(def.usage)}\nExample: ${code(def.example)}`;
}

export function helpIndex(commands: readonly CommandDefinition[], role: Role): string {
  const mine = commandsFor(commands, role);
  const lines = mine.map((c) => `${escapeHtml(c.usage)} — ${escapeHtml(c.summary)}`);
  const hidden = commands.length - mine.length;
  return [
    '<b>Commands</b>',
    ...lines,
    '',
    `${code('/help COMMAND')} shows one command with an example.${hidden ? ` ${hidden} more need a higher role than ${escapeHtml(role)}.` : ''}`,
  ].join('\n');
}

export function helpFor(def: CommandDefinition): string {
  const who = def.minRole === 'viewer' ? 'everyone' : def.minRole === 'trader' ? 'traders and admins' : 'admins';
  return [`<b>/${escapeHtml(def.name)}</b> — ${escapeHtml(def.summary)}`, usageHtml(def), `For ${who}.`].join('\n');
}
