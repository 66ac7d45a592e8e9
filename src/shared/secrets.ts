// Every configured secret, in every form it travels in, replaced by [redacted] in any text that leaves
// the process: log lines, error messages and payload excerpts, error text kept in the store, chat
// replies and CLI output. Key names (pino's redact paths) are not enough: an upstream that echoes the
// request puts the key into an error body, a URL into a deprecation warning, a token into a stack.
//
// The forms: the value itself, URL-encoded (query strings, userinfo), base64 (a header or a body that
// carries it encoded), and base64 of the pairs HTTP basic auth and SMTP AUTH send (`id:secret`,
// `\0user\0pass`). Registered once per process from the loaded secrets; the set only grows.

export const REDACTED = '[redacted]';

/** shorter values (a "1" port, an empty user) would scrub ordinary text: not treated as secrets */
const MIN_LENGTH = 4;

const forms = new Set<string>();
let ordered: string[] = [];

function add(value: string | undefined): void {
  if (!value || value.length < MIN_LENGTH) return;
  const base64 = Buffer.from(value, 'utf8').toString('base64');
  for (const f of [value, encodeURIComponent(value), base64, base64.replace(/=+$/, '')])
    if (f.length >= MIN_LENGTH) forms.add(f);
}

/**
 * Registers secret values, and credential pairs (user, secret) whose joined forms are secrets too
 * (the user alone is not: an SMTP user is often the sender address shown to users).
 */
export function registerSecrets(
  values: (string | undefined)[],
  pairs: [string | undefined, string | undefined][] = [],
) {
  for (const v of values) add(v);
  for (const [user, secret] of pairs) {
    if (!secret) continue;
    add(secret);
    add(`${user ?? ''}:${secret}`);
    add(`\0${user ?? ''}\0${secret}`);
  }
  // longest first: a value that contains another is replaced whole, not left half-shown
  ordered = [...forms].sort((a, b) => b.length - a.length);
}

/** The text with every registered secret form replaced by [redacted]. */
export function scrubSecrets(text: string): string {
  if (!ordered.length || !text) return text;
  let out = text;
  for (const f of ordered) if (out.includes(f)) out = out.split(f).join(REDACTED);
  return out;
}

/**
 * The user and password of a connection URL, as written and decoded, without throwing on one that
 * does not parse (it may be the malformed URL config validation is about to refuse).
 */
export function urlCredentials(raw: string | undefined): { user?: string; pass?: string; passAsWritten?: string } {
  const m = raw ? /^[a-z][a-z0-9+.-]*:\/\/([^@/?#]*)@/i.exec(raw) : null;
  if (!m) return {};
  const [user, ...rest] = m[1]!.split(':');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const passAsWritten = rest.length ? rest.join(':') : undefined;
  return { user: decode(user!), pass: passAsWritten && decode(passAsWritten), passAsWritten };
}

/** Forgets every registered secret (tests). */
export function clearSecretsForTest(): void {
  forms.clear();
  ordered = [];
}
