import type { config } from "@baton/client";
import { CHANNEL, EMAIL, MAX_CHANNELS, MAX_CONTACT, MAX_EMAIL, PHONE, ProblemList, splitList, type Problem } from "./checks";

type DirectoryUser = config.DirectoryUser;
type Department = config.Department;
type Delegation = config.Delegation;

export const DIRECTORY_TABS = ["users", "departments", "roles", "delegations"] as const;
export type DirectoryTab = (typeof DIRECTORY_TABS)[number];

export function directoryTab(value: string | null): DirectoryTab {
  return (DIRECTORY_TABS as readonly string[]).includes(value ?? "") ? value as DirectoryTab : "users";
}

// users

export interface UserFilter {
  department: string;
  role: string;
  /** "" everyone, "yes" active only, "no" inactive only. */
  active: string;
  /** Text in the username, name or e-mail. */
  text: string;
}

export function userFilterOf(query: URLSearchParams): UserFilter {
  return {
    department: query.get("department") ?? "",
    role: query.get("role") ?? "",
    active: query.get("active") ?? "",
    text: query.get("q") ?? "",
  };
}

export function userFilterQuery(filter: UserFilter): Record<string, string> {
  return { department: filter.department, role: filter.role, active: filter.active, q: filter.text };
}

/** The users the filter keeps (direct department membership, as the API's own filter), by username. */
export function filterUsers(users: DirectoryUser[], filter: UserFilter): DirectoryUser[] {
  const text = filter.text.trim().toLowerCase();
  return users.filter((u) =>
    (!filter.department || (u.departments ?? []).includes(filter.department))
    && (!filter.role || (u.roles ?? []).includes(filter.role))
    && (filter.active !== "yes" || u.active !== false)
    && (filter.active !== "no" || u.active === false)
    && (!text || [u.username, u.name, u.email].some((v) => (v ?? "").toLowerCase().includes(text))),
  ).sort((a, b) => (a.username ?? "").localeCompare(b.username ?? ""));
}

export const CONTACT_KEYS = ["mobile", "feishu", "dingtalk", "wecom"] as const;
export type ContactKey = (typeof CONTACT_KEYS)[number];

export interface UserForm {
  username: string;
  name: string;
  email: string;
  active: boolean;
  departments: string[];
  roles: string[];
  /** Channel names, comma-separated. */
  channels: string;
  contacts: Record<ContactKey, string>;
}

export function userForm(user?: DirectoryUser): UserForm {
  const contacts = Object.fromEntries(CONTACT_KEYS.map((k) => [k, user?.contacts?.[k] ?? ""])) as Record<ContactKey, string>;
  return {
    username: user?.username ?? "",
    name: user?.name ?? "",
    email: user?.email ?? "",
    active: user?.active ?? true,
    departments: [...(user?.departments ?? [])],
    roles: [...(user?.roles ?? [])],
    channels: (user?.channels ?? []).join(", "),
    contacts,
  };
}

/** `existing`: the usernames taken, when the form creates a user. */
export function checkUser(form: UserForm, existing?: string[]): Problem[] {
  const checks = new ProblemList().username("username", form.username).unused("username", form.username, existing)
    .name("name", form.name);
  const email = form.email.trim();
  if (email && (email.length > MAX_EMAIL || !EMAIL.test(email))) {
    checks.add("email", "ops.check.email");
  }
  const channels = splitList(form.channels);
  if (channels.length > MAX_CHANNELS) {
    checks.add("channels", "ops.check.tooMany", { max: MAX_CHANNELS });
  }
  channels.filter((c) => !CHANNEL.test(c)).forEach((c) => checks.add("channels", "ops.check.channel", { value: c }));
  for (const key of CONTACT_KEYS) {
    const value = form.contacts[key].trim();
    if (value.length > MAX_CONTACT) {
      checks.add(`contacts.${key}`, "ops.check.tooLong", { max: MAX_CONTACT });
    } else if (key === "mobile" && value && !PHONE.test(value)) {
      checks.add("contacts.mobile", "ops.check.phone");
    }
  }
  return checks.problems;
}

/** The body of putUser: every field, so channels and contacts left blank are cleared, and `active` kept as shown. */
export function userInput(form: UserForm): config.UserInput {
  const contacts: Record<string, string> = {};
  CONTACT_KEYS.forEach((k) => {
    if (form.contacts[k].trim()) {
      contacts[k] = form.contacts[k].trim();
    }
  });
  return {
    username: form.username.trim(),
    name: form.name.trim(),
    email: form.email.trim() || undefined,
    active: form.active,
    departments: form.departments,
    roles: form.roles,
    channels: splitList(form.channels),
    contacts,
  };
}

// departments

export interface DepartmentNode {
  department: Department;
  children: DepartmentNode[];
}

const byName = (a: { name?: string; id?: string }, b: { name?: string; id?: string }) =>
  (a.name ?? a.id ?? "").localeCompare(b.name ?? b.id ?? "");

/**
 * The departments as a forest: roots are those without a parent, or whose parent is unknown; children sorted by
 * name. A department caught in a cycle (which the server refuses, but a feed may still deliver) becomes a root once.
 */
export function departmentTree(departments: Department[]): DepartmentNode[] {
  const ids = new Set(departments.map((d) => d.id));
  const childrenOf = new Map<string, Department[]>();
  departments.forEach((d) => {
    if (d.parentId && ids.has(d.parentId) && d.parentId !== d.id) {
      childrenOf.set(d.parentId, [...(childrenOf.get(d.parentId) ?? []), d]);
    }
  });
  const placed = new Set<string>();
  const build = (d: Department): DepartmentNode => {
    placed.add(d.id!);
    const children = (childrenOf.get(d.id!) ?? []).filter((c) => !placed.has(c.id!)).sort(byName);
    return { department: d, children: children.map(build) };
  };
  const roots = departments.filter((d) => !d.parentId || !ids.has(d.parentId) || d.parentId === d.id).sort(byName);
  const forest = roots.map(build);
  departments.filter((d) => !placed.has(d.id!)).sort(byName).forEach((d) => {
    if (!placed.has(d.id!)) {
      forest.push(build(d));
    }
  });
  return forest;
}

/** The ids of `id`'s sub-departments at any depth. */
export function descendantsOf(departments: Department[], id: string): Set<string> {
  const found = new Set<string>();
  let frontier = [id];
  while (frontier.length) {
    const next = departments.filter((d) => d.parentId && frontier.includes(d.parentId) && !found.has(d.id!) && d.id !== id);
    next.forEach((d) => found.add(d.id!));
    frontier = next.map((d) => d.id!);
  }
  return found;
}

/** The departments that may become `id`'s parent: neither itself nor one below it. */
export function parentChoices(departments: Department[], id: string | undefined): Department[] {
  const below = id ? descendantsOf(departments, id) : new Set<string>();
  return departments.filter((d) => d.id !== id && !below.has(d.id!)).sort(byName);
}

/** Every node's id with children (to expand everything). */
export function branchIds(forest: DepartmentNode[]): string[] {
  return forest.flatMap((n) => n.children.length ? [n.department.id!, ...branchIds(n.children)] : []);
}

export function activeMembers(users: DirectoryUser[], departmentId: string): DirectoryUser[] {
  return users.filter((u) => u.active !== false && (u.departments ?? []).includes(departmentId));
}

export interface DepartmentForm {
  id: string;
  name: string;
  parentId: string;
  leader: string;
  approvers: string[];
}

export function departmentForm(department?: Department, parentId = ""): DepartmentForm {
  return {
    id: department?.id ?? "",
    name: department?.name ?? "",
    parentId: department ? department.parentId ?? "" : parentId,
    leader: department?.leader ?? "",
    approvers: [...(department?.approvers ?? [])],
  };
}

export function checkDepartment(form: DepartmentForm, existing?: string[]): Problem[] {
  const checks = new ProblemList().id("id", form.id).unused("id", form.id, existing).name("name", form.name)
    .username("leader", form.leader, false);
  if (form.parentId && form.parentId === form.id.trim()) {
    checks.add("parentId", "ops.check.ownParent");
  }
  return checks.problems;
}

export function departmentInput(form: DepartmentForm): config.DepartmentInput {
  return {
    id: form.id.trim(),
    name: form.name.trim(),
    parentId: form.parentId || undefined,
    leader: form.leader.trim() || undefined,
    approvers: form.approvers,
  };
}

// roles

export interface RoleForm {
  id: string;
  name: string;
}

export function checkRole(form: RoleForm, existing?: string[]): Problem[] {
  return new ProblemList().id("id", form.id).unused("id", form.id, existing).name("name", form.name).problems;
}

export function roleHolders(users: DirectoryUser[], roleId: string): DirectoryUser[] {
  return users.filter((u) => u.active !== false && (u.roles ?? []).includes(roleId));
}

// delegations

export const LONGEST_DAYS = 366;
export const MAX_REASON = 500;

export interface DelegationForm {
  delegator: string;
  delegate: string;
  /** None: every workflow. */
  workflows: string[];
  /** datetime-local values ("2026-12-05T09:00"), in the reader's time zone; from may be blank (now). */
  from: string;
  until: string;
  reason: string;
}

export function delegationForm(delegator = ""): DelegationForm {
  return { delegator, delegate: "", workflows: [], from: "", until: "", reason: "" };
}

/** A datetime-local value as an instant in the browser's time zone, or undefined when blank or unreadable. */
export function localTime(value: string): Date | undefined {
  if (!value.trim()) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A date as a datetime-local value (minutes), in the browser's time zone. */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function checkDelegation(form: DelegationForm, now: Date): Problem[] {
  const checks = new ProblemList().username("delegator", form.delegator).username("delegate", form.delegate);
  if (form.delegator && form.delegator === form.delegate) {
    checks.add("delegate", "ops.check.sameUser");
  }
  const from = localTime(form.from) ?? now;
  if (form.from.trim() && !localTime(form.from)) {
    checks.add("from", "ops.check.time");
  }
  const until = localTime(form.until);
  if (!form.until.trim()) {
    checks.add("until", "ops.check.required");
  } else if (!until) {
    checks.add("until", "ops.check.time");
  } else if (until <= from) {
    checks.add("until", "ops.check.untilAfterFrom");
  } else if (until <= now) {
    checks.add("until", "ops.check.untilFuture");
  } else if (until.getTime() - from.getTime() > LONGEST_DAYS * 86_400_000) {
    checks.add("until", "ops.check.window", { days: LONGEST_DAYS });
  }
  if (form.reason.length > MAX_REASON) {
    checks.add("reason", "ops.check.tooLong", { max: MAX_REASON });
  }
  return checks.problems;
}

export function delegationInput(form: DelegationForm): config.DelegationInput {
  return {
    delegator: form.delegator,
    delegate: form.delegate,
    workflows: form.workflows,
    from: localTime(form.from),
    until: localTime(form.until),
    reason: form.reason.trim() || undefined,
  };
}

/** The delegations of several users' lists, each once, by start time. */
export function mergeDelegations(lists: Delegation[][]): Delegation[] {
  const byId = new Map<string, Delegation>();
  lists.flat().forEach((d) => byId.set(d.id ?? JSON.stringify(d), d));
  return [...byId.values()].sort((a, b) => (a.from?.getTime() ?? 0) - (b.from?.getTime() ?? 0));
}

/** Runs `work` over `items` with at most `limit` at a time, keeping their order in the results. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
