import { describe, expect, it } from "vitest";
import {
  FIRST_PAGE, NO_FILTERS, currentCursor, filtered, filtersOf, filtersProblem, hasPrevious, listRequest, nextPage,
  previousPage, queryOf, startOfDay, statusClass,
} from "./lists";

describe("list filters in the route", () => {
  it("reads the filters from the query, ignoring an unknown status", () => {
    const filters = filtersOf(new URLSearchParams("workflow=leave-request&status=NOPE&title=%20trip%20&after=t:1"));
    expect(filters).toEqual({ ...NO_FILTERS, workflow: "leave-request", title: "trip" });
    expect(filtered(filters)).toBe(true);
    expect(filtered(NO_FILTERS)).toBe(false);
  });

  it("writes only the set filters back, so links stay short and drop the read-your-writes token", () => {
    expect(queryOf({ ...NO_FILTERS, status: "FINISHED", serial: " BTN-1 " })).toEqual({ status: "FINISHED", serial: "BTN-1" });
    const back = filtersOf(new URLSearchParams(new URLSearchParams(queryOf({ ...NO_FILTERS, from: "2026-01-02" }) as Record<string, string>)));
    expect(back.from).toBe("2026-01-02");
  });
});

describe("the list request", () => {
  it("asks for a page with the filters, a state only within a workflow", () => {
    expect(listRequest({ ...NO_FILTERS, state: "draft", title: "trip", serial: "BTN" }, undefined, undefined))
      .toEqual({ limit: 20, title: "trip", serialNo: "BTN" });
    expect(listRequest({ ...NO_FILTERS, workflow: "w", state: "s", status: "DRAFT" }, "c2", undefined))
      .toEqual({ limit: 20, workflow: "w", state: "s", status: "DRAFT", cursor: "c2" });
  });

  it("counts both days of the created range: from that midnight to the midnight after the last day", () => {
    const request = listRequest({ ...NO_FILTERS, from: "2026-03-01", to: "2026-03-31" }, undefined, undefined);
    expect(request.createdFrom).toEqual(new Date(2026, 2, 1));
    expect(request.createdTo).toEqual(new Date(2026, 3, 1));
    expect(startOfDay("31/03/2026")).toBeUndefined();
  });

  it("waits for a write named by a well-formed token, and ignores another", () => {
    expect(listRequest(NO_FILTERS, undefined, "abc:4").consistentWith).toBe("abc:4");
    expect(listRequest(NO_FILTERS, undefined, "abc").consistentWith).toBeUndefined();
  });

  it("refuses a range that ends before it starts", () => {
    expect(filtersProblem({ ...NO_FILTERS, from: "2026-03-02", to: "2026-03-01" })).toBe("inbox.list.badRange");
    expect(filtersProblem({ ...NO_FILTERS, from: "2026-03-02", to: "2026-03-02" })).toBeUndefined();
  });
});

describe("cursor paging", () => {
  it("goes on with each page's next cursor and back through the pages seen", () => {
    let pages = FIRST_PAGE;
    expect(currentCursor(pages)).toBeUndefined();
    expect(hasPrevious(pages)).toBe(false);
    pages = nextPage(pages, "p2");
    pages = nextPage(pages, "p3");
    expect(currentCursor(pages)).toBe("p3");
    pages = previousPage(pages);
    expect(currentCursor(pages)).toBe("p2");
    expect(hasPrevious(pages)).toBe(true);
    pages = previousPage(previousPage(pages));
    expect(pages).toEqual(FIRST_PAGE);
  });
});

it("colours statuses: finished as ended, rejected as bad, closed as a warning", () => {
  expect(statusClass("FINISHED")).toBe("badge ended");
  expect(statusClass("REJECTED")).toBe("badge bad");
  expect(statusClass("CLOSED")).toBe("badge warn");
  expect(statusClass("IN_PROGRESS")).toBe("badge");
});
