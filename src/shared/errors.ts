import { scrubSecrets } from './secrets';

// Typed errors: a kind the code can branch on, a cause for the log, and for user-facing errors
// the message the chat or the CLI shows as it is.

export type ProviderErrorKind =
  | 'network'
  | 'timeout'
  | 'http'
  | 'rate_limited'
  | 'unauthorized'
  | 'not_found'
  | 'malformed'
  | 'circuit_open'
  | 'not_configured';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly provider: string,
    readonly kind: ProviderErrorKind,
    options: { message?: string; cause?: unknown; status?: number; excerpt?: string } = {},
  ) {
    // an upstream that echoes the request puts a key into its error body: never kept, never shown
    super(scrubSecrets(options.message ?? `${provider}: ${kind}`), { cause: options.cause });
    this.status = options.status;
    this.excerpt = options.excerpt === undefined ? undefined : scrubSecrets(options.excerpt);
  }
  readonly status: number | undefined;
  /** A short piece of the offending payload, for the log (never the whole body). */
  readonly excerpt: string | undefined;
}

/** A file that cannot be imported: rejected whole, naming the line and the problem. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}: ${reason}`);
  }
}

/** Wrong input from a user: the message is what they see. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
