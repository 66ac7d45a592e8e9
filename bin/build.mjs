#!/usr/bin/env node
// Bundles src/cli.ts into dist/ (ESM, node20, packages left to node_modules), one chunk per verb so a
// start loads only its verb. Runs on `npm install` (prepare), from bin/squeezebot.mjs and vitest's
// globalSetup whenever dist/ is stale. `node bin/build.mjs --if-stale` builds only then.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileStamps, staleReason, STAMP_FILE } from './build-stamp.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
// the build's own code and settings: a change there rebuilds as a source change does
const BUILD_FILES = ['bin/build.mjs', 'bin/build-stamp.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
// Packages bundled into dist/ rather than imported from node_modules at run time: each is hundreds
// of small ES modules whose resolution and loading was most of a cold start (drizzle-orm alone ~60 ms).
// Pure JavaScript only; native addons (better-sqlite3, @napi-rs/canvas) and packages that start
// workers by file name (pino) stay external. An upgrade shows in package-lock.json, which rebuilds.
const BUNDLED = ['drizzle-orm', 'zod'];
// chunks another process may still import lazily (a running bot) stay this long after they leave a build
const KEEP_OLD_MS = 24 * 3600_000;

/** Writes `contents` to `path` whole: a process starting meanwhile sees the old file or the new one. */
function writeWhole(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

export async function build({ root = ROOT, distDir = DIST } = {}) {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    absWorkingDir: root,
    // the PostgreSQL store's worker thread is started by file name (src/db/pg/sync-pg.ts)
    entryPoints: { cli: 'src/cli.ts', 'pg-worker': 'src/db/pg/pg-worker.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [externalExcept(BUNDLED)],
    sourcemap: true,
    outdir: distDir,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  // chunks first, the entry last: a concurrent start never imports a chunk not yet written
  const entry = join(distDir, 'cli.js');
  const files = [...result.outputFiles].sort((a, b) => (a.path === entry) - (b.path === entry));
  for (const f of files) writeWhole(f.path, f.contents);
  const written = new Set(files.map((f) => f.path));
  pruneOld(distDir, written);
  const sources = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  const inputs = fileStamps(root, [...sources, ...BUILD_FILES]);
  writeWhole(join(distDir, STAMP_FILE), JSON.stringify({ inputs }, null, 1));
  return { files: written.size, inputs: Object.keys(inputs).length };
}

/** Every bare import (a package) external, except those named and their subpaths. */
function externalExcept(bundled) {
  return {
    name: 'external-except',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        if (bundled.includes(name) && args.kind !== 'entry-point') return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

function pruneOld(distDir, keep) {
  const dir = join(distDir, 'chunks');
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (keep.has(path)) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { force: true });
    } catch {
      // another build pruned it first
    }
  }
}

/** Builds when dist/ is stale; returns why it built, or null. */
export async function buildIfStale(options = {}) {
  const root = options.root ?? ROOT;
  const reason = staleReason(root, options.distDir ?? join(root, 'dist'));
  if (reason) await build(options);
  return reason;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const ifStale = process.argv.includes('--if-stale');
  const reason = ifStale ? await buildIfStale() : (await build(), 'asked');
  if (reason) {
    // stderr: `npm install` and the test run show it, a piped CLI's stdout stays clean
    console.error(
      `squeezebot: built ${relative(process.cwd(), DIST) || 'dist'} (${reason}) in ${Date.now() - started} ms`,
    );
  }
}
