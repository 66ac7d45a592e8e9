import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../shared/errors';

// An output file given on the command line is checked before any work is done: a backtest that ran for
// minutes (and was recorded) must not end in a stack trace because --json named a folder that is not there.

/** `path` when its folder exists and it is not itself a folder; else a usage error naming the flag. */
export function checkedOutPath(path: string, flag: string): string {
  const folder = dirname(resolve(path));
  const dir = statSync(folder, { throwIfNoEntry: false });
  if (!dir?.isDirectory())
    throw new UsageError(`${flag} ${path}: the folder ${folder} does not exist — create it or pick another path`);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`${flag} ${path} is a folder: give a file name`);
  return path;
}
