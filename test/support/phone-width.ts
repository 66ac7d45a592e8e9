import { expect } from 'vitest';
import { PHONE_COLUMNS, textWidth, visibleLines } from '../../src/present/phone-width';

/** Asserts every line of every reply fits a phone bubble; the failure lists the lines too wide. */
export function expectPhoneWidth(replies: string | readonly string[], max = PHONE_COLUMNS): void {
  const wide = (typeof replies === 'string' ? [replies] : replies)
    .flatMap(visibleLines)
    .filter((l) => textWidth(l) > max)
    .map((l) => `${textWidth(l)}: ${l}`);
  expect(wide, `lines wider than ${max}`).toEqual([]);
}

/** A reply with its lines joined by single spaces: prose assertions that do not care where a line wraps. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ');
