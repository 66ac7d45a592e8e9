import { INPUT_BASES, SCORE_INPUT_NAMES, type InputBasis } from './score-inputs';
import { keyWords } from '../../shared/key-words';

// The score's inputs (the weight keys of deep_scan.hybrid_scoring.weights) and the metric each read, in
// words — the engine's own names, so they live with it (src/present/labels re-exports them): the
// drivers line of an alert, /why's components, the ticker card, the reports.

export const SCORE_INPUT_LABEL: Readonly<Record<string, string>> = {
  finra_short_interest: 'short interest',
  borrow_fee: 'borrow fee',
  borrow_availability: 'shares to borrow',
  fails_to_deliver: 'fails to deliver',
  threshold_list: 'Reg SHO threshold list',
  volume_spike: 'volume spike',
  volume_spike_ratio: 'volume spike',
  volatility: 'volatility',
  price_momentum: 'price momentum',
  rsi: 'RSI',
  volume_consistency: 'steady volume',
  short_ratio_z: 'short volume vs usual',
  call_put_ratio: 'calls vs puts',
  options_pressure: 'options pressure',
  sentiment_24h: 'sentiment (24 h)',
};

/** Which metric fed an input when there is a choice (ScoreInput['basis']). */
export const INPUT_BASIS_LABEL: Readonly<Record<InputBasis, string>> = {
  percent_of_float: '% of float',
  days_to_cover: 'days to cover',
  off_exchange_proxy: 'off-exchange volume',
  share_of_float: 'share of float',
  share_of_adv: 'share of daily volume',
  no_shares_available: 'no shares to borrow',
  availability_change_5d: '5-day change in shares to borrow',
};

export const scoreInputLabel = (name: string): string => SCORE_INPUT_LABEL[name] ?? keyWords(name);
export const inputBasisLabel = (basis: string): string =>
  (INPUT_BASIS_LABEL as Record<string, string>)[basis] ?? keyWords(basis);

/** The input names the score defines: the tests check each has a label. */
export const KNOWN_SCORE_INPUTS: readonly string[] = SCORE_INPUT_NAMES;
export const KNOWN_INPUT_BASES: readonly InputBasis[] = INPUT_BASES;
