import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Dataset, Facility, OtcTier, ShortInterestRecord, SymbolRecord } from '../domain/market-data';
import type { ThesisMetrics } from '../domain/positions';
import type { CircuitState } from '../domain/provider-calls';
import type { StageName } from '../domain/runs';
import type { AlertLevel, MetricFlag, ScoreComponent } from '../domain/scores';

// Every market figure carries its source and `published_on`: the date it became known, so a
// backtest on day D sees only what was public by D. Dates are ISO `YYYY-MM-DD` text, instants
// ISO-8601 UTC text. Volumes are REAL because recent FINRA files carry fractional shares.

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const symbols = sqliteTable('symbols', {
  symbol: text('symbol').primaryKey(),
  name: text('name'),
  exchange: text('exchange'),
  type: text('type').$type<NonNullable<SymbolRecord['type']>>(),
  isEtf: integer('is_etf', { mode: 'boolean' }).notNull().default(false),
  isTestIssue: integer('is_test_issue', { mode: 'boolean' }).notNull().default(false),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  marketCap: real('market_cap'),
  floatShares: real('float_shares'),
  sharesOutstanding: real('shares_outstanding'),
  sector: text('sector'),
  source: text('source').notNull(),
  asOf: text('as_of').notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

export const dailyBars = sqliteTable(
  'daily_bars',
  {
    symbol: text('symbol').notNull(),
    date: text('date').notNull(),
    open: real('open'),
    high: real('high'),
    low: real('low'),
    close: real('close').notNull(),
    adjClose: real('adj_close'),
    volume: real('volume').notNull(),
    vwap: real('vwap'),
    trades: integer('trades'),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.date] }), index('daily_bars_date').on(t.date)],
);

export const shortVolume = sqliteTable(
  'short_volume',
  {
    symbol: text('symbol').notNull(),
    date: text('date').notNull(),
    /** CNMS (consolidated) or one facility */
    facility: text('facility').$type<Facility>().notNull(),
    /** includes short-exempt volume, as FINRA reports it */
    shortVolume: real('short_volume').notNull(),
    /** null in the pre-2011 five-column layout */
    shortExemptVolume: real('short_exempt_volume'),
    totalVolume: real('total_volume').notNull(),
    markets: text('markets'),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  // One key only: per-symbol history is how short volume is read (z-scores, cards, charts), and a
  // second, date-leading index would double the cost of importing a whole-market file.
  (t) => [primaryKey({ columns: [t.symbol, t.date, t.facility] })],
);

export const shortInterest = sqliteTable(
  'short_interest',
  {
    symbol: text('symbol').notNull(),
    settlementDate: text('settlement_date').notNull(),
    source: text('source').$type<ShortInterestRecord['source']>().notNull(),
    shortInterest: real('short_interest').notNull(),
    previousShortInterest: real('previous_short_interest'),
    avgDailyVolume: real('avg_daily_volume'),
    /** as the source reported it (FINRA floors it at 1 and caps it at 999.99: recompute for scoring) */
    daysToCoverReported: real('days_to_cover_reported'),
    changePercent: real('change_percent'),
    changeShares: real('change_shares'),
    /** fraction of float, only where a source states it (Yahoo) */
    shortPercentFloat: real('short_percent_float'),
    floatShares: real('float_shares'),
    issueName: text('issue_name'),
    marketClass: text('market_class'),
    exchangeCode: text('exchange_code'),
    revisionFlag: integer('revision_flag', { mode: 'boolean' }).notNull().default(false),
    splitFlag: integer('split_flag', { mode: 'boolean' }).notNull().default(false),
    publishedOn: text('published_on').notNull(),
    fetchedAt: text('fetched_at').notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.symbol, t.settlementDate, t.source] }),
    index('short_interest_settlement').on(t.settlementDate),
    index('short_interest_published').on(t.publishedOn),
  ],
);

export const shortInterestQuality = sqliteTable(
  'short_interest_quality',
  {
    symbol: text('symbol').notNull(),
    settlementDate: text('settlement_date').notNull(),
    completeness: real('completeness').notNull(),
    freshness: real('freshness').notNull(),
    consistency: real('consistency').notNull(),
    /** null when only one source has the figure */
    agreement: real('agreement'),
    overall: real('overall').notNull(),
    notes: text('notes', { mode: 'json' }).$type<string[]>().notNull(),
    computedAt: text('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.settlementDate] })],
);

export const otcWeekly = sqliteTable(
  'otc_weekly',
  {
    symbol: text('symbol').notNull(),
    weekStart: text('week_start').notNull(),
    tier: text('tier').$type<OtcTier>().notNull(),
    /** ATS_W_SMBL, ATS_W_SMBL_FIRM, OTC_W_SMBL, ... never add *_SMBL and *_SMBL_FIRM rows together */
    summaryType: text('summary_type').notNull(),
    /** '' for symbol totals; the firm's MPID for per-firm rows */
    mpid: text('mpid').notNull().default(''),
    firmName: text('firm_name'),
    issueName: text('issue_name'),
    shares: real('shares').notNull(),
    trades: integer('trades'),
    notional: real('notional'),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.symbol, t.weekStart, t.tier, t.summaryType, t.mpid] }),
    index('otc_weekly_week').on(t.weekStart),
  ],
);

/** Lit trades aggregated per symbol and day, classified by the NBBO rule or the tick rule. */
export const tradesDaily = sqliteTable(
  'trades_daily',
  {
    symbol: text('symbol').notNull(),
    date: text('date').notNull(),
    buyVolume: real('buy_volume').notNull(),
    sellVolume: real('sell_volume').notNull(),
    unclassifiedVolume: real('unclassified_volume').notNull(),
    tradeCount: integer('trade_count').notNull(),
    method: text('method', { enum: ['nbbo', 'tick'] }).notNull(),
    source: text('source').notNull(),
    publishedOn: text('published_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.date] })],
);

/** One row per fetch or import attempt: what, for which date, from where, how it went. */
export const datasetStatus = sqliteTable(
  'dataset_status',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dataset: text('dataset').$type<Dataset>().notNull(),
    /** the data date the attempt was for (null for undated sets such as a directory file) */
    date: text('date'),
    kind: text('kind', { enum: ['fetch', 'import'] }).notNull(),
    origin: text('origin').notNull(),
    /** missing: not posted yet */
    status: text('status', { enum: ['ok', 'empty', 'missing', 'skipped', 'failed'] }).notNull(),
    rows: integer('rows').notNull().default(0),
    checksum: text('checksum'),
    error: text('error'),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
  },
  (t) => [index('dataset_status_dataset').on(t.dataset, t.date)],
);

export const providerHealth = sqliteTable('provider_health', {
  provider: text('provider').primaryKey(),
  calls: integer('calls').notNull().default(0),
  failures: integer('failures').notNull().default(0),
  totalMs: real('total_ms').notNull().default(0),
  lastStatus: text('last_status'),
  lastError: text('last_error'),
  lastSuccessAt: text('last_success_at'),
  lastFailureAt: text('last_failure_at'),
  circuitState: text('circuit_state').$type<CircuitState>().notNull().default('closed'),
  circuitOpenedAt: text('circuit_opened_at'),
  updatedAt: text('updated_at').notNull(),
});

/** Runtime settings changed in chat: the top config layer, with who and when. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  setBy: text('set_by').notNull(),
  setAt: text('set_at').notNull(),
});

// ── Discovery pipeline (issue 3) ────────────────────────────────────────────────────────────

/** One pipeline run: `discovery_20250903_143022`, live or backtest, for one as-of date. */
export const pipelineRuns = sqliteTable(
  'pipeline_runs',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['live', 'backtest'] }).notNull(),
    /** partial: a stage failed, the run finished with what it had */
    status: text('status', { enum: ['running', 'completed', 'partial', 'aborted', 'failed'] }).notNull(),
    asOf: text('as_of').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** 0..1: stages that ran, data freshness, error rate */
    healthScore: real('health_score'),
    /** a stage fell back to a weaker source or weight set */
    fallbackDetected: integer('fallback_detected', { mode: 'boolean' }).notNull().default(false),
    error: text('error'),
    /** candidates scored, alerts, freshness per dataset, ... */
    summary: text('summary', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('pipeline_runs_as_of').on(t.asOf, t.kind)],
);

/** Each stage of a run: the funnel a user sees, with elimination reasons and timings. */
export const pipelineStages = sqliteTable(
  'pipeline_stages',
  {
    runId: text('run_id')
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    name: text('name').$type<StageName>().notNull(),
    status: text('status', { enum: ['ok', 'failed', 'skipped'] }).notNull(),
    symbolsIn: integer('symbols_in').notNull(),
    symbolsOut: integer('symbols_out').notNull(),
    criteria: text('criteria', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    eliminated: integer('eliminated').notNull(),
    /** reason → count, e.g. { price_too_high: 1432 } */
    eliminationReasons: text('elimination_reasons', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    durationMs: real('duration_ms').notNull(),
    errors: text('errors', { mode: 'json' }).$type<string[]>().notNull(),
    /** what the stage fell back to, when it did */
    fallback: text('fallback'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/** Why a symbol was cut: the stage and criterion, its value against the threshold. */
export const pipelineEliminations = sqliteTable(
  'pipeline_eliminations',
  {
    runId: text('run_id')
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    stage: text('stage').$type<StageName>().notNull(),
    criterion: text('criterion').notNull(),
    value: real('value'),
    threshold: real('threshold'),
    detail: text('detail'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.symbol] })],
);

/** Scores and metrics per symbol and day (live runs). */
export const symbolScores = sqliteTable(
  'symbol_scores',
  {
    asOf: text('as_of').notNull(),
    symbol: text('symbol').notNull(),
    runId: text('run_id').notNull(),
    rank: integer('rank'),
    score: real('score').notNull(),
    fuel: real('fuel'),
    trigger: real('trigger'),
    /** null below alerting */
    level: text('level').$type<AlertLevel>(),
    weightSet: text('weight_set', { enum: ['with_finra', 'volume_only'] }).notNull(),
    components: text('components', { mode: 'json' }).$type<ScoreComponent[]>().notNull(),
    missing: text('missing', { mode: 'json' }).$type<string[]>().notNull(),
    levelNotes: text('level_notes', { mode: 'json' }).$type<string[]>().notNull(),
    metrics: text('metrics', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    flags: text('flags', { mode: 'json' }).$type<MetricFlag[]>().notNull(),
    source: text('source', { enum: ['volume_detector', 'adhoc'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.symbol] }), index('symbol_scores_symbol').on(t.symbol, t.asOf)],
);

/** Tickers a trader added by hand: always deep-scanned until they expire. */
export const adhocCandidates = sqliteTable(
  'adhoc_candidates',
  {
    symbol: text('symbol').primaryKey(),
    reason: text('reason'),
    addedBy: text('added_by').notNull(),
    addedAt: text('added_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    status: text('status', { enum: ['active', 'expired', 'removed', 'promoted'] }).notNull(),
    endedAt: text('ended_at'),
  },
  (t) => [index('adhoc_candidates_status').on(t.status, t.expiresAt)],
);

// ── Chat (issue 4) ──────────────────────────────────────────────────────────────────────────

/** Chat users added by an admin (`/users add`): a Telegram user id and a role. */
export const chatUsers = sqliteTable('chat_users', {
  userId: text('user_id').primaryKey(),
  role: text('role', { enum: ['admin', 'trader', 'viewer'] }).notNull(),
  name: text('name'),
  addedBy: text('added_by').notNull(),
  addedAt: text('added_at').notNull(),
});

// ── Alerts and delivery (issue 4) ───────────────────────────────────────────────────────────

/**
 * Every alert the engine raised. Squeeze alerts carry a symbol and a level (low | medium | high);
 * system alerts a severity (info | warning | critical | emergency). The cooldown is derived from
 * the squeeze rows here, so a restart never re-sends.
 */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['squeeze', 'system', 'dip'] }).notNull(),
    symbol: text('symbol'),
    /** low | medium | high (squeeze); info | warning | critical | emergency (system) */
    severity: text('severity').notNull(),
    score: real('score'),
    fuel: real('fuel'),
    trigger: real('trigger'),
    asOf: text('as_of'),
    runId: text('run_id'),
    title: text('title').notNull(),
    /** the message as sent (Telegram HTML) */
    body: text('body').notNull(),
    components: text('components', { mode: 'json' }).$type<ScoreComponent[]>(),
    /** system alerts: a key that keeps the same warning from repeating (delivery:telegram:123) */
    dedupeKey: text('dedupe_key'),
    createdAt: text('created_at').notNull(),
    ackedBy: text('acked_by'),
    ackedAt: text('acked_at'),
    /** 1 useful, 0 not useful, null no answer */
    feedback: integer('feedback'),
    escalatedAt: text('escalated_at'),
  },
  (t) => [
    index('alerts_symbol').on(t.kind, t.symbol, t.createdAt),
    index('alerts_created').on(t.createdAt),
    index('alerts_dedupe').on(t.dedupeKey, t.createdAt),
  ],
);

/** Every pushed message, written before it is sent; the delivery worker drains it. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    alertId: integer('alert_id').references(() => alerts.id, { onDelete: 'set null' }),
    /** telegram | email | console */
    channel: text('channel').notNull(),
    target: text('target').notNull(),
    /** the OutboundMessage without id/channel/target */
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** failed: the target refused; dead: gave up; held: quiet hours */
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'dead', 'held'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    /** the Telegram message id (so an acknowledgement can edit it) or the SMTP message id */
    externalMessageId: text('external_message_id'),
    /**
     * When a worker marked the row 'sending'. A row still 'sending' long after this was left by a
     * process that died mid-send; one sending just now may belong to another live process (a
     * one-shot `squeezebot chat` beside the bot), so recovery goes by age, not by status alone.
     */
    claimedAt: text('claimed_at'),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt), index('outbox_alert').on(t.alertId)],
);

/** Alerts muted per chat, for one symbol or all ('*'), until an instant. */
export const alertMutes = sqliteTable(
  'alert_mutes',
  {
    chatId: text('chat_id').notNull(),
    symbol: text('symbol').notNull(),
    until: text('until').notNull(),
    mutedBy: text('muted_by').notNull(),
    mutedAt: text('muted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.symbol] })],
);

/** Quiet hours per chat, wall clock in app.timezone; a window may cross midnight (22:00-07:00). */
export const quietHours = sqliteTable('quiet_hours', {
  chatId: text('chat_id').primaryKey(),
  start: text('start').notNull(),
  end: text('end').notNull(),
  setBy: text('set_by').notNull(),
  setAt: text('set_at').notNull(),
});

/** What users did with an alert: ack, mute, chart, feedback (button or command). */
export const alertActions = sqliteTable(
  'alert_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    alertId: integer('alert_id').references(() => alerts.id, { onDelete: 'cascade' }),
    chatId: text('chat_id'),
    userId: text('user_id').notNull(),
    action: text('action').notNull(),
    value: text('value'),
    at: text('at').notNull(),
  },
  (t) => [index('alert_actions_alert').on(t.alertId)],
);

/** Switches flipped in chat: emergency_disable, email_disabled. */
export const botFlags = sqliteTable('bot_flags', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  setBy: text('set_by').notNull(),
  setAt: text('set_at').notNull(),
});

// ── Scheduler (issue 6) ─────────────────────────────────────────────────────────────────────

/**
 * Every run of a scheduled job. A row is written 'running' when the run starts, so a crash leaves it
 * behind; the next start closes it as 'interrupted' and catches the job up once.
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'retry', 'catch_up', 'manual'] }).notNull(),
    /** the market date (New York) of the occurrence this run serves */
    forDate: text('for_date').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** pending: the data is not out yet */
    status: text('status', {
      enum: ['running', 'ok', 'skipped', 'pending', 'failed', 'timeout', 'interrupted'],
    }).notNull(),
    error: text('error'),
    stats: text('stats', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('job_runs_job').on(t.job, t.startedAt), index('job_runs_started').on(t.startedAt)],
);

// ── Learning from outcomes (issue 6) ────────────────────────────────────────────────────────

/**
 * Every alert and top-ranked candidate, tracked for 30 trading days after discovery: the price path at
 * checkpoints, peak, drawdown and an outcome category (src/learning/outcome.ts defines them). `origin`
 * keeps live runs apart from backtest replays, which are recorded into the same table.
 */
export const trackedRecommendations = sqliteTable(
  'tracked_recommendations',
  {
    /** rec_live_20250903_QUBT: one per origin, day and symbol */
    id: text('id').primaryKey(),
    origin: text('origin', { enum: ['live', 'backtest'] }).notNull(),
    symbol: text('symbol').notNull(),
    /** the discovery day (the run's as-of trading day) */
    asOf: text('as_of').notNull(),
    /** the live run's start instant; null for a backtest day */
    discoveredAt: text('discovered_at'),
    runId: text('run_id'),
    /** alert: an alert was raised after cooldowns; ranked: top-ranked only */
    reason: text('reason', { enum: ['alert', 'ranked'] }).notNull(),
    alertId: integer('alert_id'),
    rank: integer('rank'),
    /** the close of the as-of day */
    price: real('price').notNull(),
    score: real('score').notNull(),
    fuel: real('fuel'),
    trigger: real('trigger'),
    /** the score's level, null below alerting */
    level: text('level').$type<AlertLevel>(),
    /** volumeSpike, rsi, siPercentFloat, daysToCover, shortRatioZ, fuel, trigger at discovery */
    features: text('features', { mode: 'json' }).$type<Record<string, number | null>>().notNull(),
    thesis: text('thesis').notNull(),
    price1d: real('price_1d'),
    return1d: real('return_1d'),
    price7d: real('price_7d'),
    return7d: real('return_7d'),
    price14d: real('price_14d'),
    return14d: real('return_14d'),
    price30d: real('price_30d'),
    return30d: real('return_30d'),
    lastPrice: real('last_price'),
    lastReturn: real('last_return'),
    /** trading days after discovery covered so far */
    daysTracked: integer('days_tracked').notNull().default(0),
    peakPrice: real('peak_price'),
    peakReturn: real('peak_return'),
    daysToPeak: integer('days_to_peak'),
    /** ≤ 0: the worst close against the highest close before it (discovery price included) */
    maxDrawdown: real('max_drawdown'),
    /** src/learning/outcome.ts defines the categories */
    outcome: text('outcome', { enum: ['explosive', 'strong', 'moderate', 'poor', 'failed'] }),
    success: integer('success', { mode: 'boolean' }),
    failure: integer('failure', { mode: 'boolean' }),
    status: text('status', { enum: ['tracking', 'completed'] }).notNull(),
    updatedAt: text('updated_at'),
  },
  (t) => [
    index('tracked_recs_origin').on(t.origin, t.asOf),
    index('tracked_recs_status').on(t.status, t.asOf),
    index('tracked_recs_symbol').on(t.symbol),
  ],
);

/**
 * Names the pipeline cut or scored below alerting that then closed at least learning.missed_min_return
 * above their as-of close within the tracking window, with the stage and criterion that cut them.
 */
export const missedOpportunities = sqliteTable(
  'missed_opportunities',
  {
    origin: text('origin', { enum: ['live', 'backtest'] }).notNull(),
    asOf: text('as_of').notNull(),
    symbol: text('symbol').notNull(),
    runId: text('run_id'),
    /** volume_filtering | squeeze_detection | final_ranking | alerting */
    stage: text('stage').notNull(),
    criterion: text('criterion').notNull(),
    value: real('value'),
    threshold: real('threshold'),
    detail: text('detail'),
    score: real('score'),
    features: text('features', { mode: 'json' }).$type<Record<string, number | null>>().notNull(),
    price: real('price').notNull(),
    peakPrice: real('peak_price').notNull(),
    peakReturn: real('peak_return').notNull(),
    daysToPeak: integer('days_to_peak').notNull(),
    foundAt: text('found_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.origin, t.asOf, t.symbol] }), index('missed_opps_origin').on(t.origin, t.asOf)],
);

// ── Positions (issue 6) ─────────────────────────────────────────────────────────────────────

/**
 * Every /buy and /sell, per user. Positions are folded from this ledger (src/portfolio/position-ledger.ts,
 * average cost), so the ledger is the one truth and a sell can never disagree with the buys before it.
 * A buy carries the thesis metrics as of its day, so a later dip check compares now against then.
 */
export const positionTrades = sqliteTable(
  'position_trades',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side', { enum: ['buy', 'sell'] }).notNull(),
    quantity: real('quantity').notNull(),
    price: real('price').notNull(),
    /** the trading day the trade is booked on */
    tradeDate: text('trade_date').notNull(),
    thesis: text('thesis'),
    /** buys: ThesisMetrics (src/portfolio/thesis-metrics.ts) as of trade_date */
    thesisMetrics: text('thesis_metrics', { mode: 'json' }).$type<ThesisMetrics>(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('position_trades_user').on(t.userId, t.symbol, t.id)],
);
