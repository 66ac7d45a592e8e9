import { writeFileSync } from 'node:fs';
import type { VerbContext } from './verb';
import { normaliseTicker } from '../market/symbol-map';
import { defaultAsOf } from '../pipeline/pipeline.service';
import { isChartRange } from '../reports/charts/chart-model';
import { renderChartModel } from '../reports/charts/chart-render';
import { renderPhoneChart } from '../reports/charts/phone-chart.model';
import { tickerChartModel } from '../reports/charts/ticker-chart';
import { UsageError } from '../shared/errors';
import { appForCli } from './app-for-cli';
import { asOfFlag } from './scan.verb';
import { checkedOutPath } from './out-path';

// `squeezebot chart SYM [--as-of D] [--range 1m|3m|6m|1y] [--phone] [--out FILE]`: the full ticker chart
// as a PNG file (default SYM-ASOF-RANGE.png in the working folder), and its notes on stdout; --phone
// draws the portrait one the chat sends instead.

export async function chartVerb(ctx: VerbContext): Promise<number> {
  const [raw, ...extra] = ctx.args;
  if (!raw || extra.length) throw new UsageError('give one ticker');
  const symbol = normaliseTicker(raw);
  if (!symbol) throw new UsageError(`"${raw}" is not a ticker`);
  const range = ctx.flags.range ?? '1y';
  if (typeof range !== 'string' || !isChartRange(range))
    throw new UsageError(`--range is one of 1m, 3m, 6m, 1y, not "${String(range)}"`);
  const app = appForCli(ctx);
  try {
    const asOf = asOfFlag(ctx) ?? defaultAsOf(app.clock.now());
    if (!app.repos.chartData.knows(symbol)) {
      ctx.err(`no bars or short volume for ${symbol} in ${app.dbPath}: nothing to chart`);
      return 1;
    }
    const started = performance.now();
    const full = tickerChartModel(app.repos, app.loaded.config, symbol, { asOf, range: range });
    const phone = ctx.flags.phone === true;
    const { model, png } = phone ? renderPhoneChart(full, range, asOf) : { model: full, png: renderChartModel(full) };
    const out = checkedOutPath(
      typeof ctx.flags.out === 'string' ? ctx.flags.out : `${symbol}-${asOf}-${range}${phone ? '-phone' : ''}.png`,
      '--out',
    );
    writeFileSync(out, png);
    ctx.out(
      `${out}: ${symbol} ${range} to ${asOf}, ${model.panels.length} panels, ${(png.length / 1024).toFixed(0)} KB, ${Math.round(performance.now() - started)} ms`,
    );
    for (const p of model.panels)
      ctx.out(`  ${p.title}${p.empty ? ' (empty)' : ''}${p.notes.length ? `: ${p.notes.join(' ')}` : ''}`);
    for (const n of model.notes) ctx.out(`  ${n}`);
    return 0;
  } finally {
    app.close();
  }
}
