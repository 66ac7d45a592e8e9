import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { readPath } from '../src/config/settings-store';
import { bold, escapeHtml } from '../src/present/html';
import { joinOrBreak, wrapHtml } from '../src/present/phone-width';

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

const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));

/** Plain names for the sections; a key the table lacks reads as its words (another table may replace this). */
const SECTION_NAME: Record<string, string> = {
  'alerting.thresholds': 'Alert levels',
  'alerting.cooldown': 'Days between alerts',
  'volume_detector.analysis': 'Volume spike',
  'volume_detector.filters': 'Volume filters',
  'deep_scan.ranking_size': 'Deep scan',
  'deep_scan.metrics': 'Deep scan data',
  adhoc: 'Tickers you add',
  short_interest: 'Short interest',
  'chat.rate_limit_per_minute': 'Chat',
};
const LEVEL_NAME: Record<string, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/** `alerting.thresholds.high.min_volume_spike` → `min volume spike`: the words after its group. */
const keyWords = (rel: string) => rel.split('.').pop()!.replaceAll('_', ' ');

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
    const out = [bold('Thresholds'), 'set in chat or a file: says where'];
    for (const section of sections) {
      const leaves = keys.filter((k) => k === section || k.startsWith(`${section}.`));
      if (leaves.length === 0) continue;
      const rel = (k: string) => (k === section ? k.split('.').pop()! : k.slice(section.length + 1));
      const line = (k: string) => {
        const src = sources.get(k)!;
        const from = src.source === 'chat' ? `chat ${src.detail ?? ''}`.trim() : src.source === 'file' ? 'file' : '';
        return joinOrBreak(
          `  ${escapeHtml(keyWords(rel(k)))} ${bold(show(readPath(config, k)))}`,
          escapeHtml(from),
          ' · ',
          '    ',
        );
      };
      out.push(bold(SECTION_NAME[section] ?? keyWords(section)));
      // leaves under a level (high.squeeze_score) are grouped by it: one heading per level
      let level: string | null = null;
      for (const k of leaves) {
        const parts = rel(k).split('.');
        const group = parts.length > 1 ? parts[0]! : null;
        if (group !== level && group) out.push(`${escapeHtml(LEVEL_NAME[group] ?? keyWords(group))}:`);
        level = group;
        out.push(line(k));
      }
    }
    out.push(wrapHtml('Admins change one with /set KEY VALUE and undo it with /reset KEY.'));
    await ctx.reply(out.join('\n'));
  },
});
