import { SCORE_INPUTS } from './score-inputs';

// The weight table as README documents it: one row per input of the configured table, with its group,
// weight, share of the total and neutral prior. Generated here so the README cannot drift from the code
// (test/unit/readme-weight-table.test.ts compares them).

export function weightTableMarkdown(weights: Readonly<Record<string, number>>): string {
  const known = Object.entries(weights).filter(([k]) => Object.hasOwn(SCORE_INPUTS, k));
  const total = known.reduce((a, [, w]) => a + (w > 0 ? w : 0), 0);
  const rows = (['fuel', 'trigger'] as const).flatMap((group) =>
    known
      .filter(([k]) => SCORE_INPUTS[k]!.group === group)
      .map(([k, w]) => {
        const spec = SCORE_INPUTS[k]!;
        const share = total > 0 ? (100 * w) / total : 0;
        return `| ${group} | \`${k}\` | ${w.toFixed(2)} | ${share.toFixed(1)}% | ${spec.prior.toFixed(2)} | ${spec.neutral} |`;
      }),
  );
  return [
    '| group | input | weight | share | prior | a typical stock (the prior) |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
