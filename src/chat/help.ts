import type { Role } from './chat-context';
import type { CommandDefinition } from './command-types';
import { bold, code, escapeHtml } from '../present/html';
import { commandButton, inPlaceButton, type ButtonRows } from '../present/buttons';
import { fitPhone } from '../present/phone-width';
import { roleAtLeast } from './user-auth';

// /help and the Telegram command menu, both generated from the one list in commands/index.ts and its
// groups: /help shows the groups as buttons, a group its commands, a command its usage.

export interface MenuCommand {
  command: string;
  description: string;
}

/** A /help group: `/help discover` lists its commands. */
export interface HelpGroup {
  /** lower-case, the word after /help: 'discover' */
  key: string;
  /** the button: '🔍 Discover' */
  title: string;
  /** one short line under the title in /help */
  description: string;
  /** command names, in menu order */
  commands: readonly string[];
  /** shown only from this role up, whatever its commands need (a viewer never sees Admin) */
  minRole?: Role;
}

/** The commands a role may run, in menu order. */
export function commandsFor(commands: readonly CommandDefinition[], role: Role): CommandDefinition[] {
  return commands.filter((c) => roleAtLeast(role, c.minRole));
}

/** Commands in group order, then the rest in list order: the order of the menu and of /help. */
export function inGroupOrder(
  commands: readonly CommandDefinition[],
  groups: readonly HelpGroup[],
): CommandDefinition[] {
  const rank = new Map(groups.flatMap((g) => g.commands).map((name, i) => [name, i]));
  const at = (c: CommandDefinition, i: number) => rank.get(c.name) ?? groups.length * 1000 + i;
  return commands
    .map((c, i) => ({ c, k: at(c, i) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c);
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

/** A group's commands this role may run (none: the group is not shown). */
function groupCommands(group: HelpGroup, commands: readonly CommandDefinition[], role: Role): CommandDefinition[] {
  if (group.minRole && !roleAtLeast(role, group.minRole)) return [];
  const byName = new Map(commandsFor(commands, role).map((c) => [c.name, c]));
  return group.commands.map((n) => byName.get(n)).filter((c): c is CommandDefinition => c !== undefined);
}

export function visibleGroups(
  groups: readonly HelpGroup[],
  commands: readonly CommandDefinition[],
  role: Role,
): HelpGroup[] {
  return groups.filter((g) => groupCommands(g, commands, role).length > 0);
}

export interface HelpReply {
  html: string;
  buttons: ButtonRows;
}

/** /help: the groups this role sees, one line each, and a button per group. */
export function helpIndex(commands: readonly CommandDefinition[], role: Role, groups: readonly HelpGroup[]): HelpReply {
  const shown = visibleGroups(groups, commands, role);
  const hidden = commands.length - commandsFor(commands, role).length;
  const html = [
    bold('Commands'),
    ...shown.map((g) => `${bold(g.title)} ${escapeHtml(g.description)}`),
    '',
    `Tap a group, or ${code('/help top')} for one command.`,
    ...(hidden ? [`${hidden} more need a higher role than ${escapeHtml(role)}.`] : []),
  ].join('\n');
  const buttons: ButtonRows = [];
  const all = shown.map((g) => inPlaceButton(g.title, `/help ${g.key}`));
  for (let i = 0; i < all.length; i += 2) buttons.push(all.slice(i, i + 2));
  return { html: fitPhone(html), buttons };
}

/** `/help discover`: the group's commands, one short line each, a button per command and ◀ back. */
export function helpGroup(group: HelpGroup, commands: readonly CommandDefinition[], role: Role): HelpReply {
  const mine = groupCommands(group, commands, role);
  const html = [
    bold(group.title),
    ...mine.map((c) => `• ${bold(`/${c.name}`)} ${escapeHtml(shortSummary(c.summary))}`),
    '',
    'Tap one for its usage and example.',
  ].join('\n');
  const buttons: ButtonRows = [];
  const each = mine.map((c) => commandButton(`/${c.name}`, `/help ${c.name}`));
  for (let i = 0; i < each.length; i += 3) buttons.push(each.slice(i, i + 3));
  buttons.push([inPlaceButton('◀ All groups', '/help')]);
  return { html: fitPhone(html), buttons };
}

/** A summary's first clause (before `:`, `;` or a dash): a short line in a group's list. */
export function shortSummary(summary: string): string {
  return summary.split(/[:;]| — /)[0]!.trim();
}

export function helpFor(def: CommandDefinition): string {
  const who = def.minRole === 'viewer' ? 'everyone' : def.minRole === 'trader' ? 'traders and admins' : 'admins';
  return fitPhone(
    [`<b>/${escapeHtml(def.name)}</b> — ${escapeHtml(def.summary)}`, usageHtml(def), `For ${who}.`].join('\n'),
  );
}
