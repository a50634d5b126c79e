import type { Route } from "../app/router";

// stub: filled in by its area's work
export function StartPage(_props: { route?: Route; workflowKey?: string; ticketId?: string; kind?: ListKind }) {
  return <p>StartPage</p>;
}
export type ListKind = "todo" | "related" | "created" | "cc";
