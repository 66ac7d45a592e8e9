import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { closeDb, openDb, type Db } from '../../src/db/client';
import { isolatedEnv, runCli } from './cli-process';

// The CLI in a child process (cli-process.ts), and a store of its own for one test file.

export { BIN, isolatedEnv, PROVIDERS, runCli, type CliResult } from './cli-process';

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
