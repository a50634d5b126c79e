import type { Route } from "../app/router";

// stub: filled in by its area's work
export function AdminTicketsPage(_props: { route?: Route; workflowKey?: string; ticketId?: string; kind?: ListKind }) {
  return <p>AdminTicketsPage</p>;
}
export type ListKind = "todo" | "related" | "created" | "cc";
