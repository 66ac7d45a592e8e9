import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { dropEmptyColumns, isBlankCell, table, type Column } from '../../src/reports/report-html.parts';

// The one table builder every HTML/email report table goes through: columns nobody has a value in are
// left out (each costs a phone screen of dashes), and each cell carries its column name for the phone
// stylesheet's card rows.

const header: Column[] = [
  { label: 'Symbol', lead: true },
  { label: 'Fee', num: true },
  { label: 'Note', wide: true },
];

describe('dropEmptyColumns', () => {
  it('drops a column whose every cell is empty, a dash or markup around nothing', () => {
    const out = dropEmptyColumns(header, [
      ['GME', '—', { html: '<abbr title="x"> </abbr>' }],
      ['AMC', '', '-'],
    ]);
    expect(out.header.map((h) => h.label)).toEqual(['Symbol']);
    expect(out.rows).toEqual([['GME'], ['AMC']]);
  });

  it('keeps a column when one row has a value, and keeps the others aligned', () => {
    const out = dropEmptyColumns(header, [
      ['GME', '—', '—'],
      ['AMC', '—', { html: '<b>borrow went to zero</b>' }],
    ]);
    expect(out.header.map((h) => h.label)).toEqual(['Symbol', 'Note']);
    expect(out.rows).toEqual([
      ['GME', '—'],
      ['AMC', { html: '<b>borrow went to zero</b>' }],
    ]);
  });

  it('leaves a table without rows as it is', () => {
    expect(dropEmptyColumns(header, []).header).toHaveLength(3);
  });

  it('counts a zero or an arrow as a value', () => {
    expect(isBlankCell('0')).toBe(false);
    expect(isBlankCell({ html: '<span class="trend">▲</span>' })).toBe(false);
    expect(isBlankCell(' — ')).toBe(true);
    expect(isBlankCell(undefined)).toBe(true);
  });
});

describe('table', () => {
  it('renders only the kept columns, each cell labelled and flagged for the card layout', () => {
    const doc = parse(
      table(header, [
        ['GME', '—', 'short squeeze <now>'],
        ['AMC', '—', '—'],
      ]),
    );
    expect(doc.querySelectorAll('th').map((th) => th.text)).toEqual(['Symbol', 'Note']);
    const [gme, amc] = doc.querySelectorAll('tbody tr');
    expect(gme!.querySelectorAll('td').map((td) => td.getAttribute('data-label'))).toEqual(['Symbol', 'Note']);
    expect(gme!.querySelectorAll('td')[0]!.classList.contains('lead')).toBe(true);
    expect(gme!.querySelectorAll('td')[1]!.classList.contains('wide')).toBe(true);
    expect(gme!.querySelectorAll('td')[1]!.text).toBe('short squeeze <now>');
    expect(gme!.querySelectorAll('now')).toHaveLength(0);
    // a blank cell in a kept column is marked so the card layout can hide it
    expect(amc!.querySelectorAll('td')[1]!.classList.contains('blank')).toBe(true);
  });
});
