import { loadConfig, type RuntimeSetting } from '../../src/config/load-config';
import { createSettingsStore, type StoredSettings } from '../../src/config/settings-store';
import { fakeClock } from '../../src/shared/clock';
import { testLogger } from './logger';

// The real settings store over an in-memory stand-in for the settings table, loading the project's
// config with no environment: what the /set, /reset and invariant tests change.

export const loadWith = (runtime: RuntimeSetting[] = []) => loadConfig({ env: {}, runtime });

export function memorySettingsRepo(): StoredSettings {
  const rows = new Map<string, { key: string; value: unknown; setBy: string; setAt: string }>();
  return {
    all: () => [...rows.values()],
    get: (k) => rows.get(k)?.value,
    put: (r) => void rows.set(r.key, r),
    remove: (k) => void rows.delete(k),
  };
}

export const memorySettingsStore = () =>
  createSettingsStore({
    loaded: loadWith(),
    reload: loadWith,
    repo: memorySettingsRepo(),
    clock: fakeClock('2026-11-20T10:00:00Z'),
    logger: testLogger('silent'),
  });
