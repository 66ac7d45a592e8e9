// The last resort for a machine key nobody labelled: snake_case → words, with the abbreviations
// spelled out, so even a new key never reaches a user as `min_finra_si_percent`.

const TOKEN: Readonly<Record<string, string>> = {
  min: 'minimum',
  max: 'maximum',
  si: 'short interest',
  finra: 'FINRA',
  rsi: 'RSI',
  etf: 'ETF',
  etfs: 'ETFs',
  adv: 'average daily volume',
  avg: 'average',
  pct: '%',
  percent: '%',
  ms: 'ms',
  ttl: 'lifetime',
  id: 'ID',
  ids: 'IDs',
  url: 'URL',
  smtp: 'SMTP',
  api: 'API',
  z: 'z-score',
  '24h': '(24 h)',
  n: 'N',
  adhoc: 'ad-hoc',
};

/** `min_volume_spike_ratio` → `minimum volume spike ratio`. */
export function keyWords(key: string): string {
  return key
    .split(/[_.]+/)
    .filter(Boolean)
    .map((t) => TOKEN[t] ?? t)
    .join(' ');
}
