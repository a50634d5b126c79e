/**
 * The ticket forms' model, with no React in it: which controls a state shows (from a workflow outline's start state,
 * or from a ticket detail's field views), how a control's raw input becomes a field value Baton accepts (its
 * FieldValues rules: integers and decimals as JSON numbers, dates as yyyy-MM-dd, date-times as UTC instants, choices
 * among the options, users as usernames), and the checks made before sending. Baton stays the judge: its refusals
 * are mapped back onto the fields by {@link fieldProblems}.
 */

export type FieldType = "TEXT" | "TEXTAREA" | "INTEGER" | "DECIMAL" | "BOOLEAN" | "DATE" | "DATETIME"
  | "SINGLE_CHOICE" | "MULTI_CHOICE" | "USER" | "MULTI_USER";
export type Access = "REQUIRED" | "OPTIONAL" | "READ_ONLY" | "HIDDEN";

/** A field as a workflow defines it (the outline's FieldDef, or the detail's FieldView). */
export interface FieldSpec {
  key?: string;
  label?: string;
  type?: string;
  options?: string[];
}

/** One control of a form: a visible field, editable or shown read-only. */
export interface Control {
  key: string;
  label: string;
  type: FieldType;
  options: string[];
  access: Access;
  /** REQUIRED: marked, and checked before a transition in favour is sent. */
  required: boolean;
  /** READ_ONLY: shown disabled, never sent. */
  readOnly: boolean;
}

/** What a control holds while it is edited: text for most, a flag for BOOLEAN, the ticked options for MULTI_CHOICE. */
export type Raw = string | boolean | string[];

/** A problem with one value, as a message key of this area and its placeholders. */
export interface Problem {
  key: string;
  vars?: Record<string, string | number>;
}

export const TEXT_MAX = 1_000;
export const TEXTAREA_MAX = 20_000;
export const TITLE_MAX = 200;
export const COMMENT_MAX = 4_000;

const TYPES: FieldType[] = ["TEXT", "TEXTAREA", "INTEGER", "DECIMAL", "BOOLEAN", "DATE", "DATETIME", "SINGLE_CHOICE",
  "MULTI_CHOICE", "USER", "MULTI_USER"];

function typeOf(type: string | undefined): FieldType {
  return TYPES.includes(type as FieldType) ? (type as FieldType) : "TEXT";
}

function control(field: FieldSpec, access: Access): Control {
  return {
    key: field.key ?? "",
    label: field.label || field.key || "",
    type: typeOf(field.type),
    options: field.options ?? [],
    access,
    required: access === "REQUIRED",
    readOnly: access === "READ_ONLY",
  };
}

/**
 * The controls of a state whose per-field access is `access` (a field it does not list is hidden there, as Baton
 * has it), in the workflow's field order; hidden fields have none.
 */
export function controlsFor(fields: FieldSpec[] | undefined, access: Record<string, string | undefined> | undefined): Control[] {
  return (fields ?? [])
    .filter((f) => f.key)
    .map((f) => control(f, (access?.[f.key!] as Access | undefined) ?? "HIDDEN"))
    .filter((c) => c.access !== "HIDDEN");
}

interface OutlineLike {
  fields?: FieldSpec[];
  states?: { key?: string; name?: string; type?: string; fields?: Record<string, string | undefined> }[];
  transitions?: { key?: string; name?: string; from?: string; kind?: string; checkRequiredFields?: boolean }[];
}

/** The start form of a workflow: its START state, that state's controls, and the transitions that submit at once. */
export function startForm(outline: OutlineLike) {
  const start = (outline.states ?? []).find((s) => s.type === "START");
  const controls = start ? controlsFor(outline.fields, start.fields) : [];
  const submits = (outline.transitions ?? []).filter((t) => start && t.from === start.key && t.key);
  return { start, controls, submits };
}

/** The controls of a ticket's field views (the detail already says each field's access for this user). */
export function controlsOfViews(views: (FieldSpec & { access?: string })[] | undefined): Control[] {
  return (views ?? []).filter((v) => v.key && v.access !== "HIDDEN").map((v) => control(v, (v.access as Access) ?? "READ_ONLY"));
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** A UTC instant as a datetime-local input's value, in the browser's zone ("2026-11-22T10:00"). */
export function instantToLocalInput(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) {
    return "";
  }
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local input's value (the browser's zone) as a UTC instant, or undefined when it is not one. */
export function localInputToInstant(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(local)) {
    return undefined;
  }
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Usernames typed with commas, semicolons or spaces between them: trimmed, each once, in order. */
export function parseUsers(text: string): string[] {
  return [...new Set(text.split(/[\s,;，；]+/).map((u) => u.trim()).filter(Boolean))];
}

/** The raw form of a field's current value, for its control. */
export function initialRaw(c: Control, value: unknown): Raw {
  if (c.type === "BOOLEAN") {
    return value === true;
  }
  if (c.type === "MULTI_CHOICE") {
    return Array.isArray(value) ? value.map(String) : [];
  }
  if (value === null || value === undefined) {
    return "";
  }
  if (c.type === "MULTI_USER") {
    return Array.isArray(value) ? value.join(", ") : String(value);
  }
  if (c.type === "DATETIME") {
    return instantToLocalInput(String(value));
  }
  return String(value);
}

/** Whether a raw value is empty (nothing typed, nothing ticked); a BOOLEAN is never empty. */
export function isEmptyRaw(c: Control, raw: Raw | undefined): boolean {
  if (c.type === "BOOLEAN") {
    return false;
  }
  if (raw === undefined) {
    return true;
  }
  if (Array.isArray(raw)) {
    return raw.length === 0;
  }
  if (c.type === "MULTI_USER") {
    return parseUsers(String(raw)).length === 0;
  }
  return String(raw).trim() === "";
}

const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) {
    return false;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * A non-empty raw value as the JSON value Baton expects for the control's type, or the problem with it.
 * Empty values are the caller's business ({@link buildFields}).
 */
export function toValue(c: Control, raw: Raw): { value: unknown } | { problem: Problem } {
  const text = typeof raw === "string" ? raw.trim() : "";
  switch (c.type) {
    case "TEXT":
    case "TEXTAREA": {
      const max = c.type === "TEXT" ? TEXT_MAX : TEXTAREA_MAX;
      const value = String(raw);
      return value.length > max ? { problem: { key: "inbox.form.tooLong", vars: { max } } } : { value };
    }
    case "INTEGER": {
      if (!INTEGER.test(text) || !Number.isSafeInteger(Number(text))) {
        return { problem: { key: "inbox.form.notInteger" } };
      }
      return { value: Number(text) };
    }
    case "DECIMAL": {
      const n = Number(text);
      if (!DECIMAL.test(text) || !Number.isFinite(n)) {
        return { problem: { key: "inbox.form.notNumber" } };
      }
      return { value: n };
    }
    case "BOOLEAN":
      return { value: raw === true };
    case "DATE":
      return validDate(text) ? { value: text } : { problem: { key: "inbox.form.notDate" } };
    case "DATETIME": {
      const instant = localInputToInstant(text);
      return instant ? { value: instant } : { problem: { key: "inbox.form.notDateTime" } };
    }
    case "SINGLE_CHOICE":
      return c.options.includes(text) ? { value: text } : { problem: { key: "inbox.form.notOption" } };
    case "MULTI_CHOICE": {
      const ticked = Array.isArray(raw) ? [...new Set(raw)] : [];
      return ticked.every((o) => c.options.includes(o)) ? { value: c.options.filter((o) => ticked.includes(o)) }
        : { problem: { key: "inbox.form.notOption" } };
    }
    case "USER":
      return /[\s,;]/.test(text) ? { problem: { key: "inbox.form.oneUser" } } : { value: text };
    case "MULTI_USER":
      return { value: parseUsers(String(raw)) };
  }
}

export interface BuildOptions {
  /** Check that every REQUIRED control has a value (a transition in favour is about to be taken). */
  enforceRequired: boolean;
  /**
   * The values the ticket holds now: only controls whose value differs are sent, and an emptied control is sent as
   * null (which clears the field). Without it (a new ticket), empty controls are left out.
   */
  current?: Record<string, unknown>;
}

export interface Built {
  fields: Record<string, unknown>;
  problems: Record<string, Problem>;
  ok: boolean;
}

/** Same JSON value, ignoring key order of nothing (values are scalars or lists here). */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * The `fields` of a create, handle or patch request from the editable controls' raw values, and each control's
 * problem (by field key). Read-only controls are never sent.
 */
export function buildFields(controls: Control[], raws: Record<string, Raw | undefined>, options: BuildOptions): Built {
  const fields: Record<string, unknown> = {};
  const problems: Record<string, Problem> = {};
  for (const c of controls) {
    if (c.readOnly) {
      continue;
    }
    const raw = raws[c.key];
    const empty = isEmptyRaw(c, raw);
    if (empty) {
      if (c.required && options.enforceRequired) {
        problems[c.key] = { key: "inbox.form.required" };
      } else if (options.current && !isEmptyValue(options.current[c.key])) {
        fields[c.key] = null;
      }
      continue;
    }
    const converted = toValue(c, raw ?? "");
    if ("problem" in converted) {
      problems[c.key] = converted.problem;
      continue;
    }
    if (!options.current || !same(converted.value, options.current[c.key])) {
      fields[c.key] = converted.value;
    }
  }
  return { fields, problems, ok: Object.keys(problems).length === 0 };
}

/** Empty as Baton counts it for a required field: null, a blank string, an empty list. */
export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "")
    || (Array.isArray(value) && value.length === 0);
}

/** A ticket title's problem, if any (Baton: not blank, at most 200 characters). */
export function titleProblem(title: string): Problem | undefined {
  if (!title.trim()) {
    return { key: "inbox.form.required" };
  }
  return title.trim().length > TITLE_MAX ? { key: "inbox.form.tooLong", vars: { max: TITLE_MAX } } : undefined;
}

/** A comment's problem, if any: at most 4,000 characters; `required` for a comment of its own. */
export function commentProblem(comment: string, required = false): Problem | undefined {
  if (required && !comment.trim()) {
    return { key: "inbox.form.required" };
  }
  return comment.length > COMMENT_MAX ? { key: "inbox.form.tooLong", vars: { max: COMMENT_MAX } } : undefined;
}

/**
 * Baton's refusal `errors` placed on the fields they name ("Expected field 'days' to be an integer…", "Field 'days'
 * is required"), by field key; errors naming no field are left for the form's note.
 */
export function fieldProblems(errors: string[] | undefined, detail?: string): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  const lines = errors && errors.length > 0 ? errors : detail ? [detail] : [];
  for (const line of lines) {
    const named = [...line.matchAll(/\b[Ff]ield '([^']+)'/g)].map((m) => m[1]);
    for (const key of new Set(named)) {
      (byField[key] ??= []).push(line);
    }
  }
  return byField;
}

/** A field value as text for reading: lists joined, flags as the given words, date-times in the reader's locale. */
export function showValue(type: string | undefined, value: unknown, words: { yes: string; no: string }, locale?: string): string {
  if (value === null || value === undefined || value === "") {
    return "—";
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? "—" : value.map(String).join(", ");
  }
  if (typeof value === "boolean") {
    return value ? words.yes : words.no;
  }
  if (type === "DATETIME") {
    const date = new Date(String(value));
    return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(locale);
  }
  if (typeof value === "object") {
    return JSON.stringify(value);
  }
  return String(value);
}
