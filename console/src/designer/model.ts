import type { config } from "@baton/client";
import type { DiagramState, DiagramTransition } from "../diagram/types";

/** Pure helpers over a workflow definition: parsing, editing (immutably), and what the diagram draws. */
export type Definition = config.WorkflowDefinition;
export type StateDef = config.StateDef;
export type TransitionDef = config.TransitionDef;
export type FieldDef = config.FieldDef;
export type Problem = config.DefinitionProblem;

export const STATE_TYPES = ["START", "NORMAL", "END"] as const;
export const TRANSITION_KINDS = ["AGREE", "REJECT", "OTHER"] as const;
export const FIELD_TYPES = ["TEXT", "TEXTAREA", "INTEGER", "DECIMAL", "BOOLEAN", "DATE", "DATETIME", "SINGLE_CHOICE",
  "MULTI_CHOICE", "USER", "MULTI_USER"] as const;
export const FIELD_ACCESS = ["REQUIRED", "OPTIONAL", "READ_ONLY", "HIDDEN"] as const;
export const PARTICIPANT_KINDS = ["USER", "USERS", "DEPARTMENT", "DEPARTMENT_MEMBERS", "ROLE", "ROLE_IN_DEPARTMENT", "CREATOR",
  "CREATOR_DEPARTMENT_LEADER", "FIELD", "HANDLER_OF", "LEADER", "SKIP_LEVEL_LEADER", "ANCESTOR_LEADER", "DEPARTMENT_LEADER",
  "PARENT_DEPARTMENT_LEADER", "DEPARTMENT_APPROVERS", "EXTERNAL"] as const;
export const DISTRIBUTIONS = ["ANY_ONE", "ACCEPT_FIRST", "ALL", "SEQUENTIAL", "RANDOM", "ROUND_ROBIN", "LEAST_LOADED"] as const;
export const COUNTERSIGN_POLICIES = ["VETO", "UNANIMOUS", "QUORUM", "LAST_DECIDES"] as const;
export const FALLBACK_KINDS = ["REFUSE", "USER", "ADMINS"] as const;
export const ESCALATION_KINDS = ["NOTIFY", "REASSIGN"] as const;
export const HOOK_MODES = ["SYNC", "ASYNC"] as const;
export const NOTIFICATION_KINDS = ["NEW_TODO", "ENDED", "REJECTED", "WITHDRAWN", "REMIND", "CC", "HOOK_FAILED", "SLA_BREACHED"] as const;
export const EVENT_KINDS = ["CREATED", "STATE_CHANGED", "ENDED", "REJECTED", "WITHDRAWN", "CLOSED"] as const;

/** Keys of workflows, states, transitions and fields: lowercase letters, digits, `_` and `-`, at most 64. */
export const KEY_PATTERN = /^[a-z0-9_-]{1,64}$/;

export type KeyProblem = "required" | "pattern" | "taken";

/** Why a key cannot be used (empty, malformed, or already taken), or undefined when it can. */
export function keyProblem(key: string, taken: Iterable<string> = []): KeyProblem | undefined {
  if (key.trim() === "") {
    return "required";
  }
  if (!KEY_PATTERN.test(key)) {
    return "pattern";
  }
  for (const k of taken) {
    if (k === key) {
      return "taken";
    }
  }
  return undefined;
}

/** `base` made into a valid key not in `taken`: "approve", "approve_2", ... */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean = (base.toLowerCase().replace(/[^a-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "") || "item").slice(0, 60);
  if (!used.has(clean)) {
    return clean;
  }
  for (let n = 2; ; n++) {
    const candidate = `${clean}_${n}`;
    if (!used.has(candidate)) {
      return candidate;
    }
  }
}

/**
 * A new workflow's first draft: a START state, an END state and one AGREE transition between them, so it is valid
 * (and publishable) as it stands.
 */
export function skeleton(key: string, name: string): Definition {
  return {
    key,
    name,
    fields: [],
    states: [
      { key: "start", name: "Start", type: "START", order: 1, participants: { kind: "CREATOR" } },
      { key: "done", name: "Done", type: "END", order: 2 },
    ],
    transitions: [{ key: "submit", name: "Submit", from: "start", to: "done", kind: "AGREE", checkRequiredFields: true }],
  };
}

export type ParseResult =
  | { definition: Definition; error?: undefined }
  | { definition?: undefined; error: { code: "syntax" | "notObject" | "notArray" | "notObjects"; detail: string } };

/** The definition a JSON text holds, or why it holds none (the parse error, or a part of the wrong shape). */
export function parseDefinition(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: { code: "syntax", detail: error instanceof Error ? error.message : String(error) } };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { error: { code: "notObject", detail: "" } };
  }
  const record = value as Record<string, unknown>;
  for (const part of ["states", "transitions", "fields", "admins", "notifications", "eventHooks"]) {
    const list = record[part];
    if (list === undefined || list === null) {
      continue;
    }
    if (!Array.isArray(list)) {
      return { error: { code: "notArray", detail: part } };
    }
    if (part !== "admins" && list.some((item) => typeof item !== "object" || item === null || Array.isArray(item))) {
      return { error: { code: "notObjects", detail: part } };
    }
  }
  return { definition: record as Definition };
}

const WORKFLOW_ORDER = ["key", "name", "description", "restrictView", "admins", "forbidDelegation", "serialPrefix", "fields", "states",
  "transitions", "startPermission", "viewPermission", "notifications", "eventHooks"];
const STATE_ORDER = ["key", "name", "type", "order", "hidden", "withdrawable", "fields", "participants", "distribution", "countersign",
  "fallback", "timers", "hook", "children"];
const TRANSITION_ORDER = ["key", "name", "from", "to", "kind", "checkRequiredFields", "routes"];
const FIELD_ORDER = ["key", "label", "type", "options"];

function ordered<T extends object>(value: T, order: string[]): T {
  const record = value as Record<string, unknown>;
  const keys = [...order.filter((k) => k in record), ...Object.keys(record).filter((k) => !order.includes(k))];
  return Object.fromEntries(keys.map((k) => [k, record[k]])) as T;
}

/** The definition with its properties in reading order (key and name first; states, then transitions). */
export function readingOrder(definition: Definition): Definition {
  const next = ordered(definition, WORKFLOW_ORDER);
  if (Array.isArray(next.states)) {
    next.states = next.states.map((s) => ordered(s, STATE_ORDER));
  }
  if (Array.isArray(next.transitions)) {
    next.transitions = next.transitions.map((t) => ordered(t, TRANSITION_ORDER));
  }
  if (Array.isArray(next.fields)) {
    next.fields = next.fields.map((f) => ordered(f, FIELD_ORDER));
  }
  return next;
}

/** The definition as the JSON editor shows it: in reading order, two spaces deep. */
export function formatDefinition(definition: Definition): string {
  return JSON.stringify(readingOrder(definition), null, 2);
}

/** True for what an editor leaves out rather than writes: nothing, "", NaN, [] and {}. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null || value === "") {
    return true;
  }
  if (typeof value === "number") {
    return Number.isNaN(value);
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  if (typeof value === "object") {
    return Object.keys(value as object).length === 0;
  }
  return false;
}

type PathKey = string | number;

/**
 * `target` with the value at `path` set (a copy; the original is untouched). A blank value removes the property,
 * and an object left empty by that is removed too, so the document never carries `"countersign": {}`.
 */
export function setIn<T>(target: T, path: PathKey[], value: unknown): T {
  if (path.length === 0) {
    return value as T;
  }
  const [head, ...rest] = path;
  const container: Record<PathKey, unknown> | unknown[] = Array.isArray(target)
    ? [...target] : { ...((target ?? {}) as Record<PathKey, unknown>) };
  const current = (container as Record<PathKey, unknown>)[head];
  const next = rest.length === 0 ? value : setIn(current, rest, value);
  if (Array.isArray(container)) {
    container[head as number] = next;
  } else if (isBlank(next)) {
    delete container[head];
  } else {
    container[head] = next;
  }
  return container as T;
}

/** The value at `path`, or undefined. */
export function getIn(target: unknown, path: PathKey[]): unknown {
  let value = target;
  for (const key of path) {
    if (value === undefined || value === null) {
      return undefined;
    }
    value = (value as Record<PathKey, unknown>)[key];
  }
  return value;
}

export function stateKeys(definition: Definition): string[] {
  return (definition.states ?? []).map((s) => s.key ?? "");
}

export function transitionKeys(definition: Definition): string[] {
  return (definition.transitions ?? []).map((t) => t.key ?? "");
}

/**
 * Adds a state. Without an order of its own, a state that is not an END state goes just before the END states (which
 * move one place on), so the step bar shows a new approval step before the end it leads to; an END state goes last.
 */
export function addState(definition: Definition, state: StateDef): Definition {
  const states = definition.states ?? [];
  if (state.order !== undefined) {
    return { ...definition, states: [...states, state] };
  }
  const ends = states.filter((s) => s.type === "END").map((s) => s.order ?? 0);
  if (state.type === "END" || ends.length === 0) {
    return { ...definition, states: [...states, { ...state, order: Math.max(0, ...states.map((s) => s.order ?? 0)) + 1 }] };
  }
  const at = Math.min(...ends);
  const moved = states.map((s) => ((s.order ?? 0) >= at ? { ...s, order: (s.order ?? 0) + 1 } : s));
  return { ...definition, states: [...moved, { ...state, order: at }] };
}

export function addTransition(definition: Definition, transition: TransitionDef): Definition {
  return { ...definition, transitions: [...(definition.transitions ?? []), transition] };
}

export function updateState(definition: Definition, key: string, change: (state: StateDef) => StateDef): Definition {
  return { ...definition, states: (definition.states ?? []).map((s) => (s.key === key ? change(s) : s)) };
}

export function updateTransition(definition: Definition, key: string, change: (t: TransitionDef) => TransitionDef): Definition {
  return { ...definition, transitions: (definition.transitions ?? []).map((t) => (t.key === key ? change(t) : t)) };
}

/** The state renamed, with every transition, route and HANDLER_OF rule that names it following. */
export function renameState(definition: Definition, from: string, to: string): Definition {
  if (from === to) {
    return definition;
  }
  const rename = (key: string | undefined) => (key === from ? to : key);
  return {
    ...definition,
    states: (definition.states ?? []).map((s) => {
      const renamed = s.key === from ? { ...s, key: to } : s;
      if (renamed.participants?.kind === "HANDLER_OF" && renamed.participants.values?.includes(from)) {
        return { ...renamed, participants: { ...renamed.participants, values: renamed.participants.values.map((v) => (v === from ? to : v)) } };
      }
      return renamed;
    }),
    transitions: (definition.transitions ?? []).map((t) => ({
      ...t,
      from: rename(t.from),
      to: rename(t.to),
      ...(t.routes ? { routes: t.routes.map((r) => ({ ...r, to: rename(r.to) })) } : {}),
    })),
  };
}

/** The transition renamed, with its state's time-out, hook and children transitions following. */
export function renameTransition(definition: Definition, from: string, to: string): Definition {
  if (from === to) {
    return definition;
  }
  const rename = (key: string | undefined) => (key === from ? to : key);
  return {
    ...definition,
    transitions: (definition.transitions ?? []).map((t) => (t.key === from ? { ...t, key: to } : t)),
    states: (definition.states ?? []).map((s) => {
      let next = s;
      if (s.timers?.timeout?.transition === from) {
        next = setIn(next, ["timers", "timeout", "transition"], to);
      }
      if (s.hook && (s.hook.successTransition === from || s.hook.failureTransition === from)) {
        next = { ...next, hook: { ...s.hook, successTransition: rename(s.hook.successTransition), failureTransition: rename(s.hook.failureTransition) } };
      }
      if (s.children && (s.children.transition === from || s.children.otherwise === from)) {
        next = { ...next, children: { ...s.children, transition: rename(s.children.transition), otherwise: rename(s.children.otherwise) } };
      }
      return next;
    }),
  };
}

/** The field renamed, with each state's access to it and the view permission's list following. */
export function renameField(definition: Definition, from: string, to: string): Definition {
  if (from === to) {
    return definition;
  }
  const next: Definition = {
    ...definition,
    fields: (definition.fields ?? []).map((f) => (f.key === from ? { ...f, key: to } : f)),
    states: (definition.states ?? []).map((s) => {
      if (!s.fields || !(from in s.fields)) {
        return s;
      }
      const fields = Object.fromEntries(Object.entries(s.fields).map(([k, v]) => [k === from ? to : k, v]));
      return { ...s, fields };
    }),
  };
  if (definition.viewPermission?.fields?.includes(from)) {
    next.viewPermission = { ...definition.viewPermission, fields: definition.viewPermission.fields.map((f) => (f === from ? to : f)) };
  }
  return next;
}

/** The definition without the state, and without the transitions and routes to or from it. */
export function deleteState(definition: Definition, key: string): Definition {
  return {
    ...definition,
    states: (definition.states ?? []).filter((s) => s.key !== key),
    transitions: (definition.transitions ?? [])
      .filter((t) => t.from !== key && t.to !== key)
      .map((t) => (t.routes?.some((r) => r.to === key) ? { ...t, routes: t.routes.filter((r) => r.to !== key) } : t)),
  };
}

export function deleteTransition(definition: Definition, key: string): Definition {
  return { ...definition, transitions: (definition.transitions ?? []).filter((t) => t.key !== key) };
}

/** The definition without the field, and without each state's access to it. */
export function deleteField(definition: Definition, key: string): Definition {
  return {
    ...definition,
    fields: (definition.fields ?? []).filter((f) => f.key !== key),
    states: (definition.states ?? []).map((s) => {
      if (!s.fields || !(key in s.fields)) {
        return s;
      }
      const { [key]: _gone, ...fields } = s.fields;
      return setIn(s, ["fields"], fields);
    }),
  };
}

/** A transition's suggested key when two states are connected: "<from>_to_<to>", made unique. */
export function suggestTransitionKey(definition: Definition, from: string, to: string): string {
  return uniqueKey(`${from}_to_${to}`.slice(0, 60), transitionKeys(definition));
}

export interface SortedProblems {
  /** Problems of states and transitions, by "state:<key>" / "transition:<key>". */
  byElement: Record<string, string[]>;
  /** Problems of the workflow itself and of its fields. */
  general: Problem[];
}

/** The validation's problems, sorted to where the designer shows them. */
export function sortProblems(problems: Problem[] | undefined): SortedProblems {
  const byElement: Record<string, string[]> = {};
  const general: Problem[] = [];
  for (const p of problems ?? []) {
    if ((p.element === "state" || p.element === "transition") && p.key !== undefined && p.key !== null) {
      (byElement[`${p.element}:${p.key}`] ??= []).push(p.message ?? "");
    } else {
      general.push(p);
    }
  }
  return { byElement, general };
}

// Each state and transition is drawn from the same object while it is unchanged, so the diagram redraws only what
// an edit touched.
const drawnStates = new WeakMap<StateDef, DiagramState>();
const drawnTransitions = new WeakMap<TransitionDef, DiagramTransition>();

/** What the diagram draws of the states (the same object for a state that did not change). */
export function diagramStates(states: StateDef[] | undefined): DiagramState[] {
  return (states ?? []).map((s) => {
    let drawn = drawnStates.get(s);
    if (!drawn) {
      drawn = { key: s.key ?? "", name: s.name, type: s.type, order: s.order, participants: s.participants, hook: Boolean(s.hook) };
      drawnStates.set(s, drawn);
    }
    return drawn;
  });
}

/** What the diagram draws of the transitions (the same object for a transition that did not change). */
export function diagramTransitions(transitions: TransitionDef[] | undefined): DiagramTransition[] {
  return (transitions ?? []).map((t) => {
    let drawn = drawnTransitions.get(t);
    if (!drawn) {
      drawn = { key: t.key ?? "", name: t.name, from: t.from, to: t.to, kind: t.kind, routes: t.routes };
      drawnTransitions.set(t, drawn);
    }
    return drawn;
  });
}

/** What the diagram draws of a definition. */
export function toDiagram(definition: Definition | undefined): { states: DiagramState[]; transitions: DiagramTransition[] } {
  return { states: diagramStates(definition?.states), transitions: diagramTransitions(definition?.transitions) };
}

/** "a, b ,, c" as ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== "");
}

export function joinList(values: string[] | undefined): string {
  return (values ?? []).join(", ");
}

/** "field=name" lines as a map (a hook's or a child's field mapping); lines without "=" map a name to itself. */
export function parseMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "") {
      continue;
    }
    const at = trimmed.indexOf("=");
    const key = (at < 0 ? trimmed : trimmed.slice(0, at)).trim();
    const value = (at < 0 ? trimmed : trimmed.slice(at + 1)).trim();
    if (key !== "") {
      map[key] = value;
    }
  }
  return map;
}

export function formatMap(map: Record<string, string> | undefined): string {
  return Object.entries(map ?? {}).map(([k, v]) => `${k}=${v}`).join("\n");
}

/** A whole number from an input, or undefined for an empty or unreadable one. */
export function readInteger(text: string): number | undefined {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** The transitions that leave a state (for its time-out, hook and children). */
export function transitionsFrom(definition: Definition, state: string): TransitionDef[] {
  return (definition.transitions ?? []).filter((t) => t.from === state);
}
