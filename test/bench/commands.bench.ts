import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplySurface } from '../../src/chat/chat-core';
import { createApp } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { DEFAULT_MARKET, ensureMarket } from './generate-market';
import { median, percentile } from './stats';

// Chat latency with a whole market in the store (the pipeline bench's generated 10,000 symbols × 300
// days): one live scan for the last day, then 200 commands through the real chat core, alternating
// `/top` and `/ticker SYM` (half ranked names, half arbitrary ones that the card computes from the
// store). Per command: time to the first reply (what the user waits for) and to the end (a /ticker
// also draws its chart and sends it as a photo after the card).

function surface(t0: () => number) {
  let first: number | null = null;
  const mark = async () => {
    first ??= t0();
    return { messageId: 1 };
  };
  const s: ReplySurface = {
    reply: mark,
    replyPhoto: mark,
    replyDocument: mark,
    edit: async () => {},
    action: async () => {},
  };
  return { s, first: () => first };
}

export async function benchCommands(opts: { commands: number }) {
  const market = ensureMarket(DEFAULT_MARKET);
  const dir = mkdtempSync(join(tmpdir(), 'squeezebot-bench-commands-'));
  const db = join(dir, 'commands.db');
  copyFileSync(market.path, db);
  const clock = fakeClock(`${market.lastDay}T23:00:00Z`);
  const app = createApp({ dbPath: db, env: {}, clock, logLevel: 'silent' });
  const loadBefore = loadavg()[0]!;
  try {
    const scan = await app.pipeline.run({ asOf: market.lastDay });
    const ranked = scan.ranking.map((r) => r.symbol);
    const all = app.db.$client
      .prepare('SELECT DISTINCT symbol FROM daily_bars WHERE date = ?')
      .pluck()
      .all(market.lastDay) as string[];
    const timings: Record<'top' | 'ticker', { first: number[]; total: number[] }> = {
      top: { first: [], total: [] },
      ticker: { first: [], total: [] },
    };
    for (let i = 0; i < opts.commands; i++) {
      const kind = i % 2 === 0 ? 'top' : 'ticker';
      const symbol = i % 4 === 1 ? ranked[(i >> 2) % ranked.length]! : all[(i * 7919) % all.length]!;
      const text = kind === 'top' ? '/top 10' : `/ticker ${symbol}`;
      // one command a second: a user's pace, and inside the per-user rate limit (100/min), which would
      // otherwise answer the rest with "slow down" in no time and flatter the figures
      clock.advance(1_000);
      const start = performance.now();
      const { s, first } = surface(() => performance.now() - start);
      const outcome = await app.chat.core.handleCommand({
        userId: 'console',
        userName: 'bench',
        chatId: 'console',
        chatType: 'console',
        text,
        surface: s,
      });
      if (outcome !== 'ok')
        throw new Error(`${text} answered ${String(outcome)}, not a normal reply: the figures would mean nothing`);
      timings[kind].total.push(performance.now() - start);
      timings[kind].first.push(first() ?? performance.now() - start);
    }
    const stats = (xs: number[]) => ({ p50_ms: round(median(xs)), p95_ms: round(percentile(xs, 95)) });
    const firsts = [...timings.top.first, ...timings.ticker.first];
    return {
      symbols_in_store: all.length,
      commands: opts.commands,
      first_reply_all: stats(firsts),
      top: { first_reply: stats(timings.top.first), total: stats(timings.top.total) },
      ticker: { first_reply_card: stats(timings.ticker.first), total_with_chart: stats(timings.ticker.total) },
      target: 'p95 under 250 ms',
      load_before: round(loadBefore),
      load_after: round(loadavg()[0]!),
    };
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 10) / 10;
