import { describe, expect, it } from "vitest";
import {
  EMPTY_INPUT, availableCommands, checksRequired, commandBody, favourable, detailText, keyFor, sendBackTargets, snapshotFields, stepProgress,
  transitionsOf, writtenOf,
} from "./ticket";

describe("the commands a ticket offers", () => {
  it("offers exactly what the detail's actions allow, work first", () => {
    expect(availableCommands({ accept: true, cc: true, comment: true, transfer: false })).toEqual(["accept", "cc", "comment"]);
    expect(availableCommands({
      sendBack: true, transfer: true, addSign: true, patchFields: true, cc: true, comment: true, remind: true,
      withdraw: true, close: true, release: true, finishSign: true,
    })).toEqual(["finishSign", "sendBack", "transfer", "addSign", "release", "patch", "withdraw", "remind", "cc",
      "comment", "close"]);
    expect(availableCommands(undefined)).toEqual([]);
  });

  it("lists the transitions with a name to show, and checks required fields only where the definition says so", () => {
    expect(transitionsOf({ transitions: [{ key: "ok", name: "Approve", kind: "AGREE" }, { key: "no" }, { name: "x" }] }))
      .toEqual([{ key: "ok", name: "Approve", kind: "AGREE", checkRequiredFields: false },
        { key: "no", name: "no", kind: "OTHER", checkRequiredFields: false }]);
    expect(checksRequired({ checkRequiredFields: true })).toBe(true);
    expect(checksRequired({ checkRequiredFields: false })).toBe(false);
    expect(checksRequired(undefined)).toBe(false);
    expect(favourable("AGREE")).toBe(true);
    expect(favourable("OTHER")).toBe(true);
    expect(favourable("REJECT")).toBe(false);
    expect(transitionsOf({ transitions: [{ key: "ok", kind: "AGREE" }, { key: "no", kind: "REJECT" }] },
      [{ key: "ok", checkRequiredFields: true }, { key: "no", checkRequiredFields: false }])
      .map((t) => t.checkRequiredFields)).toEqual([true, false]);
  });
});

describe("the step bar", () => {
  it("shows passed steps done, the current one current, and all done once the ticket finished", () => {
    expect(stepProgress("PASSED", "IN_PROGRESS")).toBe("done");
    expect(stepProgress("CURRENT", "IN_PROGRESS")).toBe("current");
    expect(stepProgress("AHEAD", "IN_PROGRESS")).toBe("todo");
    expect(stepProgress("CURRENT", "FINISHED")).toBe("done");
    expect(stepProgress("CURRENT", "CLOSED")).toBe("current");
  });

  it("offers the passed states, not the current one, to send back to", () => {
    const steps = [
      { key: "draft", name: "Draft", progress: "PASSED" },
      { key: "leader", name: "Leader", progress: "PASSED" },
      { key: "ops", name: "Ops", progress: "CURRENT" },
      { key: "done", progress: "AHEAD" },
    ];
    expect(sendBackTargets(steps, "ops")).toEqual([{ key: "draft", name: "Draft" }, { key: "leader", name: "Leader" }]);
    expect(sendBackTargets(steps, "leader")).toEqual([{ key: "draft", name: "Draft" }]);
  });
});

describe("command bodies", () => {
  it("names the version seen and the trimmed comment", () => {
    expect(commandBody("remind", { ...EMPTY_INPUT, comment: "  please " }, 4)).toEqual({ body: { expectedVersion: 4, comment: "please" } });
    expect(commandBody("accept", { ...EMPTY_INPUT, comment: "ignored" }, 2)).toEqual({ body: { expectedVersion: 2 } });
    expect(commandBody("close", { ...EMPTY_INPUT, comment: "dup" }, 1)).toEqual({ body: { expectedVersion: 1, reason: "dup" } });
  });

  it("requires a comment's text and keeps it within 4,000 characters", () => {
    expect(commandBody("comment", EMPTY_INPUT, 1)).toEqual({ problems: { comment: { key: "inbox.form.required" } } });
    expect(commandBody("withdraw", { ...EMPTY_INPUT, comment: "x".repeat(4001) }, 1))
      .toEqual({ problems: { comment: { key: "inbox.form.tooLong", vars: { max: 4000 } } } });
  });

  it("transfers to exactly one user and copies to a list", () => {
    expect(commandBody("transfer", { ...EMPTY_INPUT, users: "dina" }, 3)).toEqual({ body: { expectedVersion: 3, to: "dina" } });
    expect(commandBody("transfer", { ...EMPTY_INPUT, users: "dina, lena" }, 3)).toEqual({ problems: { users: { key: "inbox.form.oneUser" } } });
    expect(commandBody("cc", { ...EMPTY_INPUT, users: "dina, lena, dina" }, 3)).toEqual({ body: { expectedVersion: 3, to: ["dina", "lena"] } });
    expect(commandBody("cc", EMPTY_INPUT, 3)).toEqual({ problems: { users: { key: "inbox.form.required" } } });
  });

  it("adds signers before, after (holding a transition) or alongside, as Baton allows", () => {
    expect(commandBody("addSign", { ...EMPTY_INPUT, users: "dina", position: "BEFORE", mode: "ALL" }, 1))
      .toEqual({ body: { expectedVersion: 1, users: ["dina"], position: "BEFORE", mode: "ALL" } });
    expect(commandBody("addSign", { ...EMPTY_INPUT, users: "dina", position: "AFTER", target: "approve" }, 1))
      .toEqual({ body: { expectedVersion: 1, users: ["dina"], position: "AFTER", mode: "ANY", transition: "approve" } });
    expect(commandBody("addSign", { ...EMPTY_INPUT, users: "dina", position: "AFTER" }, 1))
      .toEqual({ problems: { target: { key: "inbox.form.required" } } });
    expect(commandBody("addSign", { ...EMPTY_INPUT, users: "dina", position: "PARALLEL", mode: "SEQUENTIAL" }, 1))
      .toEqual({ problems: { target: { key: "inbox.act.parallelInTurn" } } });
    const many = Array.from({ length: 21 }, (_, i) => `u${i}`).join(",");
    expect(commandBody("addSign", { ...EMPTY_INPUT, users: many }, 1)).toEqual({ problems: { users: { key: "inbox.form.tooMany", vars: { max: 20 } } } });
  });

  it("sends back to a chosen state, maybe to come straight back, and finishes a sign agreeing or not", () => {
    expect(commandBody("sendBack", { ...EMPTY_INPUT, target: "draft", resubmitToMe: true }, 5))
      .toEqual({ body: { expectedVersion: 5, toState: "draft", resubmitToMe: true } });
    expect(commandBody("sendBack", EMPTY_INPUT, 5)).toEqual({ problems: { target: { key: "inbox.form.required" } } });
    expect(commandBody("finishSign", { ...EMPTY_INPUT, agree: false, comment: "no" }, 5))
      .toEqual({ body: { expectedVersion: 5, agree: false, comment: "no" } });
  });
});

describe("idempotency and read-your-writes", () => {
  it("reuses the key for the same request and takes a fresh one for another", () => {
    let n = 0;
    const fresh = () => `k${++n}`;
    const first = keyFor(undefined, "{a}", fresh);
    expect(first).toEqual({ body: "{a}", key: "k1" });
    expect(keyFor(first, "{a}", fresh).key).toBe("k1");
    expect(keyFor(first, "{b}", fresh)).toEqual({ body: "{b}", key: "k2" });
  });

  it("takes the written version from a command's answer", () => {
    expect(writtenOf({ ticketId: "t", version: 0 }, "x")).toEqual({ ticketId: "t", version: 0 });
    expect(writtenOf({ version: 3 }, "x")).toEqual({ ticketId: "x", version: 3 });
    expect(writtenOf({}, "x")).toBeUndefined();
  });
});

it("lists a snapshot's fields in the workflow's order with their labels, unknown ones last", () => {
  const defs = [{ key: "days", label: "Days", type: "INTEGER" }, { key: "reason", label: "Reason" }, { key: "note" }];
  expect(snapshotFields({ reason: "trip", extra: 1, days: 2 }, defs)).toEqual([
    { key: "days", label: "Days", type: "INTEGER", value: 2 },
    { key: "reason", label: "Reason", type: undefined, value: "trip" },
    { key: "extra", label: "extra", value: 1 },
  ]);
});

describe("a flow log entry's details", () => {
  const labels = { days: "Days", ops_note: "Ops note" };

  it("says whom a transfer, CC, reminder or add-sign went to, but not a send-back's state", () => {
    expect(detailText("transfer", { to: "dina" }, labels)).toEqual(["→ dina"]);
    expect(detailText("cc", { to: ["dina", "lena"] }, labels)).toEqual(["→ dina, lena"]);
    expect(detailText("addSign", { to: "dina", users: ["dina", "ops1"], position: "BEFORE" }, labels)).toEqual(["→ dina, ops1"]);
    expect(detailText("sendBack", { to: "draft" }, labels)).toEqual([]);
    expect(detailText("remind", { users: [] }, labels)).toEqual([]);
  });

  it("lists the fields set and changed, labelled, with long values shortened", () => {
    expect(detailText("patch", { changes: [{ field: "days", before: 1, after: 2 }, { field: "x", before: null, after: "y" }] }, labels))
      .toEqual(["Days: 1 → 2", "x: — → y"]);
    expect(detailText("handle", { fields: { ops_note: "n".repeat(50) } }, labels)).toEqual([`Ops note: ${"n".repeat(39)}…`]);
    expect(detailText("handle", { fields: {} }, labels)).toEqual([]);
    expect(detailText("accept", undefined, labels)).toEqual([]);
  });

  it("orders set fields as the workflow does and keeps the list short", () => {
    expect(detailText("create", { fields: { z: 1, ops_note: "n", days: 2 } }, labels)).toEqual(["Days: 2", "Ops note: n", "z: 1"]);
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, i]));
    expect(detailText("create", { fields: many }, {})).toEqual(["f0: 0", "f1: 1", "f2: 2", "f3: 3", "+4"]);
  });
});
