import { wordArg } from './basic.args';
import { readAlertIdOrAll, readDuration, readSymbolOrAll } from './grammar';

// The words /mute, /unmute, /ack and the alert buttons read: a ticker or "all", a duration, an alert number.

/** `GME`, `$gme` → GME; `all` or `*` → '*' (every squeeze alert). */
export const tickerOrAllArg = wordArg(readSymbolOrAll);

/** `30m`, `12h`, `1d`, `2w`, or a bare number of days → milliseconds (at most a year); null otherwise. */
export function parseDuration(raw: string): number | null {
  const r = readDuration(raw, 'the duration');
  return r.ok ? r.value : null;
}

export const durationArg = wordArg((w) => readDuration(w, 'the duration'));

/** `12`, `#12` → 12; `all` → 'all'. */
export const alertIdOrAllArg = wordArg(readAlertIdOrAll);
