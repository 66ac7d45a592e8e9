import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, openDb, type Db } from '../../src/db/client';

/** A real SQLite file with the real migrations, removed by `cleanup`. */
export function tempDb(): { db: Db; path: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'squeezebot-test-'));
  const path = join(dir, 'test.db');
  const db = openDb(path);
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
