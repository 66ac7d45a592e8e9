import { parse as parseYaml } from 'yaml';
import type { Clock } from '../shared/clock';
import { ConfigError, errorMessage, SettingRefused, UsageError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { LoadedConfig, RuntimeSetting } from './load-config';
import { settingMark } from './setting-marks';
import { settingShape } from './setting-shape';
import type { Config } from './schema';
import type { Settings } from './settings';

// Settings changed in chat (`/set KEY VALUE`, `/reset KEY`): the top config layer. A change is validated
// by loading every layer again with it on top, stored with who and when, and becomes the new current
// config: a fresh frozen object, never an edit of the old one, so a run that read the config at its start
// sees one consistent set of values to its end. Readers call `current()` at the start of each run, job or
// command; nothing keeps a config value from the time it was built.

/** Where stored settings live (the settings repo). */
export interface StoredSettings {
  all(): { key: string; value: unknown; setBy: string; setAt: string }[];
  get(key: string): unknown;
  put(row: { key: string; value: unknown; setBy: string; setAt: string }): void;
  remove(key: string): void;
}

export interface SettingsStoreDeps {
  /** the config as loaded at start, stored settings already applied (loadConfigWithStored) */
  loaded: LoadedConfig;
  /** loads every layer with these runtime settings on top (loadConfig with the process's env) */
  reload: (runtime: RuntimeSetting[]) => LoadedConfig;
  repo: StoredSettings;
  clock: Clock;
  logger: Logger;
}

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `0.7` → 0.7, `true` → true, `[a, b]` → ['a', 'b'], anything else stays text. */
export function parseSettingValue(raw: string): unknown {
  try {
    return parseYaml(raw, { version: '1.1' });
  } catch {
    return raw;
  }
}

export function readPath(tree: object, path: string): unknown {
  let node: unknown = tree;
  for (const part of path.split('.')) node = isTree(node) ? node[part] : undefined;
  return node;
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The stored settings as runtime layers for loadConfig. */
export function runtimeSettings(repo: Pick<StoredSettings, 'all'>): RuntimeSetting[] {
  return repo.all().map((r) => ({ key: r.key, value: r.value, by: r.setBy, at: r.setAt }));
}

export interface SettingsStoreApi {
  /** The settings with the layer each leaf came from (/thresholds, /reset). */
  loaded(): LoadedConfig;
  /** Validates and stores `key = value`; returns the effective value. */
  set(key: string, rawValue: string, by: string): unknown;
  /** What `set` would change, validated the same way (a refused value throws), nothing stored: for the confirmation. */
  previewSet(key: string, rawValue: string): { before: unknown; after: unknown };
  /** What `reset` would bring back, nothing stored. */
  previewReset(key: string): { wasSet: boolean; before: unknown; after: unknown };
  /** Removes a chat setting: the value falls back to env, file or default. */
  reset(key: string, by: string): { wasSet: boolean; value: unknown };
  stored(): ReturnType<StoredSettings['all']>;
}
export type SettingsStore = Settings & SettingsStoreApi;

/**
 * Loads every layer with the stored chat settings on top: the config a process starts with. A stored
 * setting that no longer validates (a key renamed, a range narrowed) is left out and logged, so a bad
 * row never keeps the bot from starting; the others still apply.
 */
export function loadConfigWithStored(
  load: (runtime: RuntimeSetting[]) => LoadedConfig,
  repo: Pick<StoredSettings, 'all'>,
  logger: Logger,
): LoadedConfig {
  const stored = runtimeSettings(repo);
  try {
    return load(stored);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const kept = stored.filter((s) => {
      try {
        load([s]);
        return true;
      } catch (e) {
        logger.error(
          { key: s.key, value: s.value, err: errorMessage(e) },
          'stored setting rejected; running without it',
        );
        return false;
      }
    });
    return load(kept);
  }
}

export function createSettingsStore(deps: SettingsStoreDeps): Settings & SettingsStoreApi {
  const frozen = (next: LoadedConfig): LoadedConfig => ({ ...next, config: deepFreeze(next.config) });
  let loaded = frozen(deps.loaded);

  const checkKey = (key: string) => {
    if (!loaded.sources.has(key)) {
      const near = [...loaded.sources.keys()].filter((k) => k.endsWith(`.${key}`) || k.includes(key)).slice(0, 3);
      throw new UsageError(
        `unknown setting "${key}"${near.length ? `; did you mean ${near.join(' or ')}?` : ''} (/thresholds lists them)`,
      );
    }
    const mark = settingMark(key);
    if (mark?.kind === 'restart-only')
      throw new UsageError(`${key} is read at start: change it in config/local.yaml and restart`);
    if (mark?.kind === 'unread')
      throw new UsageError(`${key} is not used by this version (${mark.why}), so setting it would change nothing`);
  };
  // a change the layers refuse is the user's to fix: a SettingRefused with the problems, nothing stored;
  // its message (the log's) names the issues, the chat says them in words (settingRefusalText)
  const reloadOrRefuse = (
    candidate: RuntimeSetting[],
    refusal: string,
    what: { action: 'set' | 'reset'; key: string; rawValue: string | null },
  ): LoadedConfig => {
    try {
      return deps.reload(candidate);
    } catch (err) {
      if (err instanceof ConfigError) {
        const current = readPath(loaded.config, what.key);
        const message = `${refusal}: ${err.issues.join('; ')}`;
        throw new SettingRefused(
          what.action,
          what.key,
          what.rawValue,
          err.problems,
          settingShape(what.key),
          current,
          message,
        );
      }
      throw err;
    }
  };
  const candidateSet = (key: string, rawValue: string, by: string) => {
    checkKey(key);
    const value = parseSettingValue(rawValue);
    const at = deps.clock.now().toISOString();
    const candidate = [...runtimeSettings(deps.repo).filter((s) => s.key !== key), { key, value, by, at }];
    const next = reloadOrRefuse(candidate, `${key} = ${rawValue} is not valid`, { action: 'set', key, rawValue });
    return { next, value, at };
  };
  /** The settings once `key`'s chat value is gone; null when it has none. */
  const candidateReset = (key: string): LoadedConfig | null => {
    checkKey(key);
    if (deps.repo.get(key) === undefined) return null;
    // the value coming back (default, file or env) can break a rule together with another stored setting
    return reloadOrRefuse(
      runtimeSettings(deps.repo).filter((s) => s.key !== key),
      `${key} cannot be reset while other settings rely on it`,
      { action: 'reset', key, rawValue: null },
    );
  };
  // a new object, never an edit: whoever read the old snapshot keeps a consistent one
  const swap = (next: LoadedConfig) => {
    loaded = frozen(next);
  };

  return {
    /** The settings in effect now. Read it at the start of a run, job or command; never keep it. */
    current: (): Config => loaded.config,
    /** The settings with the layer each leaf came from (/thresholds, /reset). */
    loaded: (): LoadedConfig => loaded,
    /** Validates and stores `key = value`; returns the effective value. */
    set(key: string, rawValue: string, by: string): unknown {
      const { next, value, at } = candidateSet(key, rawValue, by);
      deps.repo.put({ key, value, setBy: by, setAt: at });
      swap(next);
      deps.logger.info({ key, value, by }, 'setting changed');
      return readPath(loaded.config, key);
    },
    previewSet(key: string, rawValue: string) {
      const { next } = candidateSet(key, rawValue, 'preview');
      return { before: readPath(loaded.config, key), after: readPath(next.config, key) };
    },
    previewReset(key: string) {
      const next = candidateReset(key);
      return {
        wasSet: next !== null,
        before: readPath(loaded.config, key),
        after: readPath((next ?? loaded).config, key),
      };
    },
    /** Removes a chat setting: the value falls back to env, file or default. */
    reset(key: string, by: string): { wasSet: boolean; value: unknown } {
      const next = candidateReset(key);
      const wasSet = next !== null;
      if (next) {
        deps.repo.remove(key);
        swap(next);
        deps.logger.info({ key, by }, 'setting reset');
      }
      return { wasSet, value: readPath(loaded.config, key) };
    },
    stored: () => deps.repo.all(),
  };
}
