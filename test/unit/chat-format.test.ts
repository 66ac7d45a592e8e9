import { describe, expect, it } from 'vitest';
import { alignColumns, escapeHtml, htmlToText, preTable } from '../../src/present/html';
import { CAPTION_LIMIT, splitCaption, splitMessage } from '../../src/present/split-message';
import { fmtCount, fmtInstant, fmtPct } from '../../src/present/format';

const balanced = (html: string) => {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0;
};

describe('escapeHtml', () => {
  it.each([
    ['<b>&', '&lt;b&gt;&amp;'],
    ['AT&T "x"', 'AT&amp;T &quot;x&quot;'],
    [null, ''],
    [42, '42'],
  ])('escapes %j', (input, out) => expect(escapeHtml(input)).toBe(out));

  it('round-trips through htmlToText', () => expect(htmlToText(`<b>${escapeHtml('a<b & c>')}</b>`)).toBe('a<b & c>'));
});

describe('tables', () => {
  it('right-aligns numeric columns and pads text columns', () => {
    const t = alignColumns(
      ['sym', 'score'],
      [
        ['GME', '0.5'],
        ['KOSS', '0.93'],
      ],
    );
    expect(t.split('\n')).toEqual(['sym   score', '────  ─────', 'GME     0.5', 'KOSS   0.93']);
  });

  it('escapes cells inside the <pre>', () => expect(preTable(['a'], [['<x>']])).toBe('<pre>a\n───\n&lt;x&gt;</pre>'));
});

describe('splitMessage', () => {
  it('keeps a short message whole', () => expect(splitMessage('<b>hi</b>\nthere')).toEqual(['<b>hi</b>\nthere']));

  it('cuts on line boundaries under the limit', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    const parts = splitMessage(lines.join('\n'));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    expect(parts.join('\n').split('\n')).toEqual(lines);
  });

  it('closes a <pre> at the cut and reopens it in the next part', () => {
    const table = Array.from({ length: 300 }, (_, i) => `ROW${i}  ${'1'.repeat(20)}`).join('\n');
    const parts = splitMessage(`<b>Top</b>\n<pre>${table}</pre>\nend`);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(balanced(p)).toBe(true);
    }
    expect(parts[1]!.startsWith('<pre>')).toBe(true);
    expect(parts.at(-1)!.endsWith('end')).toBe(true);
  });

  it('cuts an over-long line without breaking a tag or an entity', () => {
    const line = `${'&amp;'.repeat(1500)}<b>${'y'.repeat(3000)}</b>`;
    const parts = splitMessage(line);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(balanced(p)).toBe(true);
      expect(p).not.toMatch(/&[a-z]*$|<[^>]*$/);
    }
    expect(parts.join('').replace(/<\/?b>/g, '')).toBe(line.replace(/<\/?b>/g, ''));
  });

  it('cuts captions at 1024 and sends the rest as messages', () => {
    const long = Array.from({ length: 100 }, (_, i) => `<b>${i}</b> ${'z'.repeat(30)}`).join('\n');
    const { caption, rest } = splitCaption(long);
    expect(caption.length).toBeLessThanOrEqual(CAPTION_LIMIT);
    expect(rest.length).toBeGreaterThan(0);
    expect(splitCaption('short').rest).toEqual([]);
  });
});

describe('trader formats', () => {
  it.each([
    [1_234_567, '1.23M'],
    [93_400_000, '93.4M'],
    [812, '812'],
    [45_000, '45k'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('fmtCount(%s) is %s', (x, out) => expect(fmtCount(x)).toBe(out));
  it('fmtPct shows a fraction as a percent', () => expect(fmtPct(0.234)).toBe('23.4%'));
});

describe("fmtInstant in a reader's zone", () => {
  it.each([
    ['UTC', '2021-01-28 00:00 UTC', '2021-07-28 00:00 UTC'],
    ['America/New_York', '2021-01-27 19:00 EST', '2021-07-27 20:00 EDT'],
    ['Europe/Berlin', '2021-01-28 01:00 CET', '2021-07-28 02:00 CEST'],
    ['Europe/London', '2021-01-28 00:00 GMT', '2021-07-28 01:00 BST'],
    ['Asia/Tokyo', '2021-01-28 09:00 GMT+9', '2021-07-28 09:00 GMT+9'],
  ])("%s: the wall clock there with the zone's letters, summer time included", (zone, winter, summer) => {
    expect(fmtInstant('2021-01-28T00:00:00.000Z', zone)).toBe(winter);
    expect(fmtInstant('2021-07-28T00:00:00.000Z', zone)).toBe(summer);
  });

  it('is a dash for no instant', () => {
    expect(fmtInstant(null, 'Europe/Berlin')).toBe('—');
  });
});
