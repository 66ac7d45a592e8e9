import type { CommandDefinition } from '../src/chat/command-types';
import { menuCommands as menuFor, type MenuCommand } from '../src/chat/help';
import type { Role } from '../src/chat/chat-context';
import { helpCommand } from './help';
import { startCommand } from './start';

// Every chat command, in menu order. /help and the Telegram command menu are generated from this list.
export const COMMANDS: readonly CommandDefinition[] = [startCommand, helpCommand];

/** The Telegram menu for a role; `only: true` gives just that role's own commands (the admin-only scope). */
export function menuCommands(role: Role, options: { only?: boolean } = {}): MenuCommand[] {
  return menuFor(COMMANDS, role, options);
}
