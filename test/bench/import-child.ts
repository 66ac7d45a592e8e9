// Runs one import in its own process so its peak RSS is the importer's alone.
import { openDb, closeDb } from '../../src/db/client';
import { importPaths } from '../../src/ingest/importers/import-files';
import { systemClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';

const [dir, dbPath] = process.argv.slice(2);
const db = openDb(dbPath!);
const t0 = performance.now();
const report = await importPaths([dir!], { db, logger: createLogger({ level: 'warn' }), clock: systemClock });
const ms = performance.now() - t0;
// performance.now() counts from the process's start: with it, node's and tsx's start-up, module loading
// and the migrations, as a user waits for `squeezebot import` (the sqlite3 shell's time includes its own)
const processMs = performance.now();
const rows = report.files.reduce((n, f) => n + f.rows, 0);
closeDb(db);
process.stdout.write(
  JSON.stringify({ ms, processMs, rows, rejected: report.rejected, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
);
