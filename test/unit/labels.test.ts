import { describe, expect, it } from 'vitest';
import { LEVELS, LEVEL_KEYS } from '../../src/config/config-invariants';
import { loadConfig } from '../../src/config/load-config';
import { ELIMINATION_REASONS, STAGE_NAMES } from '../../src/domain/runs';
import { reasonsText } from '../../src/present/funnel-view';
import {
  CONDITION_LABEL,
  INPUT_BASIS_LABEL,
  REASON_LABEL,
  SCORE_INPUT_LABEL,
  STAGE_LABEL,
  keyWords,
  levelNoteText,
  reasonLabel,
  reasonWithFigures,
  settingLabel,
} from '../../src/present/labels';
import { alertLevel, LEVEL_CONDITIONS } from '../../src/signals/scoring/alert-level';
import { INPUT_BASES, SCORE_INPUT_NAMES } from '../../src/signals/scoring/score-inputs';
import { bareMetrics } from '../support/alert-fixtures';

// Every machine key the code defines has words: the lists are the code's own (exported where the keys are
// defined), so a reason, input or setting added later without a label fails here.

/** A machine key left in user text: snake_case, or a dotted config path. */
const MACHINE = /\b[a-z0-9]+_[a-z0-9_]+\b|\b[a-z_]+\.[a-z_]+\.[a-z_]+/;

describe('labels', () => {
  it.each(ELIMINATION_REASONS)('elimination reason %s has words', (code) => {
    expect(REASON_LABEL[code]).toBeTruthy();
    expect(reasonLabel(code)).not.toMatch(MACHINE);
  });

  it.each(STAGE_NAMES)('stage %s has words', (name) => {
    expect(STAGE_LABEL[name]).toBeTruthy();
    expect(STAGE_LABEL[name]).not.toMatch(MACHINE);
  });

  it.each([...LEVEL_CONDITIONS])('level condition %s has words, as a missed criterion too', (c) => {
    expect(CONDITION_LABEL[c]).toBeTruthy();
    expect(reasonLabel(c)).toBe(`${CONDITION_LABEL[c]} below the low level`);
  });

  it.each(SCORE_INPUT_NAMES)('score input %s has words', (name) => {
    expect(SCORE_INPUT_LABEL[name]).toBeTruthy();
    expect(SCORE_INPUT_LABEL[name]).not.toMatch(MACHINE);
  });

  it.each(INPUT_BASES)('input basis %s has words', (basis) => {
    expect(INPUT_BASIS_LABEL[basis]).toBeTruthy();
    expect(INPUT_BASIS_LABEL[basis]).not.toMatch(MACHINE);
  });

  it('every setting key reads as words, level × condition from the structure', () => {
    const keys = [...loadConfig({ env: {} }).sources.keys()];
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) expect(settingLabel(key), key).not.toMatch(MACHINE);
    for (const level of LEVELS)
      for (const c of LEVEL_KEYS)
        expect(settingLabel(`alerting.thresholds.${level}.${c}`)).toMatch(
          new RegExp(`^${level[0]!.toUpperCase()}${level.slice(1)} level: minimum `),
        );
    expect(settingLabel('alerting.thresholds.high.squeeze_score')).toBe('High level: minimum score');
    expect(settingLabel('volume_detector.filters.max_price')).toBe('Price filter: maximum price ($)');
    // a key no table knows still becomes words
    expect(settingLabel('brand_new.min_si_pct')).toBe('Brand new: minimum short interest %');
    expect(keyWords('avg_volume_ms')).toBe('average volume ms');
  });

  it('renders the level engine’s skip notes in words, keeping the stored machine form', () => {
    const bare = bareMetrics('T', '2021-01-13');
    const { notes } = alertLevel(
      { score: 0.9, shortInterest: null },
      bare,
      loadConfig({ env: {} }).config.alerting.thresholds,
    );
    expect(notes).toContain('min_finra_si_percent skipped: no short-interest report');
    const shown = notes.map(levelNoteText);
    expect(shown).toContain('short interest % of float not checked: no short-interest report yet');
    for (const n of shown) expect(n).not.toMatch(MACHINE);
    expect(
      levelNoteText('min_finra_si_percent skipped: short-interest report is 20 days old, outside finra_max_age_days'),
    ).toBe('short interest % of float not checked: the short-interest report is 20 days old, too old to count');
    expect(levelNoteText('high needs: score 0.40 ≥ 0.46 ✗')).toBe('High level needs: score 0.40 ≥ 0.46 ✗');
  });

  it('says a cut with its figures in their units', () => {
    expect(reasonWithFigures('price_too_high', 612.5, 500)).toBe('price $612.50, above the $500.00 max');
    expect(reasonWithFigures('insufficient_volume_spike', 1.4, 3)).toBe(
      'volume 1.4× its average, below the 3.0× needed',
    );
    expect(reasonWithFigures('no_price_data', null, null)).toBe('no price data');
    expect(reasonsText({ price_too_high: 1432, price_too_low: 166 })).toBe(
      'price above max 1,432, price below min 166',
    );
  });
});
