import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { messages } from "./messages";

const here = fileURLToPath(new URL(".", import.meta.url));
const sources = readdirSync(here).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts") && f !== "messages.ts")
  .map((f) => readFileSync(`${here}${f}`, "utf8"));

describe("the inbox texts", () => {
  it("has every key in English and Chinese, each prefixed with the area", () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
    for (const key of Object.keys(messages.en)) {
      expect(key.startsWith("inbox.")).toBe(true);
      expect(messages.zh[key].trim()).not.toBe("");
    }
  });

  it("keeps the same placeholders in both languages", () => {
    for (const [key, text] of Object.entries(messages.en)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(messages.zh[key]), key).toEqual(names(text));
    }
  });

  it("has a text for every literal key the pages use", () => {
    const used = new Set(sources.flatMap((s) => [...s.matchAll(/["'](inbox\.[A-Za-z.]+[A-Za-z])["']/g)].map((m) => m[1])));
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !(k in messages.en));
    expect(missing).toEqual([]);
  });

  it("names every status, step, command and access the pages build keys for", () => {
    for (const s of ["DRAFT", "IN_PROGRESS", "REJECTED", "FINISHED", "CLOSED", "DELETED"]) expect(messages.en[`inbox.status.${s}`]).toBeTruthy();
    for (const s of ["done", "current", "todo"]) expect(messages.en[`inbox.step.${s}`]).toBeTruthy();
    for (const c of ["release", "finishSign", "transfer", "addSign", "sendBack", "withdraw", "cc", "remind", "close", "comment"]) {
      expect(messages.en[`inbox.cmd.${c}`]).toBeTruthy();
      expect(messages.en[`inbox.cmd.${c}.hint`]).toBeTruthy();
    }
    for (const a of ["REQUIRED", "OPTIONAL", "READ_ONLY", "HIDDEN"]) expect(messages.en[`inbox.access.${a}`]).toBeTruthy();
    for (const k of ["todo", "related", "created", "cc"]) expect(messages.en[`inbox.list.${k}.hint`]).toBeTruthy();
  });
});
