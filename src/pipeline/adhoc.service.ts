import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import type { AdhocRow } from '../db/repos/adhoc.repo';
import type { Clock } from '../shared/clock';
import { judgedAt, type AsOf } from '../market/as-of';
import { UsageError } from '../shared/errors';

// Ad-hoc tickers: names a trader wants watched whatever the funnel says. They always go through
// the deep scan, expire after their TTL (a daily sweep), and are promoted to regular candidates when
// their score reaches `adhoc.auto_promote_threshold`.

const DAY_MS = 86_400_000;

export interface AdhocDeps {
  repos: Pick<Repos, 'adhoc'>;
  settings: Settings;
  clock: Clock;
}

export function createAdhocService(deps: AdhocDeps) {
  const repo = deps.repos.adhoc;
  const settings = () => deps.settings.current().adhoc;

  return {
    /** Adds `symbol` (already normalised) for `ttlDays` (default from config); renewing keeps one row. */
    add(symbol: string, options: { by: string; reason?: string; ttlDays?: number }): AdhocRow {
      const ttl = options.ttlDays ?? settings().default_ttl_days;
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 365)
        throw new UsageError('the TTL is a whole number of days from 1 to 365');
      const active = repo.active();
      const renewing = active.some((a) => a.symbol === symbol);
      if (!renewing && active.length >= settings().max_active_candidates) {
        throw new UsageError(
          `${active.length} ad-hoc tickers are active, the most allowed (adhoc.max_active_candidates); remove one first: ${active.map((a) => a.symbol).join(', ')}`,
        );
      }
      const now = deps.clock.now();
      repo.upsertActive({
        symbol,
        reason: options.reason?.trim() || null,
        addedBy: options.by,
        addedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttl * DAY_MS).toISOString(),
      });
      return repo.get(symbol)!;
    },

    remove(symbol: string): boolean {
      return repo.end(symbol, 'removed', deps.clock.now().toISOString());
    },

    /**
     * The watchlist, oldest first, without the ones whose time has run out: now, or as it stood at the
     * end of a past day (`asOf`).
     */
    list(asOf?: AsOf): AdhocRow[] {
      const now = deps.clock.now();
      return repo.activeAt((asOf ? judgedAt(asOf, now) : now).toISOString());
    },

    /** The daily sweep: ends every active ticker whose TTL has passed; returns their symbols. */
    expire(): string[] {
      const now = deps.clock.now().toISOString();
      const due = repo.dueToExpire(now);
      for (const a of due) repo.end(a.symbol, 'expired', now);
      return due.map((a) => a.symbol);
    },

    /** After scoring: ad-hoc tickers that reached the threshold become regular candidates. */
    promote(scores: { symbol: string; score: number }[]): string[] {
      const threshold = settings().auto_promote_threshold;
      const active = new Set(this.list().map((a) => a.symbol));
      const now = deps.clock.now().toISOString();
      const promoted = scores.filter((s) => active.has(s.symbol) && s.score >= threshold).map((s) => s.symbol);
      for (const symbol of promoted) repo.end(symbol, 'promoted', now);
      return promoted;
    },
  };
}

export type AdhocService = ReturnType<typeof createAdhocService>;
