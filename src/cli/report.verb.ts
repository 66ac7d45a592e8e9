import { writeFileSync } from 'node:fs';
import type { VerbContext } from './verb';
import { htmlToText } from '../present/html';
import { UsageError } from '../shared/errors';
import { appForCli } from './app-for-cli';
import { asOfFlag } from './scan.verb';
import { checkedOutPath } from './out-path';

// `squeezebot report daily|weekly [--as-of D] [--format text|html|csv] [--out FILE]`: the same report
// as /report and the evening job. text goes to stdout (plain, no tags) unless --out is given; html and
// csv go to --out, else to stdout.

const FORMATS = ['text', 'html', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export async function reportVerb(ctx: VerbContext): Promise<number> {
  const [kind, ...extra] = ctx.args;
  if (kind !== 'daily' && kind !== 'weekly') throw new UsageError(`report is daily or weekly, not "${kind ?? ''}"`);
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const format = (ctx.flags.format ?? 'text') as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format is one of ${FORMATS.join(', ')}, not "${String(format)}"`);
  const out = typeof ctx.flags.out === 'string' ? checkedOutPath(ctx.flags.out, '--out') : undefined;
  const asOf = asOfFlag(ctx);
  const app = appForCli(ctx);
  try {
    const report = app.reports.build(kind, asOf);
    const content =
      format === 'text'
        ? Buffer.from(`${htmlToText(app.reports.messages(report).join('\n'))}\n`, 'utf8')
        : (await app.reports.file(report, format)).content;
    if (out) {
      writeFileSync(out, content);
      ctx.err(
        `wrote ${out} (${content.length.toLocaleString('en-US')} bytes): ${kind} report as of ${report.asOf}, ${report.top.length} candidate(s)`,
      );
    } else process.stdout.write(content);
    return 0;
  } finally {
    app.close();
  }
}
