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
const rows = report.files.reduce((n, f) => n + f.rows, 0);
closeDb(db);
process.stdout.write(
  JSON.stringify({ ms, rows, rejected: report.rejected, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
);
