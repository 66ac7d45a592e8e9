import pino, { type Logger } from 'pino';

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

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { app: 'squeezebot' },
    },
    options.destination ?? pino.destination(2),
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
