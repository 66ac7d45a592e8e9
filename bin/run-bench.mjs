#!/usr/bin/env node
// `npm run bench`: figures, not pass/fail timers. Runs test/bench/run.ts through tsx.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
const script = fileURLToPath(new URL('../test/bench/run.ts', import.meta.url));
const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
