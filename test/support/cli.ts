import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { closeDb, openDb, type Db } from '../../src/db/client';

// The CLI as users start it: `node bin/squeezebot.mjs <verb>` in a child process, with an environment
// of its own, so no developer's .env (keys, real hosts) leaks into a test run.

export const BIN = resolve(import.meta.dirname, '../../bin/squeezebot.mjs');
const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

import { isolatedEnv } from './isolated-env';

export { isolatedEnv, PROVIDERS } from './isolated-env';

/** Runs the CLI to its end; a non-zero exit is a result, not a throw. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: timeoutMs });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * For one test file: before its tests, a temp dir (named from `prefix`) with the store `file` that `seed`
 * fills; after them the dir is removed. `cli` runs the CLI on that store in an isolated environment.
 */
export function cliOnStore(prefix: string, file: string, seed: (db: Db) => void) {
  const store = { dir: '', dbPath: '' };
  beforeAll(() => {
    store.dir = mkdtempSync(join(tmpdir(), prefix));
    store.dbPath = join(store.dir, file);
    const db = openDb(store.dbPath);
    seed(db);
    closeDb(db);
  });
  afterAll(() => rmSync(store.dir, { recursive: true, force: true }));
  return { store, cli: (args: string[]) => runCli(args, isolatedEnv(store)) };
}
