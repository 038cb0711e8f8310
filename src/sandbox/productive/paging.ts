/**
 * Productive's page-number paging: `page[number]` (1-based) and `page[size]` (default 30, max 200), with `meta`
 * totals and absolute `links` built like the official doc's (`...?page%5Bnumber%5D=1&page%5Bsize%5D=30`).
 */

export interface PagingLimits {
  defaultSize: number;
  maxSize: number;
}

export interface PageRequest {
  number: number;
  size: number;
}

const NUMBER_PARAM = "page[number]";
const SIZE_PARAM = "page[size]";

function positiveInteger(raw: string | null): number | undefined {
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/**
 * Lenient like the Rails paginator behind the API: a missing, zero, negative or non-numeric page number means
 * page 1, such a size means the default, and a size above the maximum is clamped to it.
 */
export function parsePage(url: URL, limits: PagingLimits): PageRequest {
  const number = positiveInteger(url.searchParams.get(NUMBER_PARAM)) ?? 1;
  const size = Math.min(
    positiveInteger(url.searchParams.get(SIZE_PARAM)) ?? limits.defaultSize,
    limits.maxSize,
  );
  return { number, size };
}

export interface Page<T> {
  items: T[];
  /** Index of the first record after this page in the listed collection (the end of what has been served). */
  end: number;
}

/** The slice of an ordered list a page covers; a page past the last one is empty. */
export function pageOf<T>(list: readonly T[], page: PageRequest): Page<T> {
  const offset = Math.min((page.number - 1) * page.size, list.length);
  const end = Math.min(offset + page.size, list.length);
  return { items: list.slice(offset, end), end: offset >= list.length ? list.length : end };
}

function pageLink(url: URL, number: number, size: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    if (key !== NUMBER_PARAM && key !== SIZE_PARAM) params.append(key, value);
  }
  params.append(NUMBER_PARAM, String(number));
  params.append(SIZE_PARAM, String(size));
  return `${url.origin}${url.pathname}?${params}`;
}

/**
 * `{data, links, meta}` of a list response. `links` has `first` and `last` always (as in the doc), `prev` and
 * `next` when such a page exists. An empty collection has `total_pages: 0` and `last` pointing at page 1.
 */
export function listDocument(
  url: URL,
  page: PageRequest,
  totalCount: number,
  data: unknown,
  limits: PagingLimits,
) {
  const totalPages = Math.ceil(totalCount / page.size);
  const links: Record<string, string> = { first: pageLink(url, 1, page.size) };
  if (page.number > 1) links.prev = pageLink(url, page.number - 1, page.size);
  if (page.number < totalPages) links.next = pageLink(url, page.number + 1, page.size);
  links.last = pageLink(url, Math.max(totalPages, 1), page.size);
  return {
    data,
    links,
    meta: {
      current_page: page.number,
      total_pages: totalPages,
      total_count: totalCount,
      page_size: page.size,
      max_page_size: limits.maxSize,
    },
  };
}
