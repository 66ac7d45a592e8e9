import { dirname } from 'node:path';
import { ConfigError, UsageError, errorMessage } from '../shared/errors';
import { scrubSecrets } from '../shared/secrets';

// How a verb that failed is told: one line saying what went wrong and what to do, and an exit code
// from a short documented list — never a stack trace (README "Exit codes"). A stack is printed only
// with SQUEEZEBOT_DEBUG=1, and everything printed goes through the secret scrubber first.

export const EXIT = {
  ok: 0,
  /** the command ran and failed: bad configuration, an unreadable file, a store it cannot open */
  failed: 1,
  /** the command line was wrong: the usage line follows */
  usage: 2,
} as const;

type NodeError = Error & { code?: string; path?: string; syscall?: string };

/** One line (without the usage line) and the exit code for an error a verb threw. */
export function describeCliError(err: unknown): { line: string; code: number; usage: boolean } {
  if (err instanceof UsageError) return { line: err.message, code: EXIT.usage, usage: true };
  if (err instanceof ConfigError) return { line: err.message, code: EXIT.failed, usage: false };
  const e = err as NodeError;
  const failed = (line: string) => ({ line: scrubSecrets(line), code: EXIT.failed, usage: false });
  switch (e?.code) {
    case 'ENOENT':
      return failed(
        e.syscall === 'open' && e.path
          ? `cannot open ${e.path}: no such file, or its folder ${dirname(e.path)} does not exist — create the folder or pick another path`
          : `no such file or folder${e.path ? `: ${e.path}` : ''}`,
      );
    case 'EACCES':
    case 'EPERM':
      return failed(`permission denied${e.path ? ` on ${e.path}` : ''}: pick a path this user may write`);
    case 'EISDIR':
      return failed(`${e.path ?? 'the path'} is a folder: give a file name`);
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return failed(
        'the database file is not a squeezebot database (not SQLite, or damaged): check --db / $SQUEEZEBOT_DB, or move the file aside to start a new one',
      );
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return failed('the database stayed locked by another process past the busy timeout: try again in a moment');
    case 'SQLITE_CANTOPEN':
      return failed(
        'cannot open the database file: its folder is missing or not writable (check --db / $SQUEEZEBOT_DB)',
      );
    default:
      return failed(`failed: ${errorMessage(err)} (an unexpected error; SQUEEZEBOT_DEBUG=1 prints the stack)`);
  }
}

/** The stack, for SQUEEZEBOT_DEBUG=1 only. */
export function debugStack(err: unknown, env: NodeJS.ProcessEnv = process.env): string | null {
  return env.SQUEEZEBOT_DEBUG === '1' && err instanceof Error && err.stack ? scrubSecrets(err.stack) : null;
}
