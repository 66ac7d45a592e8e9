import type { ZodType } from 'zod';
import { ProviderError, type ProviderErrorKind } from '../shared/errors';

// Turning what a provider answered into typed errors: by HTTP status, by a payload that does not
// match its schema (with a short excerpt for the log), and by a refused key.

export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  return 'http';
}

/** A short piece of a bad payload for the log: enough to recognise, never the whole body. */
export function excerpt(body: unknown, max = 200): string {
  const s = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body));
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Validate a raw payload; a mismatch is a typed `malformed` error with the first issues and an excerpt. */
export function parsePayload<T>(provider: string, schema: ZodType<T>, data: unknown, what = 'payload'): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new ProviderError(provider, 'malformed', {
    message: `${provider}: malformed ${what}: ${issues}`,
    excerpt: excerpt(data),
  });
}

/**
 * A keyed provider's refusal, reworded so the user learns which secret to check. Other errors pass
 * through unchanged (rethrow the result).
 */
export function keyRefused(err: unknown, provider: string, secret: string): unknown {
  if (!(err instanceof ProviderError) || err.kind !== 'unauthorized') return err;
  const detail = err.status ? `HTTP ${err.status}` : err.message.replace(new RegExp(`^${provider}: `), '');
  return new ProviderError(provider, 'unauthorized', {
    status: err.status,
    excerpt: err.excerpt,
    cause: err,
    message: `${provider}: the API key was refused (${detail}); check ${secret}`,
  });
}
