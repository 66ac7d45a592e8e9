import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The folder holding package.json, config/, migrations/ and assets/. Found by walking up rather than a
// fixed '../..': this file runs from src/shared/ under tsx and from dist/chunks/ once bundled.

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const packageRoot = findPackageRoot(import.meta.dirname);

/** A path inside the package, e.g. `fromPackageRoot('migrations')`. */
export const fromPackageRoot = (...parts: string[]): string => join(packageRoot, ...parts);
