import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { messages } from "./messages";
import {
  FIELD_ACCESS, STATE_TYPES, TRANSITION_KINDS,
} from "./model";

const here = fileURLToPath(new URL(".", import.meta.url));
const sources = [here, join(here, "../diagram")].flatMap((dir) => readdirSync(dir)
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts") && f !== "messages.ts")
  .map((f) => readFileSync(join(dir, f), "utf8")));

/** Keys built at run time from a known set of values. */
const dynamic = [
  ...STATE_TYPES.map((v) => `designer.type.${v}`),
  ...TRANSITION_KINDS.map((v) => `designer.kind.${v}`),
  ...FIELD_ACCESS.map((v) => `designer.access.${v}`),
  ...["added", "removed", "changed"].map((v) => `designer.diff.${v}`),
  ...["required", "pattern", "taken"].map((v) => `designer.key.${v}`),
  ...["syntax", "notObject", "notArray", "notObjects"].map((v) => `designer.parse.${v}`),
  ...["draft", "versions", "dryrun"].map((v) => `designer.tab.${v}`),
  ...["integer", "decimal", "date", "datetime", "choice", "boolean"].map((v) => `designer.dryrun.error.${v}`),
];

describe("the designer's texts", () => {
  it("has every key the pages use, in English and in Chinese", () => {
    const used = new Set(sources.flatMap((s) => [...s.matchAll(/"(designer\.[A-Za-z0-9_.]+)"/g)].map((m) => m[1])));
    dynamic.forEach((k) => used.add(k));
    expect(used.size).toBeGreaterThan(100);
    const missing = (lang: "en" | "zh") => [...used].filter((k) => !(k in messages[lang]));
    expect(missing("en")).toEqual([]);
    expect(missing("zh")).toEqual([]);
  });

  it("has the same keys in both languages, each starting with designer.", () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
    expect(Object.keys(messages.en).every((k) => k.startsWith("designer."))).toBe(true);
  });

  it("keeps the same placeholders in both languages", () => {
    const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(messages.en)) {
      expect([key, holes(messages.zh[key])]).toEqual([key, holes(messages.en[key])]);
    }
  });
});
