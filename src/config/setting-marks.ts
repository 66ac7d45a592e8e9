import type { z } from 'zod';
import { configSchema, RESTART_ONLY, UNREAD } from './schema';

// The marks the schema puts on sections and keys that /set must refuse: restartOnly() — read once at
// start (HTTP clients, schedules, the transport) — and unread() — accepted in config files but read by
// no code of this version. Either way a chat change would be shown as in effect and change nothing.

type Node = z.ZodTypeAny;

export type SettingMark = { kind: 'restart-only' } | { kind: 'unread'; why: string };

/** Unwraps the zod wrappers that sit around an object (refine, optional, default). */
function inner(node: Node): Node {
  const def = node._def as { innerType?: Node; schema?: Node };
  return def.innerType ?? def.schema ?? node;
}

function markOf(description: string | undefined): SettingMark | null {
  if (description === RESTART_ONLY) return { kind: 'restart-only' };
  if (description?.startsWith(UNREAD)) return { kind: 'unread', why: description.slice(UNREAD.length) };
  return null;
}

function collect(node: Node, path: string, out: Map<string, SettingMark>): void {
  const mark = markOf(node.description);
  if (mark) {
    out.set(path, mark);
    return;
  }
  const next = inner(node);
  if (next !== node) return collect(next, path, out);
  const shape = (node as Partial<z.AnyZodObject>).shape as Record<string, Node> | undefined;
  if (shape) for (const [key, child] of Object.entries(shape)) collect(child, path ? `${path}.${key}` : key, out);
}

/** Dotted path of every marked section or key → its mark, in schema order. */
export const SETTING_MARKS: ReadonlyMap<string, SettingMark> = (() => {
  const out = new Map<string, SettingMark>();
  collect(configSchema, '', out);
  return out;
})();

/** The mark on `key` or on the section holding it; null when /set may change it. */
export function settingMark(key: string): SettingMark | null {
  for (const [path, mark] of SETTING_MARKS) if (key === path || key.startsWith(`${path}.`)) return mark;
  return null;
}

export const isRestartOnly = (key: string): boolean => settingMark(key)?.kind === 'restart-only';
