import type { SettingProblem, SettingRefused, SettingShape } from '../../shared/errors';
import { keyWords } from '../../shared/key-words';
import { levelOwner, sectionLabel, settingLabel, settingLeafLabel } from './settings';

// A refused /set or /reset in words: what the setting needs and an example that would work, or which
// rule between two settings the value breaks, with both values. The one place a config refusal becomes
// chat text; the validator's own wording and the layer tags stay in the log.

const num = (x: unknown) => (typeof x === 'number' ? String(+x.toPrecision(6)) : String(x));

/** `a number between 0 and 1`, `a whole number of at least 1`, `on or off`. */
export function shapeWords(shape: SettingShape): string {
  switch (shape.type) {
    case 'number': {
      const what = shape.int ? 'a whole number' : 'a number';
      const { min, max } = shape;
      if (min !== undefined && max !== undefined) return `${what} between ${num(min)} and ${num(max)}`;
      if (min !== undefined)
        return shape.minExclusive ? `${what} above ${num(min)}` : `${what} of at least ${num(min)}`;
      if (max !== undefined) return `${what} of at most ${num(max)}`;
      return what;
    }
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${shape.options.join(', ')}`;
    case 'list':
      return shape.options
        ? `a list of ${shape.options.join(', ')}, e.g. [${shape.options[0]}]`
        : 'a list, e.g. [a, b]';
    case 'text':
      return 'some text';
    case 'unknown':
      return 'another value';
  }
}

/** A value the setting takes: the one in effect now when it fits, else one inside the bounds. */
function example(shape: SettingShape, current: unknown): string | null {
  if (shape.type === 'number') {
    if (typeof current === 'number') return num(current);
    const lo = shape.min ?? 0;
    return num(shape.max !== undefined ? (lo + shape.max) / 2 : lo + 1);
  }
  if (shape.type === 'boolean') return typeof current === 'boolean' ? String(current) : 'true';
  if (shape.type === 'enum') return typeof current === 'string' ? current : (shape.options[0] ?? null);
  if (shape.type === 'list' && Array.isArray(current)) return `[${current.map(String).join(', ')}]`;
  if (shape.type === 'text' && typeof current === 'string' && current) return current;
  return null;
}

const RELATION: Readonly<Record<NonNullable<Extract<SettingProblem, { kind: 'rule' }>['relation']>, [string, string]>> =
  {
    at_least: ['at least', 'below'],
    at_most: ['at most', 'above'],
    below: ['below', 'not below'],
    above: ['above', 'not above'],
  };

/** The other key of a rule: `the maximum price ($)` beside a key of the same section, else its full label. */
function siblingLabel(key: string, other: string): string {
  const section = (k: string) => k.split('.').slice(0, -1).join('.');
  return section(key) === section(other) ? `the ${settingLeafLabel(other)}` : settingLabel(other);
}

function ruleText(p: Extract<SettingProblem, { kind: 'rule' }>): string {
  const label = settingLabel(p.key);
  if (p.relation && p.other) {
    const [must, is] = RELATION[p.relation];
    const owner = levelOwner(p.other) ?? siblingLabel(p.key, p.other);
    return `${label} must be ${must} ${owner} (${num(p.otherValue)}); ${num(p.value)} is ${is} it.`;
  }
  // a time zone or another rule of one key: its own message, keys unkeyed
  if (/time zone/.test(p.message)) return `${label} needs a time zone such as America/New_York.`;
  return `${label}: ${keyWords(p.message.replace(/[≥≤]/g, (c) => (c === '≥' ? 'at least' : 'at most')))}.`;
}

/** One problem of a refused value in words. `r` says which setting the user was changing. */
function problemText(r: SettingRefused, p: SettingProblem): string {
  if (p.kind === 'rule') return ruleText(p);
  if (p.kind === 'other') {
    const where = p.key ? sectionLabel(p.key) : 'The settings';
    return `${where}: ${p.message.replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g, (k) => keyWords(k))}.`;
  }
  // a value the schema refused: what the setting needs, and one that works
  const mine = p.key === r.key;
  const shape = mine ? r.shape : null;
  const label = settingLabel(p.key);
  const needs = shape && shape.type !== 'unknown' ? shapeWords(shape) : valueNeeds(p);
  const raw = mine ? r.rawValue : null;
  const why =
    raw === null
      ? ''
      : p.code === 'too_small'
        ? ` ${raw} is too small.`
        : p.code === 'too_big'
          ? ` ${raw} is too big.`
          : p.code === 'invalid_type' || p.code === 'invalid_enum_value'
            ? ` “${raw}” is not one.`
            : '';
  const ex = mine && shape ? example(shape, r.current) : null;
  return `${label} needs ${needs}${ex !== null ? `, e.g. /set ${r.key} ${ex}` : ''}.${why}`;
}

/** Without the schema's shape: the bounds the issue itself carries. */
function valueNeeds(p: Extract<SettingProblem, { kind: 'value' }>): string {
  if (p.code === 'invalid_enum_value' && p.options) return `one of ${p.options.join(', ')}`;
  if (p.minimum !== undefined) return `a value of at least ${num(p.minimum)}`;
  if (p.maximum !== undefined) return `a value of at most ${num(p.maximum)}`;
  return 'another kind of value';
}

/** The chat's reply to a refused /set or /reset. */
export function settingRefusalText(r: SettingRefused): string {
  const lines = r.problems.length ? r.problems.map((p) => problemText(r, p)) : ['That value does not fit.'];
  const unique = [...new Set(lines)];
  if (r.action === 'reset')
    return `${settingLabel(r.key)} can't go back to its default while other settings rely on it: ${unique.join(' ')}`;
  return unique.join('\n');
}
