import { and, count, desc, eq, gt, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { StageName } from '../../domain/runs';
import { endOfDayIso, writtenBy, type AsOf } from '../../market/as-of';
import { alertActions, alerts, pipelineRuns, pipelineStages } from '../schema';

// Alerts, their acknowledgements and feedback. The cooldown reads the newest squeeze alert of a
// symbol from here: the alerts table is the cooldown state, so nothing else can drift from it.

export type AlertRow = typeof alerts.$inferSelect;
export type AlertInsert = Omit<typeof alerts.$inferInsert, 'id'>;
export type AlertFilter = { kind: 'unacked' } | { kind: 'all' } | { kind: 'symbol'; symbol: string };

export function createAlertsRepo(db: Db) {
  return {
    insert(row: AlertInsert): number {
      return db.insert(alerts).values(row).returning({ id: alerts.id }).get().id;
    },
    get(id: number): AlertRow | undefined {
      return db.select().from(alerts).where(eq(alerts.id, id)).get();
    },
    setBody(id: number, body: string): void {
      db.update(alerts).set({ body }).where(eq(alerts.id, id)).run();
    },
    /** The newest squeeze alert of a symbol: the cooldown's `last`. */
    lastSqueeze(symbol: string): AlertRow | undefined {
      return db
        .select()
        .from(alerts)
        .where(and(eq(alerts.kind, 'squeeze'), eq(alerts.symbol, symbol)))
        .orderBy(desc(alerts.asOf), desc(alerts.id))
        .limit(1)
        .get();
    },
    /** Squeeze alerts already raised for one market day: they spend that day's alert budget. */
    squeezeCountOn(asOf: string): number {
      return db
        .select({ n: count() })
        .from(alerts)
        .where(and(eq(alerts.kind, 'squeeze'), eq(alerts.asOf, asOf)))
        .get()!.n;
    },
    /** The newest alert of a kind with this key (dip alerts: `dip:<user>:<SYM>`), for its cooldown. */
    lastByKey(kind: AlertRow['kind'], dedupeKey: string): AlertRow | undefined {
      return db
        .select()
        .from(alerts)
        .where(and(eq(alerts.kind, kind), eq(alerts.dedupeKey, dedupeKey)))
        .orderBy(desc(alerts.asOf), desc(alerts.id))
        .limit(1)
        .get();
    },
    /**
     * Alerts raised by the end of `asOf`, newest first, each as it stood then: an acknowledgement made
     * later is not shown (nor counted as acknowledged by 'unacked').
     */
    list(filter: AlertFilter, asOf: AsOf, limit = 20): AlertRow[] {
      const by = endOfDayIso(asOf);
      const where =
        filter.kind === 'unacked'
          ? or(isNull(alerts.ackedAt), gt(alerts.ackedAt, by))
          : filter.kind === 'symbol'
            ? eq(alerts.symbol, filter.symbol)
            : undefined;
      return db
        .select()
        .from(alerts)
        .where(and(lte(alerts.createdAt, by), where))
        .orderBy(desc(alerts.id))
        .limit(limit)
        .all()
        .map((a) => (a.ackedAt === null || writtenBy(asOf, a.ackedAt) ? a : { ...a, ackedAt: null, ackedBy: null }));
    },
    /** Acknowledges one alert; false when it was already acknowledged (the first one stands). */
    ack(id: number, by: string, at: string): boolean {
      return (
        db
          .update(alerts)
          .set({ ackedBy: by, ackedAt: at })
          .where(and(eq(alerts.id, id), isNull(alerts.ackedAt)))
          .run().changes === 1
      );
    },
    /** Acknowledges every open alert; returns their ids. */
    ackAll(by: string, at: string): number[] {
      const ids = db
        .select({ id: alerts.id })
        .from(alerts)
        .where(isNull(alerts.ackedAt))
        .all()
        .map((r) => r.id);
      if (ids.length) db.update(alerts).set({ ackedBy: by, ackedAt: at }).where(inArray(alerts.id, ids)).run();
      return ids;
    },
    setFeedback(id: number, useful: boolean): boolean {
      return (
        db
          .update(alerts)
          .set({ feedback: useful ? 1 : 0 })
          .where(eq(alerts.id, id))
          .run().changes === 1
      );
    },
    recordAction(a: {
      alertId: number | null;
      chatId: string | null;
      userId: string;
      action: string;
      value?: string | null;
      at: string;
    }): void {
      db.insert(alertActions)
        .values({ ...a, value: a.value ?? null })
        .run();
    },
    /** Was a system alert with this key raised since `since`? (keeps warnings from looping) */
    raisedSince(dedupeKey: string, since: string): boolean {
      return !!db
        .select({ id: alerts.id })
        .from(alerts)
        .where(and(eq(alerts.dedupeKey, dedupeKey), gte(alerts.createdAt, since)))
        .limit(1)
        .get();
    },
    /** Unacknowledged, not yet escalated alerts of these severities created at or before `before`. */
    dueForEscalation(before: string, severities: string[]): AlertRow[] {
      if (!severities.length) return [];
      return db
        .select()
        .from(alerts)
        .where(
          and(
            isNull(alerts.ackedAt),
            isNull(alerts.escalatedAt),
            inArray(alerts.severity, severities),
            lte(alerts.createdAt, before),
          ),
        )
        .all();
    },
    markEscalated(id: number, at: string): void {
      db.update(alerts).set({ escalatedAt: at }).where(eq(alerts.id, id)).run();
    },
    createdSince(since: string): AlertRow[] {
      return db.select().from(alerts).where(gte(alerts.createdAt, since)).orderBy(desc(alerts.id)).all();
    },
    /** Alerts raised by the end of `asOf`, and how many of them were still unacknowledged then. */
    counts(asOf: AsOf): { total: number; unacked: number } {
      const by = endOfDayIso(asOf);
      const r = db
        .select({
          total: sql<number>`count(*)`,
          unacked: sql<number>`sum(${alerts.ackedAt} is null or ${alerts.ackedAt} > ${by})`,
        })
        .from(alerts)
        .where(lte(alerts.createdAt, by))
        .get();
      return { total: Number(r?.total ?? 0), unacked: Number(r?.unacked ?? 0) };
    },
    /**
     * symbols_out of one stage over the newest live runs, newest first (runs without the stage are
     * skipped): the input of the "no candidates for N runs" rule.
     */
    recentStageOutputs(
      stage: StageName,
      runs: number,
    ): { runId: string; asOf: string; startedAt: string; symbolsOut: number; status: string }[] {
      return (
        db
          .select({
            runId: pipelineRuns.id,
            asOf: pipelineRuns.asOf,
            startedAt: pipelineRuns.startedAt,
            symbolsOut: pipelineStages.symbolsOut,
            status: pipelineStages.status,
          })
          .from(pipelineRuns)
          .innerJoin(pipelineStages, and(eq(pipelineStages.runId, pipelineRuns.id), eq(pipelineStages.name, stage)))
          .where(eq(pipelineRuns.kind, 'live'))
          // runs started in the same instant: the one saved last is the latest
          .orderBy(desc(pipelineRuns.startedAt), desc(pipelineRuns.savedSeq))
          .limit(runs)
          .all()
      );
    },
  };
}

export type AlertsRepo = ReturnType<typeof createAlertsRepo>;
