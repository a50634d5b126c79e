import { describe, expect, it } from "vitest";
import {
  buildFields, commentProblem, controlsFor, controlsOfViews, fieldProblems, initialRaw, instantToLocalInput,
  localInputToInstant, parseUsers, showValue, startForm, titleProblem, toValue, type Control,
} from "./form";

const leaveRequest = {
  fields: [
    { key: "days", label: "Days", type: "INTEGER", options: [] },
    { key: "reason", label: "Reason", type: "TEXTAREA", options: [] },
    { key: "start_date", label: "Start date", type: "DATE", options: [] },
    { key: "ops_note", label: "Ops note", type: "TEXT", options: [] },
  ],
  states: [
    { key: "draft", name: "Draft", type: "START", fields: { start_date: "OPTIONAL", reason: "READ_ONLY", days: "REQUIRED" } },
    { key: "leader_approval", name: "Leader approval", type: "NORMAL", fields: { days: "READ_ONLY" } },
  ],
  transitions: [
    { key: "submit", name: "Submit", from: "draft", to: "leader_approval", kind: "AGREE" },
    { key: "leader_approve", name: "Approve", from: "leader_approval", to: "done", kind: "AGREE" },
  ],
};

function ctl(type: Control["type"], extra: Partial<Control> = {}): Control {
  return { key: "f", label: "F", type, options: [], access: "OPTIONAL", required: false, readOnly: false, ...extra };
}

describe("the start form", () => {
  it("shows the start state's fields in the workflow's order, hides unlisted ones and marks access", () => {
    const form = startForm(leaveRequest);
    expect(form.start?.key).toBe("draft");
    expect(form.controls.map((c) => [c.key, c.access, c.required, c.readOnly])).toEqual([
      ["days", "REQUIRED", true, false],
      ["reason", "READ_ONLY", false, true],
      ["start_date", "OPTIONAL", false, false],
    ]);
    expect(form.submits.map((t) => t.key)).toEqual(["submit"]);
  });

  it("has no controls without a start state, and drops HIDDEN fields", () => {
    expect(startForm({ fields: leaveRequest.fields, states: [] }).controls).toEqual([]);
    expect(controlsFor(leaveRequest.fields, { days: "HIDDEN", ops_note: "OPTIONAL" }).map((c) => c.key)).toEqual(["ops_note"]);
  });

  it("takes a detail's field views with the access the user has, labelling by key when there is no label", () => {
    const controls = controlsOfViews([
      { key: "days", type: "INTEGER", access: "REQUIRED" },
      { key: "x", access: "HIDDEN" },
      { key: "note", label: "Note", type: "NONSENSE", access: "READ_ONLY" },
    ]);
    expect(controls.map((c) => [c.key, c.label, c.type, c.required, c.readOnly])).toEqual([
      ["days", "days", "INTEGER", true, false],
      ["note", "Note", "TEXT", false, true],
    ]);
  });
});

describe("converting a control's input to Baton's value", () => {
  it("sends integers and decimals as numbers and refuses other text", () => {
    expect(toValue(ctl("INTEGER"), " 5 ")).toEqual({ value: 5 });
    expect(toValue(ctl("INTEGER"), "-12")).toEqual({ value: -12 });
    expect(toValue(ctl("INTEGER"), "2.5")).toEqual({ problem: { key: "inbox.form.notInteger" } });
    expect(toValue(ctl("INTEGER"), "99999999999999999999")).toEqual({ problem: { key: "inbox.form.notInteger" } });
    expect(toValue(ctl("DECIMAL"), "2.50")).toEqual({ value: 2.5 });
    expect(toValue(ctl("DECIMAL"), "1e3")).toEqual({ value: 1000 });
    expect(toValue(ctl("DECIMAL"), "12abc")).toEqual({ problem: { key: "inbox.form.notNumber" } });
  });

  it("checks dates as real yyyy-MM-dd days and turns local date-times into UTC instants", () => {
    expect(toValue(ctl("DATE"), "2026-12-14")).toEqual({ value: "2026-12-14" });
    expect(toValue(ctl("DATE"), "2026-02-30")).toEqual({ problem: { key: "inbox.form.notDate" } });
    expect(toValue(ctl("DATE"), "14/12/2026")).toEqual({ problem: { key: "inbox.form.notDate" } });
    expect(toValue(ctl("DATETIME"), "2026-11-22T09:00")).toEqual({ value: new Date("2026-11-22T09:00").toISOString() });
    expect(toValue(ctl("DATETIME"), "tomorrow")).toEqual({ problem: { key: "inbox.form.notDateTime" } });
  });

  it("round-trips a date-time between an instant and the input's local form", () => {
    const local = instantToLocalInput("2026-11-22T09:30:00Z");
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(localInputToInstant(local)).toBe("2026-11-22T09:30:00.000Z");
    expect(instantToLocalInput("nonsense")).toBe("");
  });

  it("keeps choices among the options, in the options' order", () => {
    const single = ctl("SINGLE_CHOICE", { options: ["low", "high"] });
    expect(toValue(single, "high")).toEqual({ value: "high" });
    expect(toValue(single, "medium")).toEqual({ problem: { key: "inbox.form.notOption" } });
    const multi = ctl("MULTI_CHOICE", { options: ["a", "b", "c"] });
    expect(toValue(multi, ["c", "a", "a"])).toEqual({ value: ["a", "c"] });
    expect(toValue(multi, ["z"])).toEqual({ problem: { key: "inbox.form.notOption" } });
  });

  it("reads users as usernames: one for USER, a distinct list for MULTI_USER", () => {
    expect(toValue(ctl("USER"), " lena ")).toEqual({ value: "lena" });
    expect(toValue(ctl("USER"), "lena, dina")).toEqual({ problem: { key: "inbox.form.oneUser" } });
    expect(toValue(ctl("MULTI_USER"), "lena, dina;lena  ops1")).toEqual({ value: ["lena", "dina", "ops1"] });
    expect(parseUsers(" , ")).toEqual([]);
  });

  it("limits text to Baton's lengths", () => {
    expect(toValue(ctl("TEXT"), "x".repeat(1000))).toEqual({ value: "x".repeat(1000) });
    expect(toValue(ctl("TEXT"), "x".repeat(1001))).toEqual({ problem: { key: "inbox.form.tooLong", vars: { max: 1000 } } });
    expect("value" in toValue(ctl("TEXTAREA"), "x".repeat(20000))).toBe(true);
  });

  it("shows a field's current value in its control", () => {
    expect(initialRaw(ctl("INTEGER"), 5)).toBe("5");
    expect(initialRaw(ctl("INTEGER"), null)).toBe("");
    expect(initialRaw(ctl("BOOLEAN"), true)).toBe(true);
    expect(initialRaw(ctl("BOOLEAN"), null)).toBe(false);
    expect(initialRaw(ctl("MULTI_CHOICE"), ["a"])).toEqual(["a"]);
    expect(initialRaw(ctl("MULTI_USER"), ["lena", "dina"])).toBe("lena, dina");
  });
});

describe("building a request's fields", () => {
  const controls = startForm(leaveRequest).controls;

  it("leaves out empty and read-only fields of a new ticket and converts the rest", () => {
    const built = buildFields(controls, { days: "3", reason: "ignored", start_date: "" }, { enforceRequired: true });
    expect(built).toEqual({ fields: { days: 3 }, problems: {}, ok: true });
  });

  it("requires REQUIRED fields only when asked to (a submit, not a draft)", () => {
    const submit = buildFields(controls, { days: " " }, { enforceRequired: true });
    expect(submit.ok).toBe(false);
    expect(submit.problems).toEqual({ days: { key: "inbox.form.required" } });
    expect(buildFields(controls, {}, { enforceRequired: false })).toEqual({ fields: {}, problems: {}, ok: true });
  });

  it("reports each bad value on its field", () => {
    const built = buildFields(controls, { days: "three", start_date: "2026-13-01" }, { enforceRequired: true });
    expect(built.problems).toEqual({ days: { key: "inbox.form.notInteger" }, start_date: { key: "inbox.form.notDate" } });
  });

  it("sends only what changed on a ticket, and null for a cleared field", () => {
    const current = { days: 3, start_date: "2026-12-14" };
    const editable = controlsFor(leaveRequest.fields, { days: "OPTIONAL", start_date: "OPTIONAL", ops_note: "OPTIONAL" });
    const built = buildFields(editable, { days: "3", start_date: "", ops_note: "noted" }, { enforceRequired: false, current });
    expect(built.fields).toEqual({ start_date: null, ops_note: "noted" });
  });

  it("checks a required field against the edited value, not the stored one", () => {
    const editable = controlsFor(leaveRequest.fields, { days: "REQUIRED" });
    const built = buildFields(editable, { days: "" }, { enforceRequired: true, current: { days: 3 } });
    expect(built.problems).toEqual({ days: { key: "inbox.form.required" } });
  });
});

describe("titles, comments and Baton's refusals", () => {
  it("requires a title of at most 200 characters and limits comments", () => {
    expect(titleProblem("  ")).toEqual({ key: "inbox.form.required" });
    expect(titleProblem("x".repeat(201))).toEqual({ key: "inbox.form.tooLong", vars: { max: 200 } });
    expect(titleProblem("Family trip")).toBeUndefined();
    expect(commentProblem("")).toBeUndefined();
    expect(commentProblem("", true)).toEqual({ key: "inbox.form.required" });
    expect(commentProblem("x".repeat(4001))).toEqual({ key: "inbox.form.tooLong", vars: { max: 4000 } });
  });

  it("places the errors Baton lists on the fields they name", () => {
    const byField = fieldProblems([
      "Expected field 'days' to be an integer, but got \"x\"",
      "Field 'reason' is required",
      "Field 'ops_note' is READ_ONLY in state 'draft'",
      "Something else",
    ]);
    expect(Object.keys(byField).sort()).toEqual(["days", "ops_note", "reason"]);
    expect(byField.reason).toEqual(["Field 'reason' is required"]);
    expect(fieldProblems([], "Expected field 'days' to be an integer, but got 2.5")).toEqual({
      days: ["Expected field 'days' to be an integer, but got 2.5"],
    });
  });

  it("shows values for reading", () => {
    const words = { yes: "Yes", no: "No" };
    expect(showValue("INTEGER", 3, words)).toBe("3");
    expect(showValue("BOOLEAN", false, words)).toBe("No");
    expect(showValue("MULTI_USER", ["lena", "dina"], words)).toBe("lena, dina");
    expect(showValue("TEXT", null, words)).toBe("—");
    expect(showValue("MULTI_CHOICE", [], words)).toBe("—");
  });
});
