import { describe, expect, it } from "vitest";
import { buildDryRun, fieldValue, pathStates } from "./dryrun";
import type { FieldDef } from "./model";

const fields: FieldDef[] = [
  { key: "days", type: "INTEGER" },
  { key: "amount", type: "DECIMAL" },
  { key: "urgent", type: "BOOLEAN" },
  { key: "start", type: "DATE" },
  { key: "at", type: "DATETIME" },
  { key: "site", type: "SINGLE_CHOICE", options: ["berlin", "paris"] },
  { key: "tags", type: "MULTI_CHOICE", options: ["a", "b"] },
  { key: "watchers", type: "MULTI_USER" },
  { key: "reason", type: "TEXT" },
];
const field = (key: string) => fields.find((f) => f.key === key)!;

describe("fieldValue", () => {
  it("reads each type's value", () => {
    expect(fieldValue(field("days"), " 5 ")).toEqual({ value: 5 });
    expect(fieldValue(field("amount"), "12.50")).toEqual({ value: 12.5 });
    expect(fieldValue(field("urgent"), "false")).toEqual({ value: false });
    expect(fieldValue(field("start"), "2026-11-22")).toEqual({ value: "2026-11-22" });
    expect(fieldValue(field("at"), "2026-11-22T09:00:00Z")).toEqual({ value: "2026-11-22T09:00:00.000Z" });
    expect(fieldValue(field("site"), "paris")).toEqual({ value: "paris" });
    expect(fieldValue(field("tags"), ["a", "b"])).toEqual({ value: ["a", "b"] });
    expect(fieldValue(field("watchers"), "lena, sam")).toEqual({ value: ["lena", "sam"] });
    expect(fieldValue(field("reason"), "why not")).toEqual({ value: "why not" });
  });

  it("leaves empty inputs out", () => {
    expect(fieldValue(field("days"), "")).toEqual({});
    expect(fieldValue(field("days"), undefined)).toEqual({});
    expect(fieldValue(field("tags"), [])).toEqual({});
  });

  it("says what does not fit", () => {
    expect(fieldValue(field("days"), "4.5").error).toBe("integer");
    expect(fieldValue(field("amount"), "1,5").error).toBe("decimal");
    expect(fieldValue(field("urgent"), "yes").error).toBe("boolean");
    expect(fieldValue(field("start"), "22/11/2026").error).toBe("date");
    expect(fieldValue(field("at"), "soon").error).toBe("datetime");
    expect(fieldValue(field("site"), "rome").error).toBe("choice");
    expect(fieldValue(field("tags"), ["c"]).error).toBe("choice");
  });
});

describe("buildDryRun", () => {
  it("builds the request from the values given", () => {
    expect(buildDryRun(fields, " sue ", { days: "5", reason: "", tags: ["a"] }, 2)).toEqual({
      request: { creator: "sue", fields: { days: 5, tags: ["a"] }, version: 2 }, errors: {},
    });
    expect(buildDryRun(fields, "", {}).request).toEqual({ fields: {} });
  });

  it("sends nothing while a value does not fit", () => {
    expect(buildDryRun(fields, "sue", { days: "many", amount: "x" })).toEqual({ errors: { days: "integer", amount: "decimal" } });
  });
});

describe("pathStates", () => {
  it("lists the states of the path in order", () => {
    expect(pathStates({ steps: [{ state: { key: "draft" } }, { state: { key: "approve" } }, { state: {} }] })).toEqual(["draft", "approve"]);
    expect(pathStates(undefined)).toEqual([]);
  });
});
