import type { CommandServices } from '../chat/command-types';
import { UsageError } from '../shared/errors';
import type { PortfolioService } from './portfolio.service';

// What /buy, /sell, /portfolio and /dips share: the portfolio service (attached to the command
// services by src/main.ts).

export function portfolioOf(services: CommandServices): PortfolioService {
  const portfolio = (services as CommandServices & { portfolio?: PortfolioService }).portfolio;
  if (!portfolio) throw new UsageError('Positions are not set up in this process.');
  return portfolio;
}
