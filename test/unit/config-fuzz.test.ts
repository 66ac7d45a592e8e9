import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configViolations } from '../../src/config/config-invariants';
import { loadConfig } from '../../src/config/load-config';
import { ConfigError } from '../../src/shared/errors';

// Issue 14's config fuzz: any value of any type in any key, through the environment layer as an operator
// would set it (SQUEEZEBOT_CFG__section__key, YAML-parsed), and junk secrets (SMTP_URL): config load
// either gives a config every invariant holds for, or refuses with a ConfigError naming the key — never
// another error (a crash at start with a stack), never a config that breaks a rule.

type Leaf = [path: string[], value: unknown];
function leaves(tree: unknown, path: string[] = []): Leaf[] {
  if (tree && typeof tree === 'object' && !Array.isArray(tree))
    return Object.entries(tree).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [[path, tree]];
}
const KEYS = leaves(loadConfig({ env: {} }).config)
  .map(([p]) => p)
  // baskets are user-named groups: any name is a valid key
  .filter((p) => p[0] !== 'baskets');

const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom('NaN', '-1', '0', '1e400', 'true', 'null', '[]', '{}', '[1, 2]', '"x"', '~', '0x1F', '1_000'),
  fc.constantFrom('America/New_York', 'Mars/Olympus', 'EST', 'UTC', '+05:00', 'Etc/GMT+5'),
  fc.constantFrom('http://127.0.0.1:9', 'ftp://x', 'not a url', 'https://', 'http://[::1', ''),
  fc.constantFrom('09:30', '25:00', '9:5', '*/5 * * * *', 'daily', 'weekly'),
);

function outcome(env: Record<string, string>): { ok: true } | { ok: false; issues: string[] } {
  try {
    const { config } = loadConfig({ env });
    expect(configViolations(config)).toEqual([]);
    return { ok: true };
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, issues: err.issues };
    throw err;
  }
}

describe('config fuzz', () => {
  it('one to three keys set to anything: a valid config or a ConfigError naming a key it was given', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...KEYS), junk), { minLength: 1, maxLength: 3 }), (sets) => {
        const env = Object.fromEntries(sets.map(([p, v]) => [`SQUEEZEBOT_CFG__${p.join('__')}`, v]));
        const r = outcome(env);
        if (!r.ok) {
          const given = sets.map(([p]) => p.join('.'));
          // each issue names a key; at least one of them is a key this run set (or a rule's other side)
          expect(r.issues.every((i) => /^[a-z_]+(\.[a-z0-9_]+)*(\.\d+)?: /.test(i))).toBe(true);
          expect(r.issues.some((i) => given.some((g) => i.startsWith(g.split('.').slice(0, 2).join('.'))))).toBe(true);
        }
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it('an SMTP_URL of any shape: usable, or refused in words that never repeat its password', () => {
    const pass = 'Pw-9f8e7d';
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 10 }), (host, tail) => {
        const url = `smtp://user:${pass}@${host}${tail}`;
        const r = outcome({ SMTP_URL: url });
        if (!r.ok) expect(r.issues.join('\n')).not.toContain(pass);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
