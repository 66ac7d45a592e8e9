import { importBesideWriters, quantile } from '../support/import-beside-writers';

// Chaos figures, not a pass/fail timer: a big `squeezebot import` beside a chat session writing
// `/add`s, one-shot `chat "/add"` processes and a `scan`, all on one SQLite file; then the same import
// alone for the ratio. Size with CHAOS_DAYS and CHAOS_SYMBOLS (FINRA files × symbols each).

export async function importBesideWritersScenario(): Promise<void> {
  const days = Number(process.env.CHAOS_DAYS ?? 120);
  const symbols = Number(process.env.CHAOS_SYMBOLS ?? 10_000);
  console.log(`import beside writers: ${days} FINRA files × ${symbols.toLocaleString('en-US')} symbols`);
  const f = await importBesideWriters({ days, symbols, oneShotAdds: 4, alone: true });
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const ms = (x: number) => `${Math.round(x)} ms`;
  console.log(`  import: ${f.rows.toLocaleString('en-US')} rows in ${s(f.importMs)}, exit ${f.importExit}`);
  if (f.importAloneMs !== null)
    console.log(
      `  same import alone: ${s(f.importAloneMs)} (beside writers ×${(f.importMs / f.importAloneMs).toFixed(2)})`,
    );
  console.log(
    `  chat writes attempted ${f.addsAttempted}, lost ${f.addsLost.length}${f.addsLost.length ? ` (${f.addsLost.join(' ')})` : ''}`,
  );
  console.log(
    `  chat session /add latency: median ${ms(quantile(f.sessionLatencies, 0.5))}, p95 ${ms(quantile(f.sessionLatencies, 0.95))}, max ${ms(Math.max(0, ...f.sessionLatencies))} (${f.sessionLatencies.length} adds), exit ${f.sessionExit}`,
  );
  console.log(
    `  one-shot chat "/add" (process start to exit): median ${ms(quantile(f.oneShotLatencies, 0.5))}, max ${ms(Math.max(0, ...f.oneShotLatencies))}, exits ${f.oneShotExits.join(',')}`,
  );
  console.log(`  scan exit ${f.scanExit}`);
  for (const line of f.stderr) console.log(`  ! ${line.split('\n')[0]}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await importBesideWritersScenario();
