#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx squeezebot` needs no build step.
import { register } from 'tsx/esm/api';

// `squeezebot import ... | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
