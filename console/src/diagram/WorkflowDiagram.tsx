// stub: the designer's work replaces it (React Flow + dagre); the props are the contract both areas use
export interface DiagramState { key: string; name?: string; type?: "START" | "NORMAL" | "END"; order?: number }
export interface DiagramRoute { condition?: string; to?: string }
export interface DiagramTransition {
  key: string; name?: string; from?: string; to?: string; kind?: "AGREE" | "REJECT" | "OTHER"; routes?: DiagramRoute[];
}
export interface Selection { element: "state" | "transition"; key: string }

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
}

export function WorkflowDiagram(props: WorkflowDiagramProps) {
  return (
    <figure aria-label={props.label}>
      <ul>{props.states.map((s) => <li key={s.key} data-state={s.key}>{s.name ?? s.key}{s.key === props.current ? " ◀" : ""}</li>)}</ul>
    </figure>
  );
}
