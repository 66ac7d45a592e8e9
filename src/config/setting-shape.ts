import type { z } from 'zod';
import type { SettingShape } from '../shared/errors';
import { configSchema } from './schema';

// What one setting accepts, read from the schema itself (type, bounds, choices), so a refusal can say
// "needs a number between 0 and 1" for a value zod only called the wrong type.

type Node = z.ZodTypeAny;

/** Unwraps refine, optional, default, describe and transform around a node. */
function inner(node: Node): Node {
  for (;;) {
    const def = node._def as { innerType?: Node; schema?: Node; in?: Node };
    const next = def.innerType ?? def.schema ?? def.in;
    if (!next || next === node) return node;
    node = next;
  }
}

function childOf(node: Node, part: string): Node | null {
  const n = inner(node);
  const def = n._def as { typeName?: string; valueType?: Node };
  if (def.typeName === 'ZodRecord') return def.valueType ?? null;
  const shape = (n as Partial<z.AnyZodObject>).shape as Record<string, Node> | undefined;
  return shape?.[part] ?? null;
}

function shapeOf(node: Node): SettingShape {
  const n = inner(node);
  const def = n._def as {
    typeName?: string;
    checks?: { kind: string; value?: number; inclusive?: boolean }[];
    values?: readonly string[];
    type?: Node;
    options?: Node[];
  };
  switch (def.typeName) {
    case 'ZodNumber': {
      const out: SettingShape = { type: 'number', int: false };
      for (const c of def.checks ?? []) {
        if (c.kind === 'int') out.int = true;
        if (c.kind === 'min') {
          out.min = c.value;
          out.minExclusive = c.inclusive === false;
        }
        if (c.kind === 'max') out.max = c.value;
      }
      return out;
    }
    case 'ZodBoolean':
      return { type: 'boolean' };
    case 'ZodEnum':
      return { type: 'enum', options: def.values ?? [] };
    case 'ZodArray': {
      const item = def.type ? shapeOf(def.type) : null;
      return item?.type === 'enum' ? { type: 'list', options: item.options } : { type: 'list' };
    }
    case 'ZodString':
      return { type: 'text' };
    case 'ZodUnion': {
      // boolean | 'auto' and the like: the choices in words
      const parts = (def.options ?? []).map(shapeOf);
      if (parts.some((p) => p.type === 'boolean')) return { type: 'enum', options: ['true', 'false', 'auto'] };
      return parts[0] ?? { type: 'unknown' };
    }
    default:
      return { type: 'unknown' };
  }
}

/** The shape of the leaf at a dotted key; unknown when the schema has no such leaf. */
export function settingShape(key: string): SettingShape {
  let node: Node | null = configSchema;
  for (const part of key.split('.')) {
    node = node && childOf(node, part);
    if (!node) return { type: 'unknown' };
  }
  return shapeOf(node);
}
