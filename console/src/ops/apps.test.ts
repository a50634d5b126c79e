import { describe, expect, it } from "vitest";
import { appForm, appInput, checkApp, grantChoices, grantsText, toggle } from "./apps";

describe("the app form", () => {
  it("splits '*' from the named grants and keeps both", () => {
    const form = appForm({ appId: "oa", name: "OA", admin: false, active: false, workflows: ["*", "leave"] });
    expect(form).toEqual({ appId: "oa", name: "OA", admin: false, active: false, all: true, workflows: ["leave"] });
    expect(appInput(form)).toEqual({ name: "OA", admin: false, active: false, workflows: ["*"] });
    expect(appInput({ ...form, all: false, workflows: ["leave", "buy", "leave"] }).workflows).toEqual(["leave", "buy"]);
  });

  it("defaults a new app to an active caller with no grants", () => {
    expect(appInput({ ...appForm(), name: "New" })).toEqual({ name: "New", admin: false, active: true, workflows: [] });
  });

  it("names mistakes: id, taken id, name, bad grants", () => {
    expect(checkApp({ ...appForm(), appId: "Bad Id" }).map((p) => `${p.field}:${p.message}`))
      .toEqual(["appId:ops.check.id", "name:ops.check.required"]);
    expect(checkApp({ ...appForm(), appId: "oa", name: "x" }, ["oa"]).map((p) => p.message)).toEqual(["ops.check.taken"]);
    expect(checkApp({ ...appForm(), appId: "oa", name: "x", workflows: ["ok", "No!"] }).map((p) => p.vars?.value)).toEqual(["No!"]);
    expect(checkApp({ ...appForm(), appId: "oa2", name: "x" }, ["oa"])).toEqual([]);
  });
});

describe("grants", () => {
  it("offers known workflows by name, then granted keys no workflow has", () => {
    const choices = grantChoices([{ key: "z", name: "Alpha" }, { key: "a", name: "Beta" }], ["gone", "a", "*"]);
    expect(choices).toEqual([
      { key: "z", name: "Alpha", known: true }, { key: "a", name: "Beta", known: true }, { key: "gone", name: "gone", known: false },
    ]);
  });

  it("toggles one grant and lists '*' first", () => {
    expect(toggle(["a"], "b", true)).toEqual(["a", "b"]);
    expect(toggle(["a", "b"], "b", true)).toEqual(["a", "b"]);
    expect(toggle(["a", "b"], "a", false)).toEqual(["b"]);
    expect(grantsText(["b", "*", "a"])).toEqual(["*", "a", "b"]);
    expect(grantsText(undefined)).toEqual([]);
  });
});
