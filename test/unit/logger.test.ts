import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from '../../src/shared/logger';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines };
}

describe('secrets in logs', () => {
  it('redacts keys, tokens and the SMTP password wherever they ride', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        provider: { apiKey: 'pk_live_123' },
        telegram: { token: '123:ABC' },
        smtp: { pass: 'hunter2' },
        secrets: { FMP_API_KEY: 'x' },
      },
      'configured',
    );
    const text = lines.join('');
    for (const secret of ['pk_live_123', '123:ABC', 'hunter2', '"x"']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('strips credentials from provider URLs', () => {
    expect(redactUrl('https://api.polygon.io/v2/aggs?adjusted=true&apiKey=SECRET')).toBe(
      'https://api.polygon.io/v2/aggs?adjusted=true&apiKey=[redacted]',
    );
    expect(redactUrl('https://finnhub.io/api/v1/x?token=abc&symbol=GME')).toBe(
      'https://finnhub.io/api/v1/x?token=[redacted]&symbol=GME',
    );
    expect(redactUrl('https://financialmodelingprep.com/api/v3/stock-screener?apikey=k')).toBe(
      'https://financialmodelingprep.com/api/v3/stock-screener?apikey=[redacted]',
    );
  });
});
