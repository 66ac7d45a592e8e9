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

/**
 * One refused config value with what it takes to say so in words (src/present/labels/setting-problems.ts):
 * a value the schema refused (zod's issue code and bounds), a rule between two keys, or any other message.
 */
export type SettingProblem =
  | {
      kind: 'value';
      key: string;
      code: string;
      minimum?: number;
      maximum?: number;
      inclusive?: boolean;
      options?: readonly string[];
      message: string;
    }
  | {
      kind: 'rule';
      key: string;
      other?: string;
      /** key's value against other's: at least / at most / below / above it */
      relation?: 'at_least' | 'at_most' | 'below' | 'above';
      value?: unknown;
      otherValue?: unknown;
      message: string;
    }
  | { kind: 'other'; key: string; message: string };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly issues: string[],
    /** the same issues, structured, without the layer each came from */
    readonly problems: readonly SettingProblem[] = [],
  ) {
    super(`invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

/** What a setting accepts, read from the schema: the refusal says it and gives an example. */
export type SettingShape =
  | { type: 'number'; int: boolean; min?: number; max?: number; minExclusive?: boolean }
  | { type: 'boolean' }
  | { type: 'enum'; options: readonly string[] }
  | { type: 'list'; options?: readonly string[] }
  | { type: 'text' }
  | { type: 'unknown' };

/**
 * A /set or /reset the config layers refused. The message (technical, for the log) names the issues; the
 * chat shows settingRefusalText(err) instead, in words.
 */
export class SettingRefused extends UsageError {
  constructor(
    readonly action: 'set' | 'reset',
    readonly key: string,
    readonly rawValue: string | null,
    readonly problems: readonly SettingProblem[],
    readonly shape: SettingShape,
    /** the value in effect now, for the example */
    readonly current: unknown,
    message: string,
  ) {
    super(message);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
