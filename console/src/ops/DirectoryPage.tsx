import type { Route } from "../app/router";

// stub: filled in by its area's work
export function DirectoryPage(_props: { route?: Route; workflowKey?: string; ticketId?: string; kind?: ListKind }) {
  return <p>DirectoryPage</p>;
}
export type ListKind = "todo" | "related" | "created" | "cc";
