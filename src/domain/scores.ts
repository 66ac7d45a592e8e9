// What a score is made of, as stored with it (symbol_scores, alerts) and read back by every layer.
// Computed in src/signals/scoring/.

export type AlertLevel = 'high' | 'medium' | 'low';

export interface MetricFlag {
  /** e.g. thin_history, zero_volume, data_hole, split_suspected, si_stale, otc_stale, unknown_float */
  code: string;
  message: string;
}

export interface ScoreComponent {
  /** the weight key of the config: volume_spike, finra_short_interest, rsi, sentiment_24h, ... */
  name: string;
  /** which metric fed the component when there is a choice (finra_short_interest: percent_of_float or days_to_cover) */
  basis?: string;
  /** the metric value that went in, in its own units */
  raw: number;
  /** after the documented 0..1 transform */
  normalised: number;
  /** the input's share of the one weight table (the same whether or not the other inputs are present) */
  weight: number;
  contribution: number;
  /** the input was missing and counted at its neutral prior: raw and normalised are the prior */
  fromPrior?: true;
}
