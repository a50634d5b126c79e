import type { Highlight } from "../diagram/types";
import type { Definition } from "./model";

/** One property that differs: its dotted path ("participants.values", "timers.sla.within") and both values. */
export interface PropertyChange { property: string; before: unknown; after: unknown }
export interface ElementChange { key: string; changes: PropertyChange[] }
export interface CollectionDiff { added: string[]; removed: string[]; changed: ElementChange[] }

/** How definition B differs from definition A. */
export interface DefinitionDiff {
  /** The workflow's own properties (name, admins, permissions, notifications, ...). */
  workflow: PropertyChange[];
  states: CollectionDiff;
  transitions: CollectionDiff;
  fields: CollectionDiff;
  /** True when nothing differs. */
  same: boolean;
}

/** A value with what means "not set" taken out: null, undefined, empty lists and empty objects. */
export function normalize(value: unknown): unknown {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (Array.isArray(value)) {
    const items = value.map(normalize);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, normalize(v)] as const)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The properties that differ between two normalized values, as dotted paths down to the first level that is not an
 * object (lists compare whole: "routes", "values").
 */
export function changedProperties(a: unknown, b: unknown, prefix = ""): PropertyChange[] {
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedProperties(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  if (same(a, b)) {
    return [];
  }
  if (isRecord(a) && b === undefined) {
    return changedProperties(a, {}, prefix);
  }
  if (a === undefined && isRecord(b)) {
    return changedProperties({}, b, prefix);
  }
  return [{ property: prefix, before: a, after: b }];
}

function diffCollection(a: Array<{ key?: string }> | undefined, b: Array<{ key?: string }> | undefined): CollectionDiff {
  const before = new Map((a ?? []).map((x) => [x.key ?? "", normalize(x)]));
  const after = new Map((b ?? []).map((x) => [x.key ?? "", normalize(x)]));
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()]
    .filter((k) => before.has(k))
    .map((key) => ({ key, changes: changedProperties(before.get(key), after.get(key)) }))
    .filter((c) => c.changes.length > 0);
  return { added, removed, changed };
}

/** How B differs from A: states, transitions and fields added, removed and changed, and the workflow's own changes. */
export function diffDefinitions(a: Definition, b: Definition): DefinitionDiff {
  const own = (d: Definition) => {
    const { states: _s, transitions: _t, fields: _f, ...rest } = d;
    return normalize(rest);
  };
  const workflow = changedProperties(own(a), own(b));
  const states = diffCollection(a.states, b.states);
  const transitions = diffCollection(a.transitions, b.transitions);
  const fields = diffCollection(a.fields, b.fields);
  const empty = (c: CollectionDiff) => c.added.length + c.removed.length + c.changed.length === 0;
  return { workflow, states, transitions, fields, same: workflow.length === 0 && empty(states) && empty(transitions) && empty(fields) };
}

/** The marks to draw on B's diagram (added, changed) and on A's (removed), by "state:<key>" / "transition:<key>". */
export function diffHighlights(diff: DefinitionDiff): { before: Record<string, Highlight>; after: Record<string, Highlight> } {
  const before: Record<string, Highlight> = {};
  const after: Record<string, Highlight> = {};
  for (const [element, c] of [["state", diff.states], ["transition", diff.transitions]] as const) {
    c.added.forEach((k) => { after[`${element}:${k}`] = "added"; });
    c.changed.forEach((x) => { after[`${element}:${x.key}`] = "changed"; before[`${element}:${x.key}`] = "changed"; });
    c.removed.forEach((k) => { before[`${element}:${k}`] = "removed"; });
  }
  return { before, after };
}

/** A value as the diff list shows it: short JSON, "—" for nothing. */
export function showValue(value: unknown): string {
  if (value === undefined) {
    return "—";
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
