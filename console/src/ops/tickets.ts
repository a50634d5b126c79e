import type { command, config, query } from "@baton/client";
import { MAX_COMMENT, type Problem } from "./checks";

export const STATUSES = ["DRAFT", "IN_PROGRESS", "REJECTED", "FINISHED", "CLOSED", "DELETED"] as const;
export const PAGE_SIZE = 20;

/** The all-tickets filters as the route's query keeps them (dates as yyyy-mm-dd, whole days in local time). */
export interface TicketFilters {
  workflow: string;
  state: string;
  status: string;
  from: string;
  to: string;
  title: string;
  serialNo: string;
}

const FILTER_KEYS: (keyof TicketFilters)[] = ["workflow", "state", "status", "from", "to", "title", "serialNo"];

export function ticketFiltersOf(queryParams: URLSearchParams): TicketFilters {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, queryParams.get(k) ?? ""])) as unknown as TicketFilters;
}

export function ticketFiltersQuery(filters: TicketFilters): Record<string, string> {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, filters[k].trim()]));
}

/** A yyyy-mm-dd date's start in local time, or undefined. */
export function dayStart(day: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) {
    return undefined;
  }
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The start of the day after, so a "to" day includes itself (the API's createdTo is exclusive). */
export function dayAfter(day: string): Date | undefined {
  const start = dayStart(day);
  return start && new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
}

export function checkTicketFilters(filters: TicketFilters): Problem[] {
  const problems: Problem[] = [];
  if (filters.from && !dayStart(filters.from)) {
    problems.push({ field: "createdFrom", message: "ops.check.date" });
  }
  if (filters.to && !dayStart(filters.to)) {
    problems.push({ field: "createdTo", message: "ops.check.date" });
  }
  const from = dayStart(filters.from);
  const to = dayStart(filters.to);
  if (from && to && to < from) {
    problems.push({ field: "createdTo", message: "ops.check.toBeforeFrom" });
  }
  return problems;
}

/** The request for one page of ListsApi.all. */
export function allRequest(filters: TicketFilters, cursor?: string, limit = PAGE_SIZE): query.AllRequest {
  const request: query.AllRequest = { limit };
  if (filters.workflow.trim()) request.workflow = filters.workflow.trim();
  if (filters.state.trim()) request.state = filters.state.trim();
  if (filters.status) request.status = filters.status as query.AllStatusEnum;
  const from = dayStart(filters.from);
  if (from) request.createdFrom = from;
  const to = dayAfter(filters.to);
  if (to) request.createdTo = to;
  if (filters.title.trim()) request.title = filters.title.trim();
  if (filters.serialNo.trim()) request.serialNo = filters.serialNo.trim();
  if (cursor) request.cursor = cursor;
  return request;
}

// admin actions

export type AdminAction = "reassign" | "jump" | "migrate" | "delete";

/**
 * The admin actions open to the signed-in admin now: reassign, jump and delete as the ticket's `actions` say (all,
 * when the read carries none), migrate on an open ticket whose workflow has a newer version.
 */
export function adminActions(ticket: query.TicketDetail, latestVersion: number | undefined): AdminAction[] {
  const actions = ticket.actions;
  const open = ticket.status === "DRAFT" || ticket.status === "IN_PROGRESS";
  const list: AdminAction[] = [];
  if (actions ? actions.reassign : open) list.push("reassign");
  if (actions ? actions.jump : open) list.push("jump");
  if (open && latestVersion !== undefined && latestVersion > (ticket.workflowVersion ?? 0)) list.push("migrate");
  if (actions ? actions._delete : ticket.status !== "DELETED") list.push("delete");
  return list;
}

/** The states a jump may go to: every state but the current one, in the workflow's order. */
export function jumpTargets(states: config.OutlineState[], current: string | undefined): config.OutlineState[] {
  return states.filter((s) => s.key !== current).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

/** The published versions newer than the ticket's, newest first. */
export function newerVersions(versions: config.VersionInfo[], current: number | undefined): number[] {
  return versions.map((v) => v.version ?? 0).filter((v) => v > (current ?? 0)).sort((a, b) => b - a);
}

/** The old version's states the new one has no state of the same key for: each needs a mapping. */
export function statesToMap(from: config.OutlineState[], to: config.OutlineState[]): config.OutlineState[] {
  const keys = new Set(to.map((s) => s.key));
  return from.filter((s) => !keys.has(s.key));
}

/** The new version's states a state may be mapped to: those of the same type (START, NORMAL, END...). */
export function mappingTargets(state: config.OutlineState, to: config.OutlineState[]): config.OutlineState[] {
  return to.filter((s) => s.type === state.type).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

export interface MigrateForm {
  toVersion: string;
  mapping: Record<string, string>;
  reason: string;
}

export function checkMigrate(form: MigrateForm, needed: config.OutlineState[]): Problem[] {
  const problems: Problem[] = [];
  if (!/^\d+$/.test(form.toVersion)) {
    problems.push({ field: "toVersion", message: "ops.check.required" });
  }
  needed.filter((s) => !form.mapping[s.key!]).forEach((s) =>
    problems.push({ field: `mapping.${s.key}`, message: "ops.check.unmapped", vars: { state: s.name ?? s.key! } }));
  problems.push(...checkReason(form.reason));
  return problems;
}

/** The migrate body: only the mapping entries the new version needs (the others keep their key). */
export function migrateRequest(form: MigrateForm, needed: config.OutlineState[], expectedVersion?: number): command.MigrateTicketRequest {
  const stateMapping: Record<string, string> = {};
  needed.forEach((s) => {
    if (form.mapping[s.key!]) {
      stateMapping[s.key!] = form.mapping[s.key!];
    }
  });
  return {
    toVersion: Number(form.toVersion),
    stateMapping: Object.keys(stateMapping).length ? stateMapping : undefined,
    reason: form.reason.trim() || undefined,
    expectedVersion,
  };
}

export function checkReason(reason: string): Problem[] {
  return reason.length > MAX_COMMENT ? [{ field: "reason", message: "ops.check.tooLong", vars: { max: MAX_COMMENT } }] : [];
}

/** What a command answered, as the ticket page needs it to re-read with read-your-writes. */
export function written(result: command.CommandResult, ticket: query.TicketDetail): { ticketId: string; version: number } {
  return { ticketId: result.ticketId ?? ticket.ticketId ?? "", version: result.version ?? ticket.version ?? 0 };
}
