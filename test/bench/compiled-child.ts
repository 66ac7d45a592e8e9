import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

// A benchmark child bundled the way bin/build.mjs bundles the CLI (ESM, node20, packages from
// node_modules), so what it measures — RSS above all — is the compiled bot's, not tsx's: tsx's own
// transpiler and module hooks add ~70 MB to a process. Written under bench-results/ (inside the
// package, so node_modules resolves; gitignored).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles `source` (a .ts child) and returns the path of the .mjs to run with plain node. */
export function compiledChild(source: string): string {
  const dir = join(ROOT, 'bench-results', 'compiled');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, basename(source).replace(/\.ts$/, '.mjs'));
  buildSync({
    entryPoints: [source],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
