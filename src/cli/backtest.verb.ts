import { readFileSync, writeFileSync } from 'node:fs';
import type { VerbContext } from './verb';
import { isIsoDate } from '../market/iso-date';
import { tradingDaysBetween } from '../market/trading-calendar';
import { backtestJson, runBacktest, type BacktestResult } from '../pipeline/backtest';
import {
  EARLY_DAYS,
  HIT_GAIN,
  HIT_WINDOW,
  eventsSchema,
  scoreEvents,
  type EventScore,
} from '../pipeline/backtest-events';
import { UsageError } from '../shared/errors';
import type { Config } from '../config/schema';
import { levelReport, levelReportTable, type SplitList } from '../pipeline/backtest-levels';
import { appForCli } from './app-for-cli';
import { checkedOutPath } from './out-path';

// `squeezebot backtest --from D --to D [--json FILE] [--events FILE]`: the point-in-time replay,
// a summary on stdout, the alerts and rankings as JSON, and with events recall, precision and lead.
// By default the replay's recommendations (alerts, top-ranked) and missed opportunities are recorded as
// origin 'backtest' for /performance, /missed and /suggest, replacing earlier records of the same days.

export async function backtestVerb(ctx: VerbContext): Promise<number> {
  const from = dateFlag(ctx, 'from');
  const to = dateFlag(ctx, 'to');
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const days = tradingDaysBetween(from, to).length;
  if (days === 0) throw new UsageError(`no trading day between ${from} and ${to}`);
  const events = typeof ctx.flags.events === 'string' ? readEvents(ctx.flags.events) : null;
  const jsonOut = typeof ctx.flags.json === 'string' ? checkedOutPath(ctx.flags.json, '--json') : null;
  const app = appForCli(ctx);
  try {
    ctx.err(`replaying ${days} trading days, ${from}..${to}`);
    const recorder = ctx.flags['no-record'] ? null : app.learning.backtestRecorder();
    const result = await runBacktest({
      repos: app.repos,
      config: app.loaded.config,
      clock: app.clock,
      from,
      to,
      onResult: recorder ? (day) => recorder.onResult(day) : undefined,
    });
    for (const line of summaryLines(result)) ctx.out(line);
    const splits = typeof ctx.flags.splits === 'string' ? readSplits(ctx.flags.splits) : undefined;
    const config = app.loaded.config;
    ctx.out('');
    ctx.out('Alerts by level (after the cooldown; "before budget" adds what the daily budget held):');
    for (const line of levelReportTable(levelReport(levelInput(result, config, splits)))) ctx.out(line);
    if (recorder) {
      const saved = recorder.save(from, to);
      const update = app.learning.updateCheckpoints();
      ctx.out(
        `recorded as backtest: ${saved.tracked} recommendations (alerts and top ${app.loaded.config.learning.track_top_n} of each day), ${saved.missed} missed opportunities; ` +
          `replaced ${saved.replaced.tracked} + ${saved.replaced.missed} earlier backtest records of ${from}..${to}; outcomes updated for ${update.updated} (/performance backtest, /missed backtest, /suggest backtest)`,
      );
    } else ctx.out('not recorded (--no-record)');
    if (events) for (const line of eventLines(scoreEvents(events, result.alerts, result.bars))) ctx.out(line);
    if (ctx.flags.ablate) {
      ctx.out('');
      ctx.out(
        'Ablation: the same replay with one input held at its neutral prior, as if it had no data (pushed alerts, after the budget):',
      );
      for (const line of await ablation(app, result, splits, from, to)) ctx.out(line);
    }
    if (jsonOut) {
      writeFileSync(jsonOut, `${JSON.stringify(backtestJson(result), null, 2)}\n`);
      ctx.out(`wrote ${jsonOut}: ${result.alerts.length} alerts, ${result.rankings.length} ranking rows`);
    }
    return 0;
  } finally {
    app.close();
  }
}

/** The level table's groups: each level and all pushed alerts, then all before the budget. */
function levelInput(result: BacktestResult, config: Config, splits: SplitList | undefined) {
  const levels = ['high', 'medium', 'low'] as const;
  return {
    days: result.days.map((d) => d.date),
    bars: result.bars,
    minPrice: config.volume_detector.filters.min_price,
    maxPrice: config.volume_detector.filters.max_price,
    splits,
    groups: [
      ...levels.map((l) => ({ label: l, alerts: result.alerts.filter((a) => a.level === l) })),
      { label: 'all pushed', alerts: result.alerts },
      { label: 'all before budget', alerts: [...result.alerts, ...result.held] },
    ],
  };
}

/**
 * Reruns the replay once per weighted input with that input held at its neutral prior (as if its data were
 * missing; the other inputs keep their shares, so the row differs only by what the input's data said):
 * what each input adds to recall, precision and lead. An input no scored name ever had data for says so
 * (its row cannot differ).
 */
async function ablation(
  app: ReturnType<typeof appForCli>,
  base: BacktestResult,
  splits: SplitList | undefined,
  from: string,
  to: string,
): Promise<string[]> {
  const config = app.loaded.config;
  const measured = new Set<string>();
  const rerun = async (cfg: Config) =>
    runBacktest({
      repos: app.repos,
      config: cfg,
      clock: app.clock,
      from,
      to,
      onResult: ({ result }) => {
        for (const r of result.scored) for (const c of r.result.components) if (!c.fromPrior) measured.add(c.name);
      },
    });
  const row = (label: string, r: BacktestResult, note = '') => {
    const all = levelReport({ ...levelInput(r, config, splits), groups: [{ label, alerts: r.alerts }] }).rows[0]!;
    const p = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
    return `| ${label} | ${all.alerts} | ${p(all.precision)} | ${all.lift === null ? '—' : all.lift.toFixed(1)} | ${p(all.recall)} | ${all.medianLead ?? '—'} |${note}`;
  };
  await rerun(config); // the measured inputs of the base replay
  const lines = [
    '| without | alerts | precision | × base rate | recall of ≥ 2× runs | median lead |',
    '|---|---|---|---|---|---|',
    row('(nothing: all inputs)', base),
  ];
  for (const [key, w] of Object.entries(config.deep_scan.hybrid_scoring.weights)) {
    if (!(w > 0)) continue;
    if (!measured.has(key)) {
      lines.push(`| ${key} | — | — | — | — | — | no data in this store: the input sat at its prior on every name`);
      continue;
    }
    const cfg = structuredClone(config);
    cfg.deep_scan.hybrid_scoring.held_at_prior = [key];
    lines.push(row(key, await rerun(cfg)));
  }
  return lines;
}

/** A splits list as `symbol,date,factor[,...]` with a header (factor multiplies earlier closes). */
function readSplits(path: string): SplitList {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--splits ${path}: ${(err as Error).message}`);
  }
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const cols = (header ?? '').split(',');
  const at = { symbol: cols.indexOf('symbol'), date: cols.indexOf('date'), factor: cols.indexOf('factor') };
  if (at.symbol < 0 || at.date < 0 || at.factor < 0)
    throw new UsageError(`--splits ${path}: the header must name symbol, date and factor`);
  const out = new Map<string, { date: string; factor: number }[]>();
  lines.forEach((line, i) => {
    const f = line.split(',');
    const factor = Number(f[at.factor]);
    const date = f[at.date] ?? '';
    if (!isIsoDate(date) || !(factor > 0))
      throw new UsageError(`--splits ${path} line ${i + 2}: needs a YYYY-MM-DD date and a positive factor`);
    const symbol = (f[at.symbol] ?? '').toUpperCase();
    out.set(symbol, [...(out.get(symbol) ?? []), { date, factor }]);
  });
  return out;
}

function dateFlag(ctx: VerbContext, name: 'from' | 'to'): string {
  const v = ctx.flags[name];
  if (typeof v !== 'string') throw new UsageError(`--${name} is required`);
  if (!isIsoDate(v)) throw new UsageError(`--${name} takes a date as YYYY-MM-DD, not "${v}"`);
  return v;
}

function readEvents(path: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`--events ${path}: ${(err as Error).message}`);
  }
  const parsed = eventsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(
      `--events ${path}: ${issue.path.join('.') || '(top)'}: ${issue.message} (expected [{"symbol","start","peak"}])`,
    );
  }
  return parsed.data;
}

export function summaryLines(result: BacktestResult): string[] {
  const byLevel = { high: 0, medium: 0, low: 0 };
  for (const a of result.alerts) byLevel[a.level]++;
  const statuses = new Map<string, number>();
  for (const d of result.days) statuses.set(d.status, (statuses.get(d.status) ?? 0) + 1);
  const bySymbol = new Map<string, number>();
  for (const a of result.alerts) bySymbol.set(a.symbol, (bySymbol.get(a.symbol) ?? 0) + 1);
  const most = [...bySymbol].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 8);
  const firstHigh = new Map<string, string>();
  for (const a of result.alerts) if (a.level === 'high' && !firstHigh.has(a.symbol)) firstHigh.set(a.symbol, a.date);
  return [
    `backtest ${result.from}..${result.to}: ${result.days.length} trading days in ${(result.ms / 1000).toFixed(1)} s`,
    `runs: ${[...statuses].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `alerts: ${result.alerts.length} (high ${byLevel.high}, medium ${byLevel.medium}, low ${byLevel.low}) after cooldowns and the daily budget; ${result.held.length} held by the budget`,
    most.length ? `most alerted: ${most.map(([s, n]) => `${s} ${n}`).join(', ')}` : 'no symbol alerted',
    firstHigh.size
      ? `first high alert: ${[...firstHigh]
          .slice(0, 12)
          .map(([s, d]) => `${s} ${d}`)
          .join(', ')}${firstHigh.size > 12 ? ` … (${firstHigh.size} symbols)` : ''}`
      : 'no high alert',
  ];
}

export function eventLines(score: EventScore): string[] {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(0)}%`);
  const lines = [
    `events: recall ${pct(score.recall)} (${score.events.filter((e) => e.firstAlert).length} of ${score.events.length} alerted from ${EARLY_DAYS} trading days before start to the day before peak)`,
    `precision ${pct(score.precision)} (${score.hits} of ${score.hits + score.misses} alerts followed by a close ≥ +${HIT_GAIN * 100}% within ${HIT_WINDOW} trading days; ${score.unresolved} not yet measurable)`,
    `median lead time: ${score.medianLeadDays === null ? 'n/a' : `${score.medianLeadDays} trading days`} from first alert to peak`,
  ];
  for (const e of score.events)
    lines.push(
      `  ${e.symbol} ${e.start}→${e.peak}: ${e.firstAlert ? `first alert ${e.firstAlert}, ${e.leadDays} days before peak` : 'missed'}`,
    );
  return lines;
}
