import { PHONE_LAYOUT } from './chart-layout';
import { renderChartModel } from './chart-render';
import {
  PANEL_NAME,
  leftOutLine,
  presentCount,
  type ChartModel,
  type LeftOut,
  type Panel,
  type PanelId,
} from './chart-model';

// The chat's chart (pure): from the full ticker chart model, price and volume plus the two panels that
// say most, on one portrait canvas (PHONE_LAYOUT). A phone shows the photo ~390 px wide, so panels lose
// their notes and fuel/trigger lines, titles get short, and the panels not drawn are named in one line.

export const PHONE_PANELS = 3;

/** Which panel says most, first: a score history, then short interest, the short ratio, supply data. */
function rank(p: Panel): number {
  const order: PanelId[] = ['score', 'short_interest', 'short_volume', 'borrow', 'off_exchange', 'fails'];
  // a score panel of one or two dots says less than any other panel with data
  if (p.id === 'score' && scoredDays(p) < 3) return order.length;
  return order.indexOf(p.id);
}

function scoredDays(p: Panel): number {
  const days = new Set<number>();
  for (const s of p.series) if (s.kind === 'line' && s.points) s.values.forEach((v, i) => v !== null && days.add(i));
  return days.size || Math.max(0, ...p.series.map((s) => (s.kind === 'line' ? presentCount(s.values) : 0)));
}

export function phoneChartModel(full: ChartModel, range: string, asOf: string): ChartModel {
  const [price, ...rest] = full.panels;
  const chosen = rest
    .filter((p) => !p.empty)
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .slice(0, PHONE_PANELS - 1)
    .map((x) => x.p);
  // kept in the full chart's order, so price is on top and the date axis reads the same
  const panels = price ? [price, ...rest.filter((p) => chosen.includes(p))] : [];
  const leftOut: LeftOut[] = [...full.leftOut, ...rest.filter((p) => !chosen.includes(p)).map((p) => ({ id: p.id }))];
  const line = leftOutLine(leftOut);
  return {
    title: full.title,
    subtitle: `${range} to ${asOf} · ${full.dates.length} sessions`,
    dates: full.dates,
    panels: panels.map(phonePanel),
    notes: line ? [line] : [],
    leftOut,
  };
}

/** legend entries short enough that a panel's legend keeps to one line at phone size */
const SHORT_LABEL: Record<string, string> = {
  ohlc: 'candles',
  adv20: '20-day avg',
  band: '60-day ±2σ',
  exempt: 'exempt (right)',
  si: 'short interest',
  dtc: 'days to cover (right)',
};

function phonePanel(p: Panel): Panel {
  return {
    ...p,
    title: PANEL_NAME[p.id],
    weight: p.id === 'price' ? 5 : 3,
    notes: p.empty ? p.notes : [],
    series: p.series
      .filter((s) => s.id !== 'fuel' && s.id !== 'trigger')
      .map((s) => ({ ...s, label: SHORT_LABEL[s.id] ?? s.label })),
    // threshold lines stay, their legend entries go: three more legend rows at phone size
    thresholds: p.thresholds.map((t) => ({ ...t, label: '' })),
  };
}

/** The phone chart of a full ticker chart model, as a 1080×1350 PNG with the model it drew. */
export function renderPhoneChart(full: ChartModel, range: string, asOf: string): { png: Buffer; model: ChartModel } {
  const model = phoneChartModel(full, range, asOf);
  return { png: renderChartModel(model, { layout: PHONE_LAYOUT }), model };
}
