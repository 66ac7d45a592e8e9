import type { DipAlertInput, DipAlertResult } from '../alerts/alert.service';
import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import { calendarDaysBetween } from '../market/iso-date';
import { lastTradingDayOnOrBefore } from '../market/trading-calendar';
import type { Clock } from '../shared/clock';
import { errorMessage, UsageError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { analyseDip, lastClose, thesisNow, type DipAnalysis } from './dip-analysis';
import { dipAlertTitle, dipBlockHtml } from './dip-message';
import { dipSummary, type DipSummary } from './dip-summary';
import { createIntradayWatch, type IntradayStats, type IntradayWatchDeps } from './intraday-watch';
import { foldTrades, valuePosition, type Position, type Valuation } from './position-ledger';
import type { PositionTrade } from '../domain/positions';

// Positions per user (/buy, /sell, /portfolio) and the buy-the-dip scan (/dips, and the scheduler).
// Quantities and P&L use AVERAGE COST (src/portfolio/position-ledger.ts).
//
// For the scheduler (src/scheduler): `scanDips(asOf)` after the close, `intradayWatch(now)` every 5 minutes
// in market hours (the same dip check at the live price).
// Both analyse every open position of every user and queue a buy-more alert through
// the alert engine for each BUY_MORE (kind 'dip', its own cooldown: alerting.cooldown.dip_alert_days),
// so calling it every 5 minutes alerts a position once per cooldown, not once per call.

export interface PortfolioDeps {
  repos: Repos;
  settings: Settings;
  clock: Clock;
  logger: Logger;
  /** the alert engine's dip alerts; without it the scan only reports */
  alerts?: { dip(input: DipAlertInput): DipAlertResult };
  /** live quotes for the intraday watch (the Polygon client); absent without POLYGON_API_KEY */
  quotes?: IntradayWatchDeps['quotes'];
}

export interface PortfolioRow {
  position: Position;
  valuation: Valuation;
  closeDate: string | null;
  daysHeld: number;
}

export interface ScanResult {
  asOf: string;
  dips: DipAnalysis[];
  alerted: { userId: string; symbol: string; alertId: number }[];
  suppressed: { userId: string; symbol: string; until: string }[];
  failed: { userId: string; symbol: string; error: string }[];
}

export function createPortfolioService(deps: PortfolioDeps) {
  const { repos, clock } = deps;
  const snapshot = () => ({ repos, config: deps.settings.current() });
  const log = deps.logger.child({ component: 'portfolio' });
  const repo = repos.positions;

  function openPosition(userId: string, symbol: string): Position | undefined {
    return foldTrades(repo.tradesOf(userId, symbol)).open[0];
  }

  /** Every user's open positions. */
  function openPositions(): { userId: string; position: Position }[] {
    const byUser = new Map<string, PositionTrade[]>();
    for (const t of repo.allTrades()) byUser.set(t.userId, [...(byUser.get(t.userId) ?? []), t]);
    return [...byUser].flatMap(([userId, trades]) => foldTrades(trades).open.map((position) => ({ userId, position })));
  }

  /**
   * One position's dip check; a BUY_MORE queues the buy-more alert (kind 'dip', its cooldown). `price`
   * overrides the last close.
   */
  async function checkDip(
    userId: string,
    p: Position,
    asOf: string,
    into: Omit<ScanResult, 'asOf' | 'failed'>,
    price?: number,
  ) {
    const a = await analyseDip(userId, p, asOf, snapshot(), { price });
    if (!a) return 'none' as const;
    into.dips.push(a);
    if (a.decision.action !== 'BUY_MORE' || !deps.alerts) return 'none' as const;
    const r = deps.alerts.dip({
      userId,
      symbol: a.symbol,
      asOf: a.day,
      title: dipAlertTitle(a),
      score: a.now?.score ?? null,
      html: (id) => dipBlockHtml(a, { alertId: id }),
    });
    if (r.alert) {
      into.alerted.push({ userId, symbol: a.symbol, alertId: r.alert.id });
      return 'alerted' as const;
    }
    into.suppressed.push(r.suppressed);
    return 'suppressed' as const;
  }

  const quotes = deps.quotes;
  const watch = quotes
    ? createIntradayWatch({
        repos,
        logger: deps.logger,
        quotes,
        openPositions,
        checkDip: (userId, position, day, price) =>
          checkDip(userId, position, day, { dips: [], alerted: [], suppressed: [] }, price),
      })
    : null;

  return {
    /** Books a buy; the first buy of a position records the thesis metrics as of `asOf`. */
    async buy(userId: string, t: { symbol: string; quantity: number; price: number; thesis?: string; asOf: string }) {
      const day = lastTradingDayOnOrBefore(t.asOf);
      const opening = !openPosition(userId, t.symbol);
      const metrics = opening ? await thesisNow(t.symbol, day, snapshot()) : null;
      repo.insert({
        userId,
        symbol: t.symbol,
        side: 'buy',
        quantity: t.quantity,
        price: t.price,
        tradeDate: day,
        thesis: t.thesis ?? null,
        thesisMetrics: metrics,
        createdAt: clock.now().toISOString(),
      });
      log.info({ userId, symbol: t.symbol, quantity: t.quantity, price: t.price, opening }, 'position buy');
      return { opening, metrics, position: openPosition(userId, t.symbol)! };
    },
    /** Books a sell at average cost; refuses more shares than are held. */
    sell(userId: string, t: { symbol: string; quantity: number; price: number; asOf: string }) {
      const before = openPosition(userId, t.symbol);
      if (!before) throw new UsageError(`You hold no ${t.symbol}. /portfolio lists your positions.`);
      if (t.quantity > before.quantity + 1e-9)
        throw new UsageError(`You hold ${before.quantity} ${t.symbol}; you cannot sell ${t.quantity}.`);
      repo.insert({
        userId,
        symbol: t.symbol,
        side: 'sell',
        quantity: t.quantity,
        price: t.price,
        tradeDate: lastTradingDayOnOrBefore(t.asOf),
        createdAt: clock.now().toISOString(),
      });
      const realised = (t.price - before.avgCost) * t.quantity;
      log.info({ userId, symbol: t.symbol, quantity: t.quantity, price: t.price, realised }, 'position sell');
      return { realised, avgCost: before.avgCost, remaining: openPosition(userId, t.symbol) ?? null };
    },
    /** Open positions valued at the last close on or before `asOf`, and the realised P&L per symbol. */
    portfolio(userId: string, asOf: string): { rows: PortfolioRow[]; realisedBySymbol: Record<string, number> } {
      const ledger = foldTrades(repo.tradesOf(userId));
      const rows = ledger.open.map((position) => {
        const last = lastClose(repos, position.symbol, asOf);
        return {
          position,
          valuation: valuePosition(position, last?.close ?? null),
          closeDate: last?.date ?? null,
          daysHeld: Math.max(0, calendarDaysBetween(position.openedOn, lastTradingDayOnOrBefore(asOf))),
        };
      });
      return { rows, realisedBySymbol: ledger.realisedBySymbol };
    },
    /** One user's positions that are down at least portfolio.dip_threshold, analysed. */
    async dips(userId: string, asOf: string): Promise<{ dips: DipAnalysis[]; summary: DipSummary }> {
      const out: DipAnalysis[] = [];
      const open = foldTrades(repo.tradesOf(userId)).open;
      for (const p of open) {
        const a = await analyseDip(userId, p, asOf, snapshot());
        if (a) out.push(a);
      }
      return { dips: out, summary: dipSummary(open.length, out) };
    },
    /** Every user's dips on `asOf`, with buy-more alerts queued (see the header). One failure never stops the scan. */
    async scanDips(asOf: string): Promise<ScanResult> {
      const result: ScanResult = { asOf, dips: [], alerted: [], suppressed: [], failed: [] };
      for (const { userId, position: p } of openPositions()) {
        try {
          await checkDip(userId, p, asOf, result);
        } catch (err) {
          result.failed.push({ userId, symbol: p.symbol, error: errorMessage(err) });
          log.warn({ userId, symbol: p.symbol, err: errorMessage(err) }, 'dip analysis failed');
        }
      }
      log.info(
        {
          asOf,
          dips: result.dips.length,
          alerted: result.alerted.length,
          suppressed: result.suppressed.length,
          failed: result.failed.length,
        },
        'dip scan',
      );
      return result;
    },
    /**
     * The scheduler's 5-minute pass (src/portfolio/intraday-watch.ts); without a quote source
     * (POLYGON_API_KEY) it only reports that it is disabled.
     */
    async intradayWatch(now: Date): Promise<IntradayStats | { disabled: string }> {
      return watch ? watch(now) : { disabled: 'no quote source: set POLYGON_API_KEY' };
    },
  };
}

export type PortfolioService = ReturnType<typeof createPortfolioService>;
