import type { config } from "@baton/client";
import { ID, ProblemList, type Problem } from "./checks";

/** The grant that covers every workflow. */
export const ALL_WORKFLOWS = "*";

export interface AppForm {
  appId: string;
  name: string;
  admin: boolean;
  active: boolean;
  /** Granted "*": every workflow, present and future. */
  all: boolean;
  /** The workflow keys granted one by one (kept while `all` is on, so turning it off brings them back). */
  workflows: string[];
}

export function appForm(app?: config.AppView): AppForm {
  const grants = app?.workflows ?? [];
  return {
    appId: app?.appId ?? "",
    name: app?.name ?? "",
    admin: app?.admin ?? false,
    active: app?.active ?? true,
    all: grants.includes(ALL_WORKFLOWS),
    workflows: grants.filter((w) => w !== ALL_WORKFLOWS),
  };
}

/** `existing`: the app ids taken, when the form creates an app. */
export function checkApp(form: AppForm, existing?: string[]): Problem[] {
  const checks = new ProblemList().id("appId", form.appId).unused("appId", form.appId, existing).name("name", form.name);
  form.workflows.filter((w) => !ID.test(w)).forEach((w) => checks.add("workflows", "ops.check.grant", { value: w }));
  return checks.problems;
}

/** The body of putApp: every field, so nothing falls back to a default (an inactive app stays inactive). */
export function appInput(form: AppForm): config.AppInput {
  return {
    name: form.name.trim(),
    admin: form.admin,
    active: form.active,
    workflows: form.all ? [ALL_WORKFLOWS] : [...new Set(form.workflows)],
  };
}

export interface GrantChoice {
  key: string;
  name: string;
  /** False for a granted key no workflow has (any more): shown so it can be taken away. */
  known: boolean;
}

/** The workflows to pick grants from: every known workflow, then granted keys no workflow has, each once. */
export function grantChoices(workflows: config.WorkflowSummary[], granted: string[]): GrantChoice[] {
  const known = workflows.filter((w) => w.key).map((w) => ({ key: w.key!, name: w.name ?? w.key!, known: true }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
  const keys = new Set(known.map((w) => w.key));
  const unknown = granted.filter((g) => g !== ALL_WORKFLOWS && !keys.has(g))
    .map((key) => ({ key, name: key, known: false }));
  return [...known, ...unknown];
}

/** Adds or removes one grant, keeping the others in order. */
export function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? (list.includes(value) ? list : [...list, value]) : list.filter((v) => v !== value);
}

/** The grants in a table cell's order: "*" first, then keys. */
export function grantsText(grants: string[] | undefined): string[] {
  const list = grants ?? [];
  return [...list.filter((g) => g === ALL_WORKFLOWS), ...list.filter((g) => g !== ALL_WORKFLOWS).sort()];
}
