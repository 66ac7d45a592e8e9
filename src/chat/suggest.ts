// "Did you mean /top?" for an unknown command: the nearest name by edit distance, when it is near
// enough to be a typo rather than a different word.

/** Levenshtein distance, with an adjacent swap counted as one edit (Damerau, optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The nearest of `names` to `input`, or null when none is within a third of the longer word (at least 1, at
 * most 3 edits).
 */
export function suggest(input: string, names: readonly string[]): string | null {
  const word = input.toLowerCase();
  let best: { name: string; d: number } | null = null;
  for (const name of names) {
    // a prefix is a strong hint: /wat → /watchlist
    const d = name.startsWith(word) && word.length >= 3 ? 0.5 : editDistance(word, name);
    if (!best || d < best.d) best = { name, d };
  }
  if (!best) return null;
  const allowed = Math.min(3, Math.max(1, Math.floor(Math.max(word.length, best.name.length) / 3)));
  return best.d <= allowed ? best.name : null;
}
