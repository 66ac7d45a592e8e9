import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { readPath } from '../src/config/settings-store';
import { bold, code, escapeHtml } from '../src/present/html';
import { sectionLabel, settingLabel, settingLeafLabel } from '../src/present/labels/settings';

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
    // card lines, not a table: a phone bubble is ~36 characters wide; each key in tap-to-copy code for /set
    const out = [bold('Thresholds') + ' (value · where it came from)'];
    for (const section of sections) {
      const leaves = keys.filter((k) => k === section || k.startsWith(`${section}.`));
      if (leaves.length === 0) continue;
      const lines = leaves.map((k) => {
        const src = sources.get(k)!;
        const from =
          src.source === 'chat' ? `chat ${src.detail ?? ''}`.trim() : src.source === 'file' ? 'file' : src.source;
        const label = leaves.length === 1 ? settingLabel(k) : settingLeafLabel(k);
        return `${escapeHtml(label)}: ${bold(show(readPath(config, k)))} · ${escapeHtml(from)}\n  ${code(k)}`;
      });
      out.push(leaves.length === 1 ? lines[0]! : `${bold(sectionLabel(section))}\n${lines.join('\n')}`);
    }
    out.push(
      `Admins change one with ${escapeHtml('/set KEY VALUE')} (e.g. /set alerting.thresholds.high.squeeze_score 0.85) and undo it with /reset KEY.`,
    );
    await ctx.reply(out.join('\n'));
  },
});
