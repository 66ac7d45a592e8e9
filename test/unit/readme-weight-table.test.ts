import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config';
import { weightTableMarkdown } from '../../src/signals/scoring/weight-table';

// README documents the weight table; this keeps it equal to the default config and the inputs' priors.

describe('README weight table', () => {
  it('is the table the default config and score-inputs.ts give', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const between = /<!-- weight-table:start -->\n([\s\S]*?)\n<!-- weight-table:end -->/.exec(readme);
    expect(between, 'README has the weight-table markers').not.toBeNull();
    const weights = loadConfig({ env: {} }).config.deep_scan.hybrid_scoring.weights;
    expect(between![1]).toBe(weightTableMarkdown(weights));
  });
});
