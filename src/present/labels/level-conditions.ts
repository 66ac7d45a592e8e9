import { CONDITION_LABEL } from '../../signals/scoring/alert-level';

export { CONDITION_LABEL };
import { keyWords } from '../../shared/key-words';

// The alert levels' conditions in words, and the notes the level engine writes (and the store keeps) in
// its machine form — `min_finra_si_percent skipped: no short-interest report` — as a trader reads them.

export const LEVEL_LABEL: Readonly<Record<string, string>> = { high: 'High', medium: 'Medium', low: 'Low' };

export function conditionLabel(condition: string): string {
  return (CONDITION_LABEL as Record<string, string>)[condition] ?? keyWords(condition);
}

/** Why the engine skipped a condition (alert-level.ts) → words; the first pattern that matches wins. */
const SKIP_WHY: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^no short-interest report$/, () => 'no short-interest report yet'],
  [
    /^short-interest report is (-?\d+) days old, outside finra_max_age_days$/,
    (m) => `the short-interest report is ${m[1]} days old, too old to count`,
  ],
  [/^float unknown, so short interest % of float is unknown(.*)$/, (m) => `the float is unknown${m[1] ?? ''}`],
  [/^no volume spike ratio \((.*)\)$/, (m) => `no volume spike figure (${m[1]})`],
  [/^no sentiment data$/, () => 'no sentiment data'],
];

/** A skip reason the table does not know still loses its config keys. */
const unkeyed = (text: string) => text.replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g, (k) => keyWords(k));

function skipWhy(why: string): string {
  for (const [re, words] of SKIP_WHY) {
    const m = re.exec(why);
    if (m) return words(m);
  }
  return unkeyed(why);
}

/**
 * One stored level note in words: `min_sentiment skipped: no sentiment data` → `sentiment not checked: no
 * sentiment data`; `high needs: …` → `High level needs: …`. Anything else keeps its text, keys unkeyed.
 */
export function levelNoteText(note: string): string {
  const skipped = /^([a-z_]+) skipped: (.*)$/s.exec(note);
  if (skipped) return `${conditionLabel(skipped[1]!)} not checked: ${skipWhy(skipped[2]!)}`;
  const needs = /^(high|medium|low) needs: (.*)$/s.exec(note);
  if (needs) return `${LEVEL_LABEL[needs[1]!]} level needs: ${needs[2]}`;
  return unkeyed(note);
}

export const levelNotesText = (notes: readonly string[]): string[] => notes.map(levelNoteText);
