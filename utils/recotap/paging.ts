/**
 * Keyset pagination (recotap-api.md §2.5). Loops on `hasNextPage` only, because the live API
 * leaves `nextCursor` set on the last page; refuses to follow a cursor that does not advance.
 */
import { RecotapError } from './errors';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  hasNextPage: boolean;
}

export interface PageIterationOptions {
  /** resume from this cursor (a previous page's nextCursor) instead of the first page */
  cursor?: string;
  /** defensive cap on the number of pages (§5 #5) */
  maxPages?: number;
}

/** Yields pages from `fetchPage(cursor)` until one says hasNextPage: false. */
export async function* iteratePages<T, P extends Page<T>>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  options: PageIterationOptions = {},
): AsyncGenerator<P, void, undefined> {
  const maxPages = options.maxPages ?? 10_000;
  const seen = new Set<string>();
  let cursor = options.cursor;
  if (cursor !== undefined) seen.add(cursor);
  for (let n = 0; ; n++) {
    if (n >= maxPages) {
      throw new RecotapError('unexpected-response', `The Recotap API kept reporting more pages after ${maxPages} pages; stopped to avoid an endless loop.`);
    }
    const page = await fetchPage(cursor);
    yield page;
    if (!page.hasNextPage) return;
    const next = page.nextCursor;
    if (next === null || next === '' || seen.has(next)) {
      throw new RecotapError(
        'unexpected-response',
        'The Recotap API reported another page but its page cursor did not advance; stopped to avoid an endless loop.',
      );
    }
    seen.add(next);
    cursor = next;
  }
}

/** Collects every row of every page. */
export async function drainPages<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  for await (const page of pages) rows.push(...page.data);
  return rows;
}
