/**
 * The user's lists (todo, related, created, cc): their filters as kept in the route's query (so a link keeps them),
 * the list request they make, and the stack of cursors that lets the pager go back.
 */

export const STATUSES = ["DRAFT", "IN_PROGRESS", "REJECTED", "FINISHED", "CLOSED"] as const;
export type Status = (typeof STATUSES)[number];

/** The filters as the form holds them: text, dates as yyyy-MM-dd (created from/to, both days included). */
export interface Filters {
  workflow: string;
  state: string;
  status: string;
  from: string;
  to: string;
  title: string;
  serial: string;
}

export const NO_FILTERS: Filters = { workflow: "", state: "", status: "", from: "", to: "", title: "", serial: "" };

const KEYS = Object.keys(NO_FILTERS) as (keyof Filters)[];

/** The filters a route's query holds. */
export function filtersOf(query: URLSearchParams): Filters {
  const filters = { ...NO_FILTERS };
  for (const key of KEYS) {
    filters[key] = query.get(key)?.trim() ?? "";
  }
  if (!STATUSES.includes(filters.status as Status)) {
    filters.status = "";
  }
  return filters;
}

/** The filters as a route's query (empty ones left out); a new filter drops any read-your-writes token. */
export function queryOf(filters: Filters): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {};
  for (const key of KEYS) {
    const value = filters[key].trim();
    if (value) {
      query[key] = value;
    }
  }
  return query;
}

/** Whether any filter is set. */
export function filtered(filters: Filters): boolean {
  return KEYS.some((k) => filters[k].trim() !== "");
}

/** Local midnight at the start of a yyyy-MM-dd day, or undefined when it is not a day. */
export function startOfDay(day: string, plusDays = 0): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) {
    return undefined;
  }
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface ListRequest {
  workflow?: string;
  state?: string;
  status?: Status;
  createdFrom?: Date;
  createdTo?: Date;
  title?: string;
  serialNo?: string;
  limit: number;
  cursor?: string;
  consistentWith?: string;
}

export const PAGE_SIZE = 20;

/**
 * The list request for the filters, the page's cursor and a read-your-writes token (`?after=`, which makes the list
 * wait until it shows that write). "Created to" includes its day: Baton's `createdTo` is exclusive, so it is the
 * next day's midnight.
 */
export function listRequest(filters: Filters, cursor: string | undefined, after: string | undefined): ListRequest {
  const request: ListRequest = { limit: PAGE_SIZE };
  if (filters.workflow) request.workflow = filters.workflow;
  if (filters.workflow && filters.state) request.state = filters.state;
  if (filters.status) request.status = filters.status as Status;
  const from = startOfDay(filters.from);
  const to = startOfDay(filters.to, 1);
  if (from) request.createdFrom = from;
  if (to) request.createdTo = to;
  if (filters.title) request.title = filters.title;
  if (filters.serial) request.serialNo = filters.serial;
  if (cursor) request.cursor = cursor;
  if (after && /^.+:\d+$/.test(after)) request.consistentWith = after;
  return request;
}

/** A filter's problem before the list is asked: "created to" before "created from". */
export function filtersProblem(filters: Filters): string | undefined {
  const from = startOfDay(filters.from);
  const to = startOfDay(filters.to);
  return from && to && to < from ? "inbox.list.badRange" : undefined;
}

/**
 * The pages seen: the cursors that opened them, the first page's being undefined. Next pushes the page's
 * `nextCursor`; Previous pops back to the page before.
 */
export interface Pages {
  stack: (string | undefined)[];
}

export const FIRST_PAGE: Pages = { stack: [undefined] };

export function currentCursor(pages: Pages): string | undefined {
  return pages.stack[pages.stack.length - 1];
}

export function nextPage(pages: Pages, cursor: string): Pages {
  return { stack: [...pages.stack, cursor] };
}

export function previousPage(pages: Pages): Pages {
  return pages.stack.length > 1 ? { stack: pages.stack.slice(0, -1) } : pages;
}

export function hasPrevious(pages: Pages): boolean {
  return pages.stack.length > 1;
}

/** The badge class of a ticket status (console.css: ended, warn, bad). */
export function statusClass(status: string | undefined): string {
  switch (status) {
    case "FINISHED":
      return "badge ended";
    case "REJECTED":
      return "badge bad";
    case "CLOSED":
    case "DELETED":
      return "badge warn";
    case "DRAFT":
      return "badge inbox-draft";
    default:
      return "badge";
  }
}
