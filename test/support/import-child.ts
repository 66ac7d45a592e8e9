// A stand-in for `squeezebot import <paths...> --db <file>` that the kill test can start as a
// child process and SIGKILL mid-file: `node --import tsx test/support/import-child.ts <db> <path>...`.
// Prints each file's line as it finishes (so the parent knows what is committed), then the summary.
// With IMPORT_CHILD_HANG_IN_FILE=N it stops for good inside the N-th file, after its first step of
// rows is committed, and prints `in-flight <path> <rows>`: the moment to kill it.
import pino from 'pino';
import { closeDb, openDb } from '../../src/db/client';
import { formatImportLine, formatImportSummary, importPaths } from '../../src/ingest/importers/import-files';
import { systemClock } from '../../src/shared/clock';

const [dbPath, ...paths] = process.argv.slice(2);
if (!dbPath || paths.length === 0) {
  console.error('usage: import-child.ts <db> <path>...');
  process.exit(2);
}
const hangInFile = Number(process.env.IMPORT_CHILD_HANG_IN_FILE ?? 0);
let finished = 0;
const db = openDb(dbPath);
const started = performance.now();
const report = await importPaths(paths, {
  db,
  logger: pino({ level: 'silent' }),
  clock: systemClock,
  // every write step its own commit, so a kill lands after part of a file was committed
  sliceMs: 0,
  pauseMs: 0,
  // and big files read a second time to be written, the path a long real file takes
  bufferRows: 1000,
  onFile: (r) => {
    finished++;
    console.log(formatImportLine(r));
  },
  onProgress: async (p) => {
    if (finished + 1 !== hangInFile) return;
    console.log(`in-flight ${p.path} ${p.rows}`);
    // the timer keeps the process alive; the promise never settles, so the transaction stays open
    await new Promise(() => setInterval(() => {}, 60_000));
  },
});
console.log(formatImportSummary(report));
console.log(
  `ms=${Math.round(performance.now() - started)} peakRssMb=${Math.round(process.resourceUsage().maxRSS / 1024)}`,
);
closeDb(db);
process.exit(report.exitCode);
