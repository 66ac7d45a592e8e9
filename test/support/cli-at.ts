import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { CliResult } from './cli';

// The CLI as `npm start` runs it, at a fixed instant and with piped input: `node bin/squeezebot.mjs
// <verb>` with Date shifted to `now` (shifted-clock.ts, preloaded) and `input` written to its stdin,
// which is then closed — so `start` sees a pipe, answers each line and exits at EOF.

const SHIFT = resolve(import.meta.dirname, 'shifted-clock.ts');
// cli.ts's BIN, not imported from there: that module pulls in vitest, and this one runs outside it too
const BIN = resolve(import.meta.dirname, '../../bin/squeezebot.mjs');

export async function runCliAt(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { now: string; input?: string; timeoutMs?: number },
): Promise<CliResult & { ms: number; lines: { at: number; text: string }[] }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', SHIFT, BIN, ...args], {
    env: { ...env, SQUEEZEBOT_TEST_NOW: options.now },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  // each stdout line with the (real) time it arrived, to place it against the server's requests
  const lines: { at: number; text: string }[] = [];
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    const parts = (partial + d).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) lines.push({ at: Date.now(), text });
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const code = await new Promise<number>((ok) => child.on('close', (c) => ok(c ?? -1)));
  clearTimeout(timer);
  if (partial) lines.push({ at: Date.now(), text: partial });
  return { code, stdout, stderr, ms: Date.now() - started, lines };
}
