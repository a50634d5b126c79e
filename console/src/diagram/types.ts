/** The shared diagram's contract: what the designer and the ticket page hand to WorkflowDiagram. */
export interface DiagramParticipants { kind?: string; values?: string[]; of?: string; level?: number }
export interface DiagramState {
  key: string; name?: string; type?: "START" | "NORMAL" | "END"; order?: number;
  /** Who handles the state, shown as a short summary on the node (optional). */
  participants?: DiagramParticipants;
  /** A hook state (handled by a system), shown as such on the node (optional). */
  hook?: boolean;
}
export interface DiagramRoute { condition?: string; to?: string }
export interface DiagramTransition {
  key: string; name?: string; from?: string; to?: string; kind?: "AGREE" | "REJECT" | "OTHER"; routes?: DiagramRoute[];
}
export interface Selection { element: "state" | "transition"; key: string }
/** How an element differs from another version (a diff's view). */
export type Highlight = "added" | "removed" | "changed";

export interface WorkflowDiagramProps {
  states: DiagramState[];
  transitions: DiagramTransition[];
  /** The state to highlight (a ticket's current state). */
  current?: string;
  /** States on a path (a dry run, or where a ticket has been), in order. */
  path?: string[];
  /** Problems per element: key "state:<key>" or "transition:<key>". */
  problems?: Record<string, string[]>;
  selected?: Selection;
  onSelect?(selection: Selection | undefined): void;
  /** Editing: connecting two states asks for a transition; dragging is allowed. */
  editable?: boolean;
  onConnect?(from: string, to: string): void;
  height?: number;
  /** An accessible name for the diagram region. */
  label: string;
  /** Elements marked as added, removed or changed (key "state:<key>" or "transition:<key>"). */
  highlight?: Record<string, Highlight>;
}
