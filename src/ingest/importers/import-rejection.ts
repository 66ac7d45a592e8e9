import { ParseError, errorMessage } from '../../shared/errors';
import type { FileResult } from './import-report';
import { LineTooLongError } from './read-lines';

// Why a file is not imported, and what its result says then: a rejection names the line to blame,
// a database write failure is not the file's fault and undoes the open slice of the import.

/** A file rejected whole: the line to blame (when there is one) and the problem. */
export class Rejection extends Error {
  constructor(
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A write of a checked file that failed: importPaths rolls back the open slice and stops. */
export class DatabaseWriteError extends Error {
  constructor(path: string, cause: unknown) {
    super(`database write failed while importing ${path}: ${errorMessage(cause)}`, { cause });
  }
}

function rejectionOf(err: unknown): Rejection {
  if (err instanceof Rejection) return err;
  if (err instanceof ParseError) return new Rejection(err.line, err.reason);
  if (err instanceof LineTooLongError) return new Rejection(err.lineNo, err.message);
  return new Rejection(null, errorMessage(err));
}

/** Clears what a failed file had counted and says why it was skipped or rejected. */
export function markFailed(result: FileResult, err: unknown): void {
  result.rows = 0;
  result.symbols = 0;
  result.firstDate = result.lastDate = null;
  result.checksum = undefined;
  // no line break where a header should be: a binary or garbage file. Rejected, not skipped: a file handed
  // to import that cannot be read is a failure the exit code must show, unlike a known file kept elsewhere
  const rejection =
    err instanceof LineTooLongError && result.kind === null
      ? new Rejection(err.lineNo, `not a text file: no line break in the first ${err.maxChars} characters`)
      : rejectionOf(err);
  result.status = 'rejected';
  result.line = rejection.line ?? undefined;
  result.error = rejection.line !== null ? `line ${rejection.line}: ${rejection.reason}` : rejection.reason;
}
