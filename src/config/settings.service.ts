import { parse as parseYaml } from 'yaml';
import type { Db } from '../db/client';
import { createSettingsRepo } from '../db/repos/settings.repo';
import type { Clock } from '../shared/clock';
import { ConfigError, UsageError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { LoadedConfig, RuntimeSetting } from './load-config';

// Settings changed in chat (`/set KEY VALUE`, `/reset KEY`): the top config layer. A change is
// validated by loading every layer again with it on top, stored with who and when, and applied to the
// live config object in place, so every service holding `config` sees it without a restart.

/** Sections whose values are read once at start (HTTP clients, schedules, the db): not settable in chat. */
const RESTART_ONLY = ['app.', 'providers.', 'performance.', 'scheduling.'];

export interface SettingsDeps {
  db: Db;
  /** the live loaded config; its `config` and `sources` are updated in place */
  loaded: LoadedConfig;
  /** loads every layer with these runtime settings on top (loadConfig with the process's env) */
  reload: (runtime: RuntimeSetting[]) => LoadedConfig;
  clock: Clock;
  logger: Logger;
}

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Copies `next` into `target` leaf by leaf, keeping every nested object's identity. */
export function assignInPlace(target: Tree, next: Tree): void {
  for (const key of Object.keys(target)) if (!(key in next)) delete target[key];
  for (const [key, value] of Object.entries(next)) {
    if (isTree(value) && isTree(target[key])) assignInPlace(target[key] as Tree, value);
    else target[key] = value;
  }
}

/** `0.7` → 0.7, `true` → true, `[a, b]` → ['a', 'b'], anything else stays text. */
export function parseSettingValue(raw: string): unknown {
  try {
    return parseYaml(raw, { version: '1.1' });
  } catch {
    return raw;
  }
}

export function createSettingsService(deps: SettingsDeps) {
  const repo = createSettingsRepo(deps.db);
  const runtime = (): RuntimeSetting[] =>
    repo.all().map((r) => ({ key: r.key, value: r.value, by: r.setBy, at: r.setAt }));

  const apply = (next: LoadedConfig) => {
    assignInPlace(deps.loaded.config as unknown as Tree, next.config as unknown as Tree);
    deps.loaded.sources.clear();
    for (const [k, v] of next.sources) deps.loaded.sources.set(k, v);
  };

  const checkKey = (key: string) => {
    if (!deps.loaded.sources.has(key)) {
      const near = [...deps.loaded.sources.keys()].filter((k) => k.endsWith(`.${key}`) || k.includes(key)).slice(0, 3);
      throw new UsageError(
        `unknown setting "${key}"${near.length ? `; did you mean ${near.join(' or ')}?` : ''} (/thresholds lists them)`,
      );
    }
    if (RESTART_ONLY.some((p) => key.startsWith(p)))
      throw new UsageError(`${key} is read at start: change it in config/local.yaml and restart`);
  };

  return {
    /** Applies the stored settings at start; a stored value that no longer validates is skipped and logged. */
    applyStored(): void {
      const stored = runtime();
      if (stored.length === 0) return;
      try {
        apply(deps.reload(stored));
      } catch (err) {
        deps.logger.error({ err, keys: stored.map((s) => s.key) }, 'stored settings rejected; running without them');
      }
    },
    /** Validates and stores `key = value`; returns the effective value. */
    set(key: string, rawValue: string, by: string): unknown {
      checkKey(key);
      const value = parseSettingValue(rawValue);
      const at = deps.clock.now().toISOString();
      const candidate = [...runtime().filter((s) => s.key !== key), { key, value, by, at }];
      let next: LoadedConfig;
      try {
        next = deps.reload(candidate);
      } catch (err) {
        if (err instanceof ConfigError)
          throw new UsageError(`${key} = ${rawValue} is not valid: ${err.issues.join('; ')}`);
        throw err;
      }
      repo.put({ key, value, setBy: by, setAt: at });
      apply(next);
      deps.logger.info({ key, value, by }, 'setting changed');
      return readPath(deps.loaded.config as unknown as Tree, key);
    },
    /** Removes a chat setting: the value falls back to env, file or default. Returns the new value, or undefined when none was set. */
    reset(key: string, by: string): { wasSet: boolean; value: unknown } {
      checkKey(key);
      const wasSet = repo.get(key) !== undefined;
      if (wasSet) {
        const next = deps.reload(runtime().filter((s) => s.key !== key));
        repo.remove(key);
        apply(next);
        deps.logger.info({ key, by }, 'setting reset');
      }
      return { wasSet, value: readPath(deps.loaded.config as unknown as Tree, key) };
    },
    stored: () => repo.all(),
  };
}

export function readPath(tree: Tree, path: string): unknown {
  let node: unknown = tree;
  for (const part of path.split('.')) node = isTree(node) ? node[part] : undefined;
  return node;
}

export type SettingsService = ReturnType<typeof createSettingsService>;
