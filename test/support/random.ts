// A seeded pseudo-random generator (mulberry32) for property-style tests: a failure reproduces from
// its seed instead of vanishing on the next run.
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Missing and hostile numbers a metric must survive. */
export const EXTREMES = [
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  -1,
  1e-12,
  1e12,
  -1e12,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
] as const;
