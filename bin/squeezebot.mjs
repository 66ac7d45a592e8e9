#!/usr/bin/env node
// Runs the bundle in dist/ (bin/build.mjs), rebuilt first when a bundled source changed since, so a
// source edit shows on the next run with no build step; SQUEEZEBOT_FROM_SOURCE=1 runs src/ through tsx.
import { staleReason } from './build-stamp.mjs';

// `squeezebot import ... | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const root = new URL('..', import.meta.url);
let cli;
if (process.env.SQUEEZEBOT_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli.ts');
} else {
  if (staleReason(root.pathname)) await (await import('./build.mjs')).buildIfStale();
  cli = await import('../dist/cli.js');
}
process.exitCode = await cli.main(process.argv.slice(2));
