import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { messages } from "./messages";
import { STATUSES } from "./tickets";
import { CONTACT_KEYS, DIRECTORY_TABS } from "./directory";

const here = fileURLToPath(new URL(".", import.meta.url));
const sources = readdirSync(here).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"))
  .map((f) => readFileSync(here + f, "utf8")).join("\n");

describe("the ops texts", () => {
  it("have every key in English and Chinese, all prefixed ops.", () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
    expect(Object.keys(messages.en).filter((k) => !k.startsWith("ops."))).toEqual([]);
    expect(Object.entries(messages.zh).filter(([, v]) => !v.trim())).toEqual([]);
  });

  it("have the same placeholders in both languages", () => {
    const slots = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join();
    expect(Object.keys(messages.en).filter((k) => slots(messages.en[k]) !== slots(messages.zh[k]))).toEqual([]);
  });

  it("cover every key the pages name, and the keys they build", () => {
    const named = [...new Set(sources.match(/"ops\.[A-Za-z0-9_.]+"/g) ?? [])].map((k) => k.slice(1, -1));
    const built = [
      ...STATUSES.map((s) => `ops.status.${s}`), ...DIRECTORY_TABS.map((k) => `ops.dir.tab.${k}`),
      ...CONTACT_KEYS.map((k) => `ops.field.contacts.${k}`), ...["reassign", "jump", "migrate", "delete"].map((a) => `ops.act.${a}`),
      ...["username", "name", "email", "channels", "id", "parentId", "leader", "delegator", "delegate", "from", "createdFrom", "createdTo", "until",
        "reason", "appId", "workflows", "toVersion", "toState", "mapping"].map((f) => `ops.field.${f}`),
    ];
    expect([...named, ...built].filter((k) => !(k in messages.en))).toEqual([]);
  });
});
