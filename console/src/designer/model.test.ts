import { describe, expect, it } from "vitest";
import {
  addState, addTransition, deleteField, deleteState, deleteTransition, formatDefinition, formatMap, getIn, keyProblem,
  parseDefinition, parseMap, readInteger, renameField, renameState, renameTransition, setIn, skeleton, sortProblems,
  splitList, suggestTransitionKey, toDiagram, uniqueKey, updateState, type Definition,
} from "./model";

const leave: Definition = {
  key: "leave", name: "Leave",
  fields: [{ key: "days", label: "Days", type: "INTEGER" }, { key: "reason", type: "TEXT" }],
  viewPermission: { fields: ["days"] },
  states: [
    { key: "draft", type: "START", order: 1, fields: { days: "REQUIRED", reason: "OPTIONAL" } },
    { key: "approve", type: "NORMAL", order: 2, participants: { kind: "USER", values: ["lena"] }, fields: { days: "READ_ONLY" },
      timers: { timeout: { after: "P2D", transition: "agree" } } },
    { key: "confirm", type: "NORMAL", order: 3, participants: { kind: "HANDLER_OF", values: ["approve"] } },
    { key: "done", type: "END", order: 4 },
  ],
  transitions: [
    { key: "submit", from: "draft", to: "approve", kind: "AGREE" },
    { key: "agree", from: "approve", to: "confirm", kind: "AGREE", routes: [{ condition: "days > 3", to: "done" }, { condition: "x", to: "approve" }] },
    { key: "reject", from: "approve", to: "draft", kind: "REJECT" },
    { key: "ok", from: "confirm", to: "done", kind: "AGREE" },
  ],
};

describe("keys", () => {
  it("says why a key cannot be used", () => {
    expect(keyProblem("")).toBe("required");
    expect(keyProblem("Has Space")).toBe("pattern");
    expect(keyProblem("x".repeat(65))).toBe("pattern");
    expect(keyProblem("approve", ["draft", "approve"])).toBe("taken");
    expect(keyProblem("ok_2-b", ["draft"])).toBeUndefined();
  });

  it("makes a free, valid key from any text", () => {
    expect(uniqueKey("Approve", [])).toBe("approve");
    expect(uniqueKey("approve", ["approve", "approve_2"])).toBe("approve_3");
    expect(uniqueKey("Big Boss!", [])).toBe("big_boss");
    expect(uniqueKey("!!!", [])).toBe("item");
    expect(suggestTransitionKey(leave, "approve", "done")).toBe("approve_to_done");
  });
});

describe("the skeleton", () => {
  it("has one start, one end and a transition between them", () => {
    const s = skeleton("d-new", "New");
    expect(s).toMatchObject({ key: "d-new", name: "New" });
    expect(s.states!.map((x) => x.type)).toEqual(["START", "END"]);
    expect(s.transitions).toEqual([expect.objectContaining({ from: "start", to: "done", kind: "AGREE" })]);
  });
});

describe("parsing the JSON editor", () => {
  it("reads a definition and writes it back the same", () => {
    const text = formatDefinition(leave);
    expect(parseDefinition(text).definition).toEqual(leave);
  });

  it("writes key and name first, states before transitions, and each element's key first", () => {
    const shuffled = { transitions: [{ to: "b", key: "t", from: "a" }], states: [{ type: "START", key: "a" }], name: "N", admins: [], key: "k", extra: 1 };
    const text = formatDefinition(shuffled as Definition);
    expect(Object.keys(JSON.parse(text))).toEqual(["key", "name", "admins", "states", "transitions", "extra"]);
    expect(Object.keys(JSON.parse(text).transitions[0])).toEqual(["key", "from", "to"]);
    expect(text.indexOf('"key": "a"')).toBeLessThan(text.indexOf('"type": "START"'));
  });

  it("says what is wrong with a text that is not a definition", () => {
    expect(parseDefinition("{ nope").error?.code).toBe("syntax");
    expect(parseDefinition("[1]").error?.code).toBe("notObject");
    expect(parseDefinition("null").error?.code).toBe("notObject");
    expect(parseDefinition('{"states": {}}').error).toEqual({ code: "notArray", detail: "states" });
    expect(parseDefinition('{"transitions": [1]}').error).toEqual({ code: "notObjects", detail: "transitions" });
    expect(parseDefinition('{"admins": ["a"], "states": null}').definition).toBeDefined();
  });
});

describe("setIn", () => {
  it("sets deep values on a copy", () => {
    const state = { key: "a" };
    const next = setIn(state, ["timers", "sla", "within"], "P1D");
    expect(next).toEqual({ key: "a", timers: { sla: { within: "P1D" } } });
    expect(state).toEqual({ key: "a" });
    expect(getIn(next, ["timers", "sla", "within"])).toBe("P1D");
    expect(getIn(next, ["hook", "url"])).toBeUndefined();
  });

  it("removes blank values and the objects they leave empty", () => {
    const state = { key: "a", countersign: { policy: "QUORUM", quorum: 2 } };
    const once = setIn(state, ["countersign", "quorum"], undefined);
    expect(once).toEqual({ key: "a", countersign: { policy: "QUORUM" } });
    expect(setIn(once, ["countersign", "policy"], "")).toEqual({ key: "a" });
    expect(setIn({ n: 1 }, ["n"], Number.NaN)).toEqual({});
    expect(setIn({ v: ["x"] }, ["v"], [])).toEqual({});
    expect(setIn({ b: true }, ["b"], false)).toEqual({ b: false });
  });

  it("sets an element of a list", () => {
    expect(setIn({ routes: [{ to: "a" }, { to: "b" }] }, ["routes", 1, "to"], "c")).toEqual({ routes: [{ to: "a" }, { to: "c" }] });
  });
});

describe("editing", () => {
  it("adds a state before the END states (which move on) and a transition", () => {
    const added = addState(leave, { key: "review", type: "NORMAL" });
    expect(added.states!.at(-1)).toEqual({ key: "review", type: "NORMAL", order: 4 });
    expect(added.states!.find((s) => s.key === "done")!.order).toBe(5);
    expect(added.states!.find((s) => s.key === "confirm")!.order).toBe(3);
    expect(addState(leave, { key: "cancelled", type: "END" }).states!.at(-1)!.order).toBe(5);
    expect(addState(leave, { key: "x", type: "NORMAL", order: 9 }).states!.at(-1)!.order).toBe(9);
    expect(addTransition(leave, { key: "t", from: "a", to: "b" }).transitions).toHaveLength(5);
    expect(updateState(leave, "done", (s) => ({ ...s, name: "Finished" })).states![3].name).toBe("Finished");
  });

  it("renames a state everywhere it is named", () => {
    const renamed = renameState(leave, "approve", "review");
    expect(renamed.states!.map((s) => s.key)).toEqual(["draft", "review", "confirm", "done"]);
    expect(renamed.transitions!.map((t) => [t.from, t.to])).toEqual([["draft", "review"], ["review", "confirm"], ["review", "draft"], ["confirm", "done"]]);
    expect(renamed.transitions![1].routes!.map((r) => r.to)).toEqual(["done", "review"]);
    expect(renamed.states![2].participants!.values).toEqual(["review"]);
  });

  it("renames a transition with the time-outs and hooks that name it", () => {
    const renamed = renameTransition(leave, "agree", "approve_it");
    expect(renamed.transitions![1].key).toBe("approve_it");
    expect(renamed.states![1].timers!.timeout!.transition).toBe("approve_it");
  });

  it("renames a field with each state's access and the view permission", () => {
    const renamed = renameField(leave, "days", "length");
    expect(renamed.fields![0].key).toBe("length");
    expect(renamed.states![0].fields).toEqual({ length: "REQUIRED", reason: "OPTIONAL" });
    expect(renamed.viewPermission!.fields).toEqual(["length"]);
  });

  it("deletes a state with its transitions and the routes to it", () => {
    const without = deleteState(leave, "done");
    expect(without.states!.map((s) => s.key)).toEqual(["draft", "approve", "confirm"]);
    expect(without.transitions!.map((t) => t.key)).toEqual(["submit", "agree", "reject"]);
    expect(without.transitions![1].routes).toEqual([{ condition: "x", to: "approve" }]);
    expect(deleteTransition(leave, "reject").transitions!.map((t) => t.key)).toEqual(["submit", "agree", "ok"]);
  });

  it("deletes a field with each state's access to it", () => {
    const without = deleteField(leave, "days");
    expect(without.fields!.map((f) => f.key)).toEqual(["reason"]);
    expect(without.states![0].fields).toEqual({ reason: "OPTIONAL" });
    expect(without.states![1].fields).toBeUndefined();
  });
});

describe("problems and the diagram", () => {
  it("sorts problems onto their elements, and the rest to the workflow", () => {
    const sorted = sortProblems([
      { message: "no rule", element: "state", key: "approve" },
      { message: "unreachable", element: "state", key: "approve" },
      { message: "bad condition", element: "transition", key: "agree" },
      { message: "no name", element: "workflow" },
      { message: "bad options", element: "field", key: "days" },
    ]);
    expect(sorted.byElement).toEqual({ "state:approve": ["no rule", "unreachable"], "transition:agree": ["bad condition"] });
    expect(sorted.general.map((p) => p.message)).toEqual(["no name", "bad options"]);
    expect(sortProblems(undefined)).toEqual({ byElement: {}, general: [] });
  });

  it("gives the diagram each state's rule and each transition's routes", () => {
    const drawn = toDiagram(leave);
    expect(drawn.states[1]).toEqual({ key: "approve", name: undefined, type: "NORMAL", order: 2, participants: { kind: "USER", values: ["lena"] }, hook: false });
    expect(drawn.transitions[1].routes).toHaveLength(2);
    expect(toDiagram(undefined)).toEqual({ states: [], transitions: [] });
  });

  it("draws an unchanged state from the same object, and a changed one afresh", () => {
    const before = toDiagram(leave);
    const edited = updateState(leave, "done", (s) => ({ ...s, name: "Finished" }));
    const after = toDiagram(edited);
    expect(after.states[0]).toBe(before.states[0]);
    expect(after.states[3]).not.toBe(before.states[3]);
    expect(after.states[3].name).toBe("Finished");
    expect(after.transitions[1]).toBe(before.transitions[1]);
  });
});

describe("inputs", () => {
  it("reads lists, maps and whole numbers", () => {
    expect(splitList(" a, b ,,c\nd ")).toEqual(["a", "b", "c", "d"]);
    expect(parseMap("system=app\n\n days = length \nreason")).toEqual({ system: "app", days: "length", reason: "reason" });
    expect(formatMap({ a: "b", c: "d" })).toBe("a=b\nc=d");
    expect(readInteger(" 42 ")).toBe(42);
    expect(readInteger("4.2")).toBeUndefined();
    expect(readInteger("")).toBeUndefined();
  });
});
