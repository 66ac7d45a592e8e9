import { defineCommand } from '../src/chat/command-types';
import { noArgs } from '../src/chat/args/basic.args';
import { readPath } from '../src/config/settings-store';
import { bold, code, escapeHtml } from '../src/present/html';
import { sectionLabel, settingLeafLabel } from '../src/present/labels/settings';
import { LEVEL_LABEL } from '../src/present/labels/level-conditions';
import { fitPhone, joinOrBreak, PHONE_COLUMNS, wrapHtml } from '../src/present/phone-width';

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

/** A leaf's words under its heading; a level's conditions are already under `High level:`. */
const leafWords = (key: string): string => {
  const label = settingLeafLabel(key);
  return /^alerting\.thresholds\.\w+\./.test(key) ? label.replace(/^\w+: /, '') : label;
};

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
    // card lines, not a table: a phone bubble is ~36 characters wide
    const out = [bold('Thresholds'), 'set in chat or a file: says where'];
    for (const section of sections) {
      const leaves = keys.filter((k) => k === section || k.startsWith(`${section}.`));
      if (leaves.length === 0) continue;
      const rel = (k: string) => (k === section ? k.split('.').pop()! : k.slice(section.length + 1));
      const line = (k: string) => {
        const src = sources.get(k)!;
        const from = src.source === 'chat' ? `chat ${src.detail ?? ''}`.trim() : src.source === 'file' ? 'file' : '';
        return joinOrBreak(
          `  ${escapeHtml(leafWords(k))} ${bold(show(readPath(config, k)))}`,
          escapeHtml(from),
          ' · ',
          '    ',
        );
      };
      // the section's key in tap-to-copy code: /set takes it with the leaf's own key
      out.push(joinOrBreak(bold(sectionLabel(section)), code(section), ' ', ''));
      // leaves under a level (high.squeeze_score) are grouped by it: one heading per level
      let level: string | null = null;
      for (const k of leaves) {
        const parts = rel(k).split('.');
        const group = parts.length > 1 ? parts[0]! : null;
        if (group !== level && group) out.push(`${escapeHtml(LEVEL_LABEL[group] ?? group)} level:`);
        level = group;
        out.push(line(k));
      }
    }
    out.push(wrapHtml('Admins change one with /set KEY VALUE and undo it with /reset KEY.'));
    // a long label wraps with its value under it, indented past the leaf's own indent
    await ctx.reply(fitPhone(out.join('\n'), PHONE_COLUMNS, '    '));
  },
});
