import { describe, expect, it } from "vitest";
import { changedProperties, diffDefinitions, diffHighlights, normalize, showValue } from "./diff";
import type { Definition } from "./model";

const v1: Definition = {
  key: "leave", name: "Leave", admins: ["admin"], description: undefined,
  fields: [{ key: "days", type: "INTEGER", options: [] }, { key: "note", type: "TEXT" }],
  states: [
    { key: "draft", type: "START", order: 1, fields: { days: "REQUIRED" } },
    { key: "approve", type: "NORMAL", order: 2, participants: { kind: "USER", values: ["lena"] }, countersign: undefined },
    { key: "done", type: "END", order: 3 },
  ],
  transitions: [
    { key: "submit", from: "draft", to: "approve", kind: "AGREE", routes: [] },
    { key: "agree", from: "approve", to: "done", kind: "AGREE" },
  ],
};

const v2: Definition = {
  key: "leave", name: "Leave request", admins: ["admin", "ops"],
  fields: [{ key: "days", type: "DECIMAL" }, { key: "reason", type: "TEXT" }],
  states: [
    { key: "draft", type: "START", order: 1, fields: { days: "REQUIRED", reason: "OPTIONAL" } },
    { key: "approve", type: "NORMAL", order: 2, participants: { kind: "USERS", values: ["lena", "sam"] }, timers: { sla: { within: "P1D" } } },
    { key: "review", type: "NORMAL", order: 3, participants: { kind: "CREATOR" } },
    { key: "done", type: "END", order: 4 },
  ],
  transitions: [
    { key: "submit", from: "draft", to: "approve", kind: "AGREE" },
    { key: "agree", from: "approve", to: "review", kind: "AGREE", routes: [{ condition: "days > 3", to: "done" }] },
    { key: "finish", from: "review", to: "done", kind: "AGREE" },
  ],
};

describe("normalize", () => {
  it("drops what means not set and sorts keys", () => {
    expect(normalize({ b: 1, a: null, c: [], d: {}, e: { f: undefined } })).toEqual({ b: 1 });
    expect(JSON.stringify(normalize({ z: 1, a: 2 }))).toBe('{"a":2,"z":1}');
    expect(normalize({ flag: false })).toEqual({ flag: false });
  });
});

describe("changedProperties", () => {
  it("names each changed leaf by its path, comparing lists whole", () => {
    expect(changedProperties({ a: { b: 1, c: [1] } }, { a: { b: 2, c: [1] } })).toEqual([{ property: "a.b", before: 1, after: 2 }]);
    expect(changedProperties({ v: [1, 2] }, { v: [2, 1] })).toEqual([{ property: "v", before: [1, 2], after: [2, 1] }]);
    expect(changedProperties(undefined, { t: { x: 1 } })).toEqual([{ property: "t.x", before: undefined, after: 1 }]);
    expect(changedProperties({ t: { x: 1 } }, {})).toEqual([{ property: "t.x", before: 1, after: undefined }]);
  });
});

describe("diffDefinitions", () => {
  const diff = diffDefinitions(v1, v2);

  it("lists states, transitions and fields added and removed", () => {
    expect(diff.states.added).toEqual(["review"]);
    expect(diff.states.removed).toEqual([]);
    expect(diff.transitions.added).toEqual(["finish"]);
    expect(diff.fields.added).toEqual(["reason"]);
    expect(diff.fields.removed).toEqual(["note"]);
    expect(diff.same).toBe(false);
  });

  it("lists each changed element with its changed properties", () => {
    expect(diff.states.changed).toEqual([
      { key: "draft", changes: [{ property: "fields.reason", before: undefined, after: "OPTIONAL" }] },
      { key: "approve", changes: [
        { property: "participants.kind", before: "USER", after: "USERS" },
        { property: "participants.values", before: ["lena"], after: ["lena", "sam"] },
        { property: "timers.sla.within", before: undefined, after: "P1D" },
      ] },
      { key: "done", changes: [{ property: "order", before: 3, after: 4 }] },
    ]);
    expect(diff.transitions.changed).toEqual([{ key: "agree", changes: [
      { property: "routes", before: undefined, after: [{ condition: "days > 3", to: "done" }] },
      { property: "to", before: "done", after: "review" },
    ] }]);
    expect(diff.fields.changed).toEqual([{ key: "days", changes: [{ property: "type", before: "INTEGER", after: "DECIMAL" }] }]);
  });

  it("lists the workflow's own changes, and treats empty lists as not set", () => {
    expect(diff.workflow).toEqual([
      { property: "admins", before: ["admin"], after: ["admin", "ops"] },
      { property: "name", before: "Leave", after: "Leave request" },
    ]);
    expect(diff.transitions.changed.find((c) => c.key === "submit")).toBeUndefined();
  });

  it("finds nothing between a definition and itself", () => {
    expect(diffDefinitions(v2, structuredClone(v2)).same).toBe(true);
  });

  it("marks added and changed elements on B and removed ones on A", () => {
    const marks = diffHighlights(diffDefinitions(v2, v1));
    expect(marks.before).toMatchObject({ "state:review": "removed", "transition:finish": "removed", "state:approve": "changed" });
    expect(marks.after).toMatchObject({ "state:approve": "changed", "transition:agree": "changed" });
    expect(Object.values(marks.after)).not.toContain("removed");
  });
});

describe("showValue", () => {
  it("shows values short", () => {
    expect(showValue(undefined)).toBe("—");
    expect(showValue("P1D")).toBe("P1D");
    expect(showValue(["a", "b"])).toBe('["a","b"]');
    expect(showValue("x".repeat(200))).toHaveLength(118);
  });
});
