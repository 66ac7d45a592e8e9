import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import type { ChatUserRow } from '../db/repos/chat-users.repo';
import type { Clock } from '../shared/clock';
import { UsageError } from '../shared/errors';
import type { Role } from './chat-context';

// Who may do what. A user's role comes from, strongest first: TELEGRAM_ADMIN_IDS (always admin, cannot
// be removed from chat), the users table (`/users`), then config `chat.users`. The console is the
// local admin. Anyone else is unknown and gets one polite refusal naming their id.

export const ROLES: readonly Role[] = ['viewer', 'trader', 'admin'];
const RANK: Record<Role, number> = { viewer: 0, trader: 1, admin: 2 };

export function roleAtLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

export const CONSOLE_USER_ID = 'console';

export type RoleSource = 'env' | 'db' | 'config' | 'console';
export interface KnownUser {
  id: string;
  role: Role;
  source: RoleSource;
  name: string | null;
  addedBy?: string;
  addedAt?: string;
}

export function parseAdminIds(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function createUserAuth(deps: { repos: Repos; settings: Settings; adminIds: string[]; clock: Clock }) {
  const repo = deps.repos.chatUsers;
  const requests = deps.repos.accessRequests;
  const admins = new Set(deps.adminIds);
  const fromConfig = (id: string) => deps.settings.current().chat.users.find((u) => u.id === id);

  const lookup = (id: string): KnownUser | null => {
    if (id === CONSOLE_USER_ID) return { id, role: 'admin', source: 'console', name: 'console' };
    if (admins.has(id)) return { id, role: 'admin', source: 'env', name: null };
    const row = repo.get(id);
    if (row) return { id, role: row.role, source: 'db', name: row.name, addedBy: row.addedBy, addedAt: row.addedAt };
    const c = fromConfig(id);
    return c ? { id, role: c.role, source: 'config', name: null } : null;
  };

  const list = (): KnownUser[] => {
    const out = new Map<string, KnownUser>();
    for (const c of deps.settings.current().chat.users)
      out.set(c.id, { id: c.id, role: c.role, source: 'config', name: null });
    for (const r of repo.all()) out.set(r.userId, toKnown(r));
    for (const id of admins) out.set(id, { ...(out.get(id) ?? { name: null }), id, role: 'admin', source: 'env' });
    return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
  };

  return {
    /** The user's role, or null for an unknown user. */
    roleOf(userId: string): Role | null {
      return lookup(userId)?.role ?? null;
    },
    lookup,
    /** Every known user, env admins and config users included, by id. */
    list,
    /** The ids of every admin the bot can message (TELEGRAM_ADMIN_IDS, /users, config; not the console). */
    adminIds(): string[] {
      return list()
        .filter((u) => u.role === 'admin')
        .map((u) => u.id);
    },
    /** Whether the bot knows this id at all: a user, or someone who asked for access. */
    hasSeen(userId: string): boolean {
      return lookup(userId) !== null || requests.get(userId) !== undefined;
    },
    /** Access requests ("Request access" under the refusal), by the requester's id. */
    requests,
    /** Adds or changes a user's role (stored in the repos). */
    setRole(userId: string, role: Role, by: string, name?: string | null): KnownUser {
      if (admins.has(userId))
        throw new UsageError(
          `${userId} is an admin through TELEGRAM_ADMIN_IDS; change that variable to change their role`,
        );
      const existing = repo.get(userId);
      repo.upsert({
        userId,
        role,
        name: name ?? existing?.name ?? null,
        addedBy: by,
        addedAt: deps.clock.now().toISOString(),
      });
      return lookup(userId)!;
    },
    /** Removes a user from the repos; says whether config still knows them. */
    remove(userId: string): { removed: boolean; stillKnownAs: KnownUser | null } {
      if (admins.has(userId))
        throw new UsageError(
          `${userId} is an admin through TELEGRAM_ADMIN_IDS; remove them from that variable instead`,
        );
      const removed = repo.remove(userId);
      return { removed, stillKnownAs: lookup(userId) };
    },
  };
}

function toKnown(r: ChatUserRow): KnownUser {
  return { id: r.userId, role: r.role, source: 'db', name: r.name, addedBy: r.addedBy, addedAt: r.addedAt };
}

export type UserAuth = ReturnType<typeof createUserAuth>;
