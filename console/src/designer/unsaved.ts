import type { Definition } from "./model";

/**
 * Unsaved edits of a draft, kept while the admin looks at another tab or page of the console (not across reloads:
 * leaving the page with unsaved changes asks first). An entry belongs to the saved draft it was edited from
 * (its `stamp`, the draft's updatedAt) and is ignored once that draft changed on the server.
 */
export interface Unsaved {
  stamp: string;
  model: Definition;
  /** The saved draft's JSON, to tell what is unsaved. */
  saved: string;
}

const kept = new Map<string, Unsaved>();

export function keepUnsaved(workflowKey: string, entry: Unsaved): void {
  kept.set(workflowKey, entry);
}

export function dropUnsaved(workflowKey: string): void {
  kept.delete(workflowKey);
}

/** The edits kept for the workflow, if they were made on the draft as it is now saved. */
export function unsavedFor(workflowKey: string, stamp: string): Unsaved | undefined {
  const entry = kept.get(workflowKey);
  return entry && entry.stamp === stamp ? entry : undefined;
}
