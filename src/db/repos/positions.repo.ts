import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { positionTrades } from '../schema';
import type { PositionTrade } from '../../domain/positions';

// The /buy and /sell ledger. Positions are folded from it (src/portfolio/position-ledger.ts).

export type TradeInsert = Omit<typeof positionTrades.$inferInsert, 'id'>;

function toTrade(r: typeof positionTrades.$inferSelect): PositionTrade & { userId: string } {
  return {
    id: r.id,
    userId: r.userId,
    symbol: r.symbol,
    side: r.side,
    quantity: r.quantity,
    price: r.price,
    tradeDate: r.tradeDate,
    thesis: r.thesis,
    thesisMetrics: r.thesisMetrics ?? null,
  };
}

export function createPositionsRepo(db: Db) {
  return {
    insert(row: TradeInsert): number {
      return db.insert(positionTrades).values(row).returning({ id: positionTrades.id }).get().id;
    },
    /** One user's trades, oldest first (optionally of one symbol). */
    tradesOf(userId: string, symbol?: string): PositionTrade[] {
      const where = symbol
        ? and(eq(positionTrades.userId, userId), eq(positionTrades.symbol, symbol))
        : eq(positionTrades.userId, userId);
      return db.select().from(positionTrades).where(where).orderBy(asc(positionTrades.id)).all().map(toTrade);
    },
    /** Every user's trades, oldest first: the scan folds them per user. */
    allTrades(): (PositionTrade & { userId: string })[] {
      return db.select().from(positionTrades).orderBy(asc(positionTrades.id)).all().map(toTrade);
    },
  };
}

export type PositionsRepo = ReturnType<typeof createPositionsRepo>;
