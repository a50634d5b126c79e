/**
 * The ticket page's logic, with no React in it: which commands the detail's `actions` offer, the request bodies of
 * those commands with the checks made before sending, the step bar's progress, the states a ticket may be sent back
 * to, and the idempotency key a retried command reuses.
 */
import { commentProblem, parseUsers, type Problem } from "./form";

/** The commands a user may give besides taking a transition (which the detail lists one by one). */
export type CommandKind = "accept" | "release" | "finishSign" | "transfer" | "addSign" | "sendBack" | "withdraw"
  | "patch" | "cc" | "remind" | "close" | "comment";

/** The detail's `actions`, as ticket-query sends them. */
export interface ActionsLike {
  accept?: boolean;
  release?: boolean;
  finishSign?: boolean;
  transfer?: boolean;
  addSign?: boolean;
  sendBack?: boolean;
  withdraw?: boolean;
  patchFields?: boolean;
  cc?: boolean;
  remind?: boolean;
  close?: boolean;
  comment?: boolean;
  transitions?: { key?: string; name?: string; kind?: string }[];
}

/** The commands the actions allow, in the order the page offers them: work first, then the rest. */
export function availableCommands(actions: ActionsLike | undefined): CommandKind[] {
  if (!actions) {
    return [];
  }
  const order: [CommandKind, boolean | undefined][] = [
    ["accept", actions.accept],
    ["finishSign", actions.finishSign],
    ["sendBack", actions.sendBack],
    ["transfer", actions.transfer],
    ["addSign", actions.addSign],
    ["release", actions.release],
    ["patch", actions.patchFields],
    ["withdraw", actions.withdraw],
    ["remind", actions.remind],
    ["cc", actions.cc],
    ["comment", actions.comment],
    ["close", actions.close],
  ];
  return order.filter(([, allowed]) => allowed === true).map(([kind]) => kind);
}

/**
 * The transitions the user may take now, each with a key, and whether taking it needs the state's REQUIRED fields
 * filled, as the workflow's definition says (`checkRequiredFields`, from the outline; false when unknown, as Baton
 * then decides alone).
 */
export function transitionsOf(actions: ActionsLike | undefined, defined: { key?: string; checkRequiredFields?: boolean }[] = []):
  { key: string; name: string; kind: string; checkRequiredFields: boolean }[] {
  const checks = new Map(defined.map((t) => [t.key, t.checkRequiredFields === true]));
  return (actions?.transitions ?? []).filter((t) => t.key).map((t) => ({
    key: t.key!, name: t.name || t.key!, kind: t.kind ?? "OTHER", checkRequiredFields: checks.get(t.key) ?? false,
  }));
}

/** Whether taking the transition needs the REQUIRED fields filled (the definition's `checkRequiredFields`). */
export function checksRequired(transition: { checkRequiredFields?: boolean } | undefined): boolean {
  return transition?.checkRequiredFields === true;
}

/** Whether a transition goes forward (not a rejection): those an add-sign "after" may hold. */
export function favourable(kind: string | undefined): boolean {
  return kind !== "REJECT";
}

export type Progress = "done" | "current" | "todo";

/**
 * A step's progress as the step bar shows it: passed steps are done, the current one is current unless the ticket
 * finished there (then every step it went through is done), the ones ahead are still to do.
 */
export function stepProgress(progress: string | undefined, ticketStatus: string | undefined): Progress {
  if (progress === "PASSED") {
    return "done";
  }
  if (progress === "CURRENT") {
    return ticketStatus === "FINISHED" ? "done" : "current";
  }
  return "todo";
}

interface StepLike {
  key?: string;
  name?: string;
  progress?: string;
}

/** The states a ticket may be sent back to: those the step bar shows as passed, other than the current state. */
export function sendBackTargets(steps: StepLike[] | undefined, current: string | undefined): { key: string; name: string }[] {
  return (steps ?? [])
    .filter((s) => s.key && s.progress === "PASSED" && s.key !== current)
    .map((s) => ({ key: s.key!, name: s.name || s.key! }));
}

/** What a command form holds. */
export interface CommandInput {
  comment: string;
  /** transfer: one user; cc, addSign: usernames separated by commas. */
  users: string;
  /** sendBack: the state; addSign AFTER: the transition held until the signers agree. */
  target: string;
  position: "BEFORE" | "AFTER" | "PARALLEL";
  mode: "ANY" | "ALL" | "SEQUENTIAL";
  /** finishSign: agree or object. */
  agree: boolean;
  /** sendBack: the next agreement there brings the ticket back to the sender. */
  resubmitToMe: boolean;
}

export const EMPTY_INPUT: CommandInput = {
  comment: "", users: "", target: "", position: "BEFORE", mode: "ANY", agree: true, resubmitToMe: false,
};

export type Checked = { body: Record<string, unknown> } | { problems: Partial<Record<"comment" | "users" | "target", Problem>> };

const MAX_SIGNERS = 20;
const MAX_CC = 50;

/**
 * The request body of a command (without `fields`: a patch's are built by the form model) and its problems before
 * sending. `expectedVersion` names the version the user saw, so a ticket that moved on is refused, not acted on.
 */
export function commandBody(kind: CommandKind, input: CommandInput, expectedVersion: number | undefined): Checked {
  const problems: Partial<Record<"comment" | "users" | "target", Problem>> = {};
  const comment = input.comment.trim();
  const commentIssue = commentProblem(input.comment, kind === "comment");
  if (commentIssue) {
    problems.comment = commentIssue;
  }
  const body: Record<string, unknown> = {};
  if (expectedVersion !== undefined) {
    body.expectedVersion = expectedVersion;
  }
  const users = parseUsers(input.users);
  switch (kind) {
    case "accept":
      break;
    case "close":
      if (comment) body.reason = comment;
      break;
    case "transfer":
      if (users.length !== 1) {
        problems.users = { key: users.length === 0 ? "inbox.form.required" : "inbox.form.oneUser" };
      }
      body.to = users[0];
      break;
    case "cc":
      if (users.length === 0) {
        problems.users = { key: "inbox.form.required" };
      } else if (users.length > MAX_CC) {
        problems.users = { key: "inbox.form.tooMany", vars: { max: MAX_CC } };
      }
      body.to = users;
      break;
    case "addSign":
      if (users.length === 0) {
        problems.users = { key: "inbox.form.required" };
      } else if (users.length > MAX_SIGNERS) {
        problems.users = { key: "inbox.form.tooMany", vars: { max: MAX_SIGNERS } };
      }
      if (input.position === "PARALLEL" && input.mode === "SEQUENTIAL") {
        problems.target = { key: "inbox.act.parallelInTurn" };
      }
      if (input.position === "AFTER" && !input.target) {
        problems.target = { key: "inbox.form.required" };
      }
      body.users = users;
      body.position = input.position;
      body.mode = input.mode;
      if (input.position === "AFTER") body.transition = input.target;
      break;
    case "sendBack":
      if (!input.target) {
        problems.target = { key: "inbox.form.required" };
      }
      body.toState = input.target;
      body.resubmitToMe = input.resubmitToMe;
      break;
    case "finishSign":
      body.agree = input.agree;
      break;
    default:
      break;
  }
  if (kind !== "accept" && kind !== "close" && comment) {
    body.comment = comment;
  }
  return Object.keys(problems).length > 0 ? { problems } : { body };
}

/**
 * The Idempotency-Key for sending `body`: the last one again when the same request is sent again (a retry after a
 * lost answer is done once), a fresh one for a different request (a changed form is a request of its own).
 */
export function keyFor(last: { body: string; key: string } | undefined, body: string, fresh: () => string): { body: string; key: string } {
  return last && last.body === body ? last : { body, key: fresh() };
}

/** The read-your-writes token of a command's answer (the SDK's `token(written)`), or undefined without a version. */
export function writtenOf(result: { ticketId?: string; version?: number }, ticketId: string): { ticketId: string; version: number } | undefined {
  return typeof result.version === "number" ? { ticketId: result.ticketId ?? ticketId, version: result.version } : undefined;
}

/** A snapshot's fields in the workflow's field order, labelled; fields the outline does not know come last. */
export function snapshotFields(values: Record<string, unknown> | undefined, defs: { key?: string; label?: string; type?: string }[] | undefined) {
  const shown: { key: string; label: string; type?: string; value: unknown }[] = [];
  const seen = new Set<string>();
  for (const def of defs ?? []) {
    if (def.key && values && def.key in values) {
      shown.push({ key: def.key, label: def.label || def.key, type: def.type, value: values[def.key] });
      seen.add(def.key);
    }
  }
  for (const [key, value] of Object.entries(values ?? {})) {
    if (!seen.has(key)) {
      shown.push({ key, label: key, value });
    }
  }
  return shown;
}

function short(value: unknown): string {
  const text = value === null || value === undefined || value === "" ? "—"
    : Array.isArray(value) ? value.map(String).join(", ") : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * What a flow log entry's details add to its action, in a few words: whom it went to ("→ dina"), the fields a
 * create, handle or patch set ("Days: 1 → 2"), labelled from the workflow's fields. States are left out (the
 * entry's from → to says them); a finished sign's opinion is the page's to say.
 */
export function detailText(action: string | undefined, details: Record<string, unknown> | undefined,
                           labels: Record<string, string>): string[] {
  if (!details) {
    return [];
  }
  const label = (key: string) => labels[key] ?? key;
  const parts: string[] = [];
  const people = details.users ?? (action === "sendBack" || action === "jump" ? undefined : details.to);
  if (typeof people === "string" || (Array.isArray(people) && people.length > 0)) {
    parts.push(`→ ${short(people)}`);
  }
  if (Array.isArray(details.changes)) {
    for (const change of details.changes as { field?: string; before?: unknown; after?: unknown }[]) {
      parts.push(`${label(change.field ?? "")}: ${short(change.before)} → ${short(change.after)}`);
    }
  }
  if (details.fields && typeof details.fields === "object" && !Array.isArray(details.fields)) {
    const order = Object.keys(labels);
    const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
    const entries = Object.entries(details.fields as Record<string, unknown>).sort(([a], [b]) => rank(a) - rank(b));
    for (const [key, value] of entries) {
      parts.push(`${label(key)}: ${short(value)}`);
    }
  }
  return parts.length > MAX_DETAILS ? [...parts.slice(0, MAX_DETAILS - 1), `+${parts.length - MAX_DETAILS + 1}`] : parts;
}

/** At most this many detail lines per flow log entry; the snapshot shows everything. */
export const MAX_DETAILS = 5;
