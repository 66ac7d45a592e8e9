import pino, { type Logger } from 'pino';
import { REDACTED, scrubSecrets } from './secrets';

export type { Logger };

// Secrets never reach a log line, whatever object they ride in.
export const REDACT_PATHS = [
  'apiKey',
  '*.apiKey',
  '*.api_key',
  '*.apikey',
  'token',
  '*.token',
  '*.accessToken',
  '*.access_token',
  'secret',
  '*.secret',
  '*.clientSecret',
  '*.password',
  '*.pass',
  'smtp.pass',
  '*.smtp.pass',
  'secrets',
  '*.secrets',
  'headers.authorization',
  '*.headers.authorization',
  '*.headers.cookie',
  'TELEGRAM_BOT_TOKEN',
  'POLYGON_API_KEY',
  'FMP_API_KEY',
  'FINNHUB_API_KEY',
  'FINRA_CLIENT_SECRET',
  'SMTP_PASS',
];

/**
 * Every line through the secret scrubber on its way out: redact paths catch keys by name, this catches
 * a secret's value wherever it rides (an echoed request in an error excerpt, a URL in a message).
 */
export function scrubbingStream(dest: pino.DestinationStream): pino.DestinationStream {
  // flush/flushSync passed through: pino and the exit path call them on the stream they were given
  const d = dest as pino.DestinationStream & { flush?: (cb?: () => void) => void; flushSync?: () => void };
  return {
    write: (line: string) => d.write(scrubSecrets(line)),
    ...(d.flush ? { flush: (cb?: () => void) => d.flush!(cb) } : {}),
    ...(d.flushSync ? { flushSync: () => d.flushSync!() } : {}),
  };
}

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      base: { app: 'squeezebot' },
    },
    scrubbingStream(options.destination ?? pino.destination(2)),
  );
}

/**
 * Query-string keys that carry credentials in provider URLs (Polygon apiKey, FMP apikey, Finnhub token, Yahoo
 * crumb).
 */
const SECRET_PARAMS = /([?&](?:apikey|apiKey|api_key|token|crumb)=)[^&]*/g;
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}
