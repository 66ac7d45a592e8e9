import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, type Db } from '../../src/db/client';
import { openStore } from '../../src/db/open-store';

/**
 * A real store with the real migrations, removed by `cleanup`: a SQLite file, or in the suite's
 * PostgreSQL project (vitest.config.ts) a scratch database that stands for that file (pg-project-setup.ts).
 */
export function tempDb(): { db: Db; path: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'squeezebot-test-'));
  const path = join(dir, 'test.db');
  const db = openStore(path);
  return {
    db,
    path,
    dir,
    cleanup() {
      closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
