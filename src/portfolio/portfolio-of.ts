import { z } from 'zod';
import type { CommandServices } from '../chat/command-types';
import { UsageError } from '../shared/errors';
import type { PortfolioService } from './portfolio.service';

// What /buy, /sell, /portfolio and /dips share: the portfolio service (attached to the command
// services by src/main.ts) and the number words they read.

export function portfolioOf(services: CommandServices): PortfolioService {
  const portfolio = (services as CommandServices & { portfolio?: PortfolioService }).portfolio;
  if (!portfolio) throw new UsageError('Positions are not set up in this process.');
  return portfolio;
}

/** `100`, `2.5`, `$43.03`, `1,000` → a positive number */
export const positiveNumberArg = (name: string) =>
  z.string().transform((raw, ctx) => {
    const cleaned = raw.replace(/^\$/, '').replace(/,/g, '');
    const n = Number(cleaned);
    if (!/^\d*\.?\d+$/.test(cleaned) || !Number.isFinite(n) || n <= 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${name} must be a positive number, not "${raw}"` });
      return z.NEVER;
    }
    return n;
  });
