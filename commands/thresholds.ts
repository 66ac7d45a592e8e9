import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { readPath } from '../src/config/settings-store';
import { bold, escapeHtml } from '../src/present/html';

/** The config sections a trader tunes, in the order /thresholds shows them. */
export const THRESHOLD_SECTIONS = [
  'alerting.thresholds',
  'alerting.cooldown',
  'volume_detector.analysis',
  'volume_detector.filters',
  'deep_scan.ranking_size',
  'deep_scan.metrics',
  'adhoc',
  'short_interest',
  'chat.rate_limit_per_minute',
];

const show = (v: unknown) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

export const thresholdsCommand = defineCommand({
  name: 'thresholds',
  summary: 'every alerting and filter threshold with where its value came from',
  usage: '/thresholds',
  example: '/thresholds',
  minRole: 'viewer',
  parse: noArgs,
  async run(ctx, _args, s) {
    const { config, sources } = s.settings.loaded();
    const keys = [...sources.keys()];
    const chatSet = keys.filter((k) => sources.get(k)?.source === 'chat');
    const sections = [
      ...THRESHOLD_SECTIONS,
      ...chatSet.filter((k) => !THRESHOLD_SECTIONS.some((p) => k === p || k.startsWith(`${p}.`))),
    ];
    const out = [bold('Thresholds') + ' (value · source)'];
    for (const section of sections) {
      const leaves = keys.filter((k) => k === section || k.startsWith(`${section}.`));
      if (leaves.length === 0) continue;
      const rel = (k: string) => (k === section ? k.split('.').pop()! : k.slice(section.length + 1));
      const width = Math.max(...leaves.map((k) => rel(k).length));
      const vwidth = Math.max(...leaves.map((k) => show(readPath(config, k)).length));
      const lines = leaves.map((k) => {
        const src = sources.get(k)!;
        const from =
          src.source === 'chat' ? `chat ${src.detail ?? ''}`.trim() : src.source === 'file' ? 'file' : src.source;
        return `${rel(k).padEnd(width)}  ${show(readPath(config, k)).padStart(vwidth)}  ${from}`;
      });
      out.push(
        `${bold(section.includes('.') && leaves[0] === section ? section.split('.').slice(0, -1).join('.') : section)}\n<pre>${escapeHtml(lines.join('\n'))}</pre>`,
      );
    }
    out.push(
      `Admins change one with ${escapeHtml('/set KEY VALUE')} (e.g. /set alerting.thresholds.high.squeeze_score 0.85) and undo it with /reset KEY.`,
    );
    await ctx.reply(out.join('\n'));
  },
});
