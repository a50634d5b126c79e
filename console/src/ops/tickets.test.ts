import { describe, expect, it } from "vitest";
import {
  adminActions, allRequest, checkMigrate, checkTicketFilters, dayAfter, jumpTargets, mappingTargets, migrateRequest,
  newerVersions, statesToMap, ticketFiltersOf, ticketFiltersQuery, written,
} from "./tickets";

const empty = { workflow: "", state: "", status: "", from: "", to: "", title: "", serialNo: "" };

describe("all-tickets filters", () => {
  it("round-trip through the address", () => {
    const filters = { ...empty, workflow: "leave", status: "IN_PROGRESS", from: "2026-12-01", title: "laptop" };
    expect(ticketFiltersOf(new URLSearchParams(ticketFiltersQuery(filters)))).toEqual(filters);
  });

  it("make a request with only the filters set, the 'to' day included", () => {
    expect(allRequest(empty)).toEqual({ limit: 20 });
    const request = allRequest({ ...empty, workflow: " leave ", state: "ops", status: "FINISHED", from: "2026-12-01",
      to: "2026-12-31", serialNo: "BTN-1" }, "c2", 50);
    expect(request).toEqual({ limit: 50, workflow: "leave", state: "ops", status: "FINISHED",
      createdFrom: new Date(2026, 11, 1), createdTo: new Date(2027, 0, 1), serialNo: "BTN-1", cursor: "c2" });
    expect(dayAfter("2026-02-28")).toEqual(new Date(2026, 2, 1));
  });

  it("refuse unreadable dates and a range that ends before it starts", () => {
    expect(checkTicketFilters({ ...empty, from: "2026-12-05", to: "2026-12-01" }).map((p) => p.message)).toEqual(["ops.check.toBeforeFrom"]);
    expect(checkTicketFilters({ ...empty, from: "yesterday" }).map((p) => p.message)).toEqual(["ops.check.date"]);
    expect(checkTicketFilters({ ...empty, from: "2026-12-01", to: "2026-12-01" })).toEqual([]);
  });
});

describe("admin actions", () => {
  const ticket = { ticketId: "t1", version: 4, status: "IN_PROGRESS" as const, workflowVersion: 1, state: { key: "b" } };

  it("follow the ticket's actions, with migrate when a newer version exists", () => {
    expect(adminActions({ ...ticket, actions: { reassign: true, jump: true, _delete: true } }, 2)).toEqual(["reassign", "jump", "migrate", "delete"]);
    expect(adminActions({ ...ticket, actions: { reassign: false, jump: true, _delete: true } }, 1)).toEqual(["jump", "delete"]);
    expect(adminActions({ ...ticket, status: "FINISHED", actions: { _delete: true } }, 2)).toEqual(["delete"]);
    expect(adminActions({ ...ticket, status: "DELETED" }, 2)).toEqual([]);
  });

  it("jump anywhere but the current state, in order", () => {
    const states = [{ key: "c", order: 3 }, { key: "a", order: 1 }, { key: "b", order: 2 }];
    expect(jumpTargets(states, "b").map((s) => s.key)).toEqual(["a", "c"]);
  });

  it("migrate to newer versions only, newest first", () => {
    expect(newerVersions([{ version: 1 }, { version: 3 }, { version: 2 }], 1)).toEqual([3, 2]);
    expect(newerVersions([{ version: 1 }], 1)).toEqual([]);
  });

  it("ask a mapping for each state the new version lacks, to a state of the same type", () => {
    const from = [{ key: "draft", type: "START" as const }, { key: "lead", name: "Lead", type: "NORMAL" as const }, { key: "done", type: "END" as const }];
    const to = [{ key: "draft", type: "START" as const }, { key: "mgr", type: "NORMAL" as const, order: 2 }, { key: "ops", type: "NORMAL" as const, order: 1 }, { key: "done", type: "END" as const }];
    const needed = statesToMap(from, to);
    expect(needed.map((s) => s.key)).toEqual(["lead"]);
    expect(mappingTargets(needed[0], to).map((s) => s.key)).toEqual(["ops", "mgr"]);
    const form = { toVersion: "2", mapping: {}, reason: "" };
    expect(checkMigrate(form, needed)).toEqual([{ field: "mapping.lead", message: "ops.check.unmapped", vars: { state: "Lead" } }]);
    const mapped = { ...form, mapping: { lead: "mgr", draft: "draft" }, reason: " v2 " };
    expect(checkMigrate(mapped, needed)).toEqual([]);
    expect(migrateRequest(mapped, needed, 4)).toEqual({ toVersion: 2, stateMapping: { lead: "mgr" }, reason: "v2", expectedVersion: 4 });
    expect(migrateRequest(form, [], 4)).toEqual({ toVersion: 2, stateMapping: undefined, reason: undefined, expectedVersion: 4 });
    expect(checkMigrate({ ...form, toVersion: "" }, []).map((p) => p.field)).toEqual(["toVersion"]);
  });

  it("hand the ticket page what the command wrote", () => {
    expect(written({ ticketId: "t1", version: 5 }, ticket)).toEqual({ ticketId: "t1", version: 5 });
  });
});
