import type { Config } from './schema';

// What a service holds instead of a config object: a way to read the settings in effect now. A service
// calls `current()` at the start of each run, job or command and uses that snapshot to its end, so a
// `/set` reaches the next run and never changes a run half way (DESIGN: settings are read, not captured).

export interface Settings {
  /** The settings in effect now: a frozen snapshot, replaced (never edited) when a setting changes. */
  current(): Config;
}

/** Settings that never change: one-shot tools (backtest, doctor) and tests. */
export function fixedSettings(config: Config): Settings {
  return { current: () => config };
}
