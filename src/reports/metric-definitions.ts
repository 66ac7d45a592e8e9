// What each metric in a report means and where it misleads: the definitions panel of the HTML report
// and the column notes of the CSV. One list, so the two never explain a number differently.

export interface MetricDefinition {
  key: string;
  name: string;
  meaning: string;
  caveat: string;
}

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    key: 'score',
    name: 'Squeeze score',
    meaning:
      'A 0–1 blend of short-side pressure and the signs that a move is starting: each input is mapped to 0–1 by a documented transform and weighted; weights of missing inputs are spread over the ones present.',
    caveat:
      'A ranking aid, not a probability. Two weight sets exist (with FINRA short interest, or volume only when the report is too old), so scores of different sets compare loosely.',
  },
  {
    key: 'fuel',
    name: 'Fuel',
    meaning:
      'The short-interest side of the score, 0–1: how much could be squeezed (short interest % of float, days to cover).',
    caveat:
      'Built from twice-monthly figures published 7 business days after settlement, so it trails the market by one to three weeks.',
  },
  {
    key: 'trigger',
    name: 'Trigger',
    meaning: 'The volume, price and short-volume side of the score, 0–1: is something starting today.',
    caveat: 'Reacts to one day; a single spike can lift it and fade the next session.',
  },
  {
    key: 'volume_spike',
    name: 'Volume spike',
    meaning: "Today's volume divided by the mean volume of the 20 sessions before (today excluded).",
    caveat:
      'Earnings, index rebalances and news lift volume without any short squeeze. Marked "off-ex." where the store holds fewer than 21 daily bars (keyless, the first weeks): the ratio is then of FINRA off-exchange volume, about 40% of all trading, which can move apart from exchange volume.',
  },
  {
    key: 'rsi',
    name: 'RSI (14)',
    meaning:
      'Relative strength index over 14 sessions with Wilder smoothing, 0–100; above 70 reads as overbought, below 30 as oversold.',
    caveat: 'In a real squeeze RSI stays overbought for days: it says how stretched the move is, not when it ends.',
  },
  {
    key: 'si_pct_float',
    name: 'Short interest % float',
    meaning: 'Shares sold short at the latest published settlement divided by the float.',
    caveat:
      'Dated by settlement and published about 9–11 days later; shown only when the float is known, and float figures from data vendors differ.',
  },
  {
    key: 'days_to_cover',
    name: 'Days to cover',
    meaning:
      'Short interest divided by the mean consolidated daily volume (all venues, from daily bars) of the 20 sessions ending on the settlement date, that date included; the same figure on the card, /si, the chart, the score and this report.',
    caveat:
      "FINRA's own field is floored at 1.00 and capped, so it is not used. Fixed from publication to the next report: a volume spike after the settlement does not shrink it. Where the bars do not cover those sessions, FINRA's average daily volume of the settlement period stands in (flagged).",
  },
  {
    key: 'short_ratio',
    name: 'Facility short ratio',
    meaning:
      "FINRA daily short volume divided by total volume reported to FINRA's trade reporting facilities (off-exchange trades).",
    caveat:
      "Not a market short ratio and not short interest: exchange volume is not in it, and market makers' hedging keeps it near 40–50% for most names. Read it against the symbol's own history.",
  },
  {
    key: 'short_ratio_z',
    name: 'Short ratio z-score (60 d)',
    meaning:
      "How far today's facility short ratio sits from the symbol's previous 60 sessions, in standard deviations.",
    caveat: 'Needs at least 20 sessions of history; a quiet history makes small moves look large.',
  },
  {
    key: 'short_exempt_share',
    name: 'Short-exempt share',
    meaning: 'Short-exempt volume divided by short volume (exempt sales are already inside short volume).',
    caveat:
      'Exempt sales are mostly market-maker and hedging activity; FINRA files before 2011 do not carry the field.',
  },
  {
    key: 'otc_participation',
    name: 'OTC participation',
    meaning:
      "Off-exchange shares of the newest published FINRA OTC-transparency week (ATS + non-ATS) divided by that week's total volume.",
    caveat:
      'Weekly and published 2 (Tier 1) or 4 weeks (Tier 2, OTC) late. OTC volume has no direction: nobody outside can see whether it was buying or selling.',
  },
  {
    key: 'otc_flag',
    name: 'Anchored / stale',
    meaning:
      'Anchored: the OTC week used is the newest FINRA has published for the tier (or one week older). Stale: older than that.',
    caveat: 'A stale figure describes a market that may have moved on.',
  },
  {
    key: 'lit_imbalance',
    name: 'Lit imbalance',
    meaning:
      '(buy − sell) / (buy + sell) of exchange (lit) volume classified by trade side (quote rule, else tick rule), −1 to 1.',
    caveat: 'Trade-side classification is an estimate, and only lit trades are classified.',
  },
  {
    key: 'accumulation_score',
    name: 'Accumulation score',
    meaning:
      '0–100 from observable inputs only: lit imbalance, price and volume context, and OTC participation against its own history; shown with a confidence (share of inputs present).',
    caveat: 'It never infers the direction of OTC trades. A low confidence means most inputs were missing.',
  },
  {
    key: 'borrow',
    name: 'Borrow fee and availability',
    meaning:
      "IBKR's stock-loan file: the annual fee to borrow the shares (%), and how many shares IBKR can lend now. A fee rising by many points, or availability falling to none, means shorts are getting hard to open or to keep.",
    caveat:
      'One broker’s figures, "indicative", snapshotted every 30 minutes in the session; >10M means more than ten million. A stale snapshot is flagged.',
  },
  {
    key: 'threshold',
    name: 'Reg SHO threshold list',
    meaning:
      "Whether the name is on Nasdaq's, NYSE's or Cboe BZX's Reg SHO threshold list (fails to deliver of 10,000+ shares and 0.5%+ of shares outstanding for five settlement days running), and for how many consecutive list days.",
    caveat:
      'A list of day D is posted that night (Cboe: 03:00 ET the next day), so it counts from the next session. The streak counts only list days held: "≥" means it may be longer.',
  },
  {
    key: 'fails',
    name: 'Fails to deliver',
    meaning:
      "The SEC's fails-to-deliver balance on the newest settlement day held, in shares, and for how many settlement days running there was one (×Nd). Hover: share of float and the first Reg SHO Rule 204 T+35 close-out date still ahead.",
    caveat:
      'The SEC publishes each half month 2-3 weeks after it ends, so the newest figure is weeks old. A balance is not a short position: fails have many causes, and most close within days.',
  },
  {
    key: 'call_put_ratio',
    name: 'Call/put ratio',
    meaning: "Call volume / put volume of the newest options chain summary (Cboe's ~15-minute delayed quotes).",
    caveat:
      'Options are fetched for the short list only, once after the close; empty when no put traded or no chain is held.',
  },
  {
    key: 'near_money_call_oi_adv',
    name: 'Near-money call OI / ADV',
    meaning:
      'Open interest of calls struck within ±10% of the price and expiring within 30 days, × 100 shares, over the 20-session average daily volume: how much stock dealers may need to buy to hedge if the price runs (gamma pressure).',
    caveat: 'Open interest is the previous night’s; who holds the calls (and how dealers are hedged) is not known.',
  },
];
