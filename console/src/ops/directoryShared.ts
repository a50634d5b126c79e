import { config } from "@baton/client";
import { href } from "../app/router";

/** What the directory's tabs share: the directory read once, and how its entries are named. */
export type DirectoryUser = config.DirectoryUser;
export type Department = config.Department;
export type Role = config.Role;

export interface Directory {
  users: DirectoryUser[];
  departments: Department[];
  roles: Role[];
}

export const PATH = "/admin/directory";

/** Keeps the page's filters in its address without a history entry per keystroke. */
export function replaceQuery(query: Record<string, string | undefined>) {
  window.location.replace(href(PATH, query));
}

/** The names of the listed ids (the id itself when unknown), for a table cell. */
export function names<T extends { id?: string; name?: string }>(list: T[], ids: string[] | undefined): string {
  return (ids ?? []).map((id) => list.find((x) => x.id === id)?.name ?? id).join(", ");
}

/** A user as a picker shows them: the name with the username, or the username alone. */
export function userLabel(u: DirectoryUser): string {
  return u.name && u.name !== u.username ? `${u.name} (${u.username})` : u.username ?? "";
}

