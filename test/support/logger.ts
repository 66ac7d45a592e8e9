import pino from 'pino';
import type { Logger } from '../../src/shared/logger';

/** A silent logger, or one that collects lines for assertions. */
export function testLogger(level: 'debug' | 'silent' = 'debug'): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level },
    { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) },
  ) as Logger & {
    lines: Record<string, unknown>[];
  };
  logger.lines = lines;
  return logger;
}
