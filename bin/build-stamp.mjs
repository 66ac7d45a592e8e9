// Is dist/ current? The build records every file it bundled (esbuild's metafile) with its mtime and size
// in dist/build-stamp.json; a stat of each (~400 files, a few ms) says whether one changed since. A new
// source file only counts once an existing one imports it, and that edit changes the importer.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP_FILE = 'build-stamp.json';

/** `{ path: [mtimeMs, size] }` for files relative to `root`; a missing file is left out. */
export function fileStamps(root, files) {
  const stamps = {};
  for (const file of files) {
    try {
      const s = statSync(join(root, file));
      stamps[file] = [s.mtimeMs, s.size];
    } catch {
      // gone: the stamp check will see it missing
    }
  }
  return stamps;
}

/** Why dist/ under `root` must be rebuilt, or null when every bundled file is as it was built. */
export function staleReason(root, distDir = join(root, 'dist')) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(distDir, STAMP_FILE), 'utf8'));
  } catch {
    return 'no build yet';
  }
  for (const [file, [mtimeMs, size]] of Object.entries(stamp.inputs ?? {})) {
    let s;
    try {
      s = statSync(join(root, file));
    } catch {
      return `${file} is gone`;
    }
    // not only newer: a file put back to an older copy (git stash, cp -p) must rebuild too
    if (s.mtimeMs !== mtimeMs || s.size !== size) return `${file} changed`;
  }
  return null;
}
