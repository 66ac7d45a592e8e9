import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './stats';

// CLI cold start as a user waits for it: a fresh `node bin/squeezebot.mjs` to its exit, against a bare
// `node -e 0` timed in the same loop (alternating, so machine noise hits all three alike). Target: ≤ 6× node.

const BIN = resolve(import.meta.dirname, '../../bin/squeezebot.mjs');

function timeOnce(args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // `import` of an empty folder exits 0 or 1 (nothing imported); a crash or a signal is a broken bench
  if (r.status === null || r.status > 1) throw new Error(`${args.join(' ')} failed: ${r.stderr.toString()}`);
  return ms;
}

const round = (x: number) => Math.round(x * 10) / 10;

export async function benchStartup(options: { runs?: number } = {}) {
  const runs = options.runs ?? 15;
  const dir = mkdtempSync(join(tmpdir(), 'sqb-startup-'));
  try {
    const empty = join(dir, 'empty');
    spawnSync('mkdir', [empty]);
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, SQUEEZEBOT_LOG_LEVEL: 'error' };
    const db = join(dir, 'warm.db');
    const importArgs = (path: string) => [BIN, 'import', empty, '--db', path];
    // first run on a fresh db (migrations applied), each on its own new file, apart from the warm figures;
    // the first of them also builds dist/ if it is stale, so it is not counted
    timeOnce(importArgs(db), env);
    const fresh: number[] = [];
    for (let i = 0; i < Math.min(runs, 5); i++) fresh.push(timeOnce(importArgs(join(dir, `fresh-${i}.db`)), env));
    const node: number[] = [];
    const help: number[] = [];
    const imp: number[] = [];
    for (let i = 0; i < runs; i++) {
      node.push(timeOnce(['-e', '0'], env));
      help.push(timeOnce([BIN, '--help'], env));
      imp.push(timeOnce(importArgs(db), env));
    }
    const ratio = (xs: number[]) => round(median(xs.map((x, i) => x / node[i]!)));
    return {
      runs,
      node_e0_ms: round(median(node)),
      help_ms: round(median(help)),
      import_empty_ms: round(median(imp)),
      import_empty_fresh_db_ms: round(median(fresh)),
      help_ratio_to_node: ratio(help),
      import_empty_ratio_to_node: ratio(imp),
      target: 'help and import ≤ 300 ms and ≤ 6× node -e 0',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
