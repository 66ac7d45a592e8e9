import type { Config } from '../../src/config/schema';
import type { Settings } from '../../src/config/settings';

// Wraps a settings reader so every key read from it afterwards is recorded: nested objects come back as
// recording proxies, arrays and scalars as they are. The proxy is installed on the live store, so the
// services that hold it record through it without knowing.

export function recordReads(settings: Settings): { reads: Set<string>; stop: () => void } {
  const reads = new Set<string>();
  const original = settings.current.bind(settings);
  const wrap = (node: object, path: string): object =>
    new Proxy(node, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return value;
        const at = path ? `${path}.${key}` : key;
        reads.add(at);
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? wrap(value, at) : value;
      },
    });
  // a copy: the store's snapshot is frozen, and a proxy may not hand out other objects for frozen keys
  settings.current = () => wrap(structuredClone(original()), '') as Config;
  return {
    reads,
    stop: () => {
      settings.current = original;
    },
  };
}

/**
 * Whether `key` (a leaf) was read: itself, anything under it (a map like `baskets`), or the object that
 * holds it — a run that takes `alerting.cooldown` from the live snapshot hands every leaf of it to the
 * pure code that picks one, so each of them is as live as the object.
 */
export function wasRead(reads: ReadonlySet<string>, key: string): boolean {
  const parent = key.slice(0, key.lastIndexOf('.'));
  return (
    reads.has(key) || (parent.includes('.') && reads.has(parent)) || [...reads].some((r) => r.startsWith(`${key}.`))
  );
}
