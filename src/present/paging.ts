// Long lists in chat come a page at a time (a phone shows ~10 cards before scrolling away); the page
// number is an argument of the command so Prev/Next can run it again in place.

export const PAGE_SIZE = 10;

export interface Page<T> {
  items: T[];
  /** 1-based, clamped to the pages there are */
  page: number;
  pages: number;
  /** the index of the page's first item in the whole list */
  offset: number;
}

export function pageOf<T>(all: readonly T[], page: number, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(1, Math.floor(page)), pages);
  const offset = (p - 1) * size;
  return { items: all.slice(offset, offset + size), page: p, pages, offset };
}
