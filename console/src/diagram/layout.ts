import dagre from "@dagrejs/dagre";
import type { DiagramParticipants, DiagramState, DiagramTransition } from "./types";

/** Every node has this size, in the diagram's units, so the layout and the drawing agree. */
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 84;
const LABEL_HEIGHT = 22;
const LABEL_MAX = 170;

export interface Point { x: number; y: number }

/** One arrow of the diagram: a transition (from its state to its `to`), or one of its conditional routes. */
export interface EdgeSpec {
  /** "transition:<key>" or "route:<key>:<index>", made unique. */
  id: string;
  /** The transition it belongs to. */
  transition: string;
  /** The route's index within the transition, for a route. */
  route?: number;
  from: string;
  to: string;
  kind: "AGREE" | "REJECT" | "OTHER";
  /** The transition's name, or the route's condition. */
  label: string;
}

export interface LaidNode { key: string; x: number; y: number }
export interface LaidEdge extends EdgeSpec {
  /** The line from the source's border to the target's border, as dagre routed it. */
  points: Point[];
  /** Where dagre put the label (its centre). */
  labelAt?: Point;
}
export interface Layout { nodes: LaidNode[]; edges: LaidEdge[]; width: number; height: number }

/** The states to draw: each key once (the first wins), by `order` then as given. */
export function drawableStates<S extends DiagramState>(states: S[]): S[] {
  const seen = new Set<string>();
  const unique = states.filter((s) => typeof s.key === "string" && !seen.has(s.key) && seen.add(s.key));
  return unique
    .map((state, index) => ({ state, index }))
    .sort((a, b) => (a.state.order ?? 0) - (b.state.order ?? 0) || a.index - b.index)
    .map((x) => x.state);
}

/** The arrows: each transition whose ends are known states, and each route of it to a known state. */
export function diagramEdges(transitions: DiagramTransition[], stateKeys: Set<string>): EdgeSpec[] {
  const ids = new Set<string>();
  const unique = (id: string) => {
    let candidate = id;
    for (let n = 2; ids.has(candidate); n++) {
      candidate = `${id}#${n}`;
    }
    ids.add(candidate);
    return candidate;
  };
  const edges: EdgeSpec[] = [];
  for (const t of transitions) {
    const kind = t.kind ?? "OTHER";
    if (!t.from || !stateKeys.has(t.from)) {
      continue;
    }
    if (t.to && stateKeys.has(t.to)) {
      edges.push({ id: unique(`transition:${t.key}`), transition: t.key, from: t.from, to: t.to, kind, label: t.name || t.key });
    }
    (t.routes ?? []).forEach((r, index) => {
      if (r.to && stateKeys.has(r.to)) {
        edges.push({
          id: unique(`route:${t.key}:${index}`), transition: t.key, route: index, from: t.from!, to: r.to, kind,
          label: r.condition ?? "",
        });
      }
    });
  }
  return edges;
}

/**
 * How much room an edge's label gets: roughly 6.5 units a character (11.5 a wide one), rounded up to a step of 30 and within bounds,
 * so typing a name lays the diagram out again only now and then.
 */
export function labelWidth(text: string): number {
  // Wide characters (Chinese, Japanese, Korean) take about twice the room of Latin ones.
  const units = [...text].reduce((sum, ch) => sum + (/[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 11.5 : 6.5), 0);
  const wanted = Math.round(units) + 28;
  return Math.min(LABEL_MAX, Math.max(40, Math.ceil(wanted / 30) * 30));
}

/** What the layout depends on (keys, arrows, room for labels): two inputs with the same signature lay out the same. */
export function layoutSignature(states: DiagramState[], transitions: DiagramTransition[]): string {
  const drawn = drawableStates(states);
  const edges = diagramEdges(transitions, new Set(drawn.map((s) => s.key)));
  return JSON.stringify([drawn.map((s) => s.key), edges.map((e) => [e.id, e.from, e.to, labelWidth(e.label)])]);
}

/** Left to right: where each state's box goes (top-left corner) and the line of each arrow. */
export function layoutWorkflow(states: DiagramState[], transitions: DiagramTransition[]): Layout {
  const drawn = drawableStates(states);
  const keys = new Set(drawn.map((s) => s.key));
  const specs = diagramEdges(transitions, keys);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 30, ranksep: 44, edgesep: 16, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of drawn) {
    g.setNode(s.key, { width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  for (const e of specs) {
    g.setEdge(e.from, e.to, {
      width: labelWidth(e.label), height: LABEL_HEIGHT, labelpos: "c", minlen: 1, weight: e.route === undefined ? 2 : 1,
    }, e.id);
  }
  dagre.layout(g);
  const nodes = drawn.map((s) => {
    const n = g.node(s.key);
    return { key: s.key, x: Math.round(n.x! - NODE_WIDTH / 2), y: Math.round(n.y! - NODE_HEIGHT / 2) };
  });
  const edges = specs.map((e) => {
    const label = g.edge(e.from, e.to, e.id);
    const points = (label?.points ?? []).map((p: Point) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
    const labelAt = label && typeof label.x === "number" && typeof label.y === "number"
      ? { x: Math.round(label.x), y: Math.round(label.y) } : undefined;
    return { ...e, points, labelAt };
  });
  const graph = g.graph();
  return { nodes, edges, width: graph.width ?? 0, height: graph.height ?? 0 };
}

/** The smallest zoom at which a state's name still reads; a workflow that needs less is shown from its start. */
export const READABLE_ZOOM = 0.6;
/** The same for a read-only overview (a ticket's progress, a comparison), where the shape matters more. */
export const OVERVIEW_ZOOM = 0.4;
export const FIT_PADDING = 0.12;
export const MAX_FIT_ZOOM = 1.1;

/** The zoom at which the whole layout fits a box (with React Flow's fit padding), at most MAX_FIT_ZOOM. */
export function fittingZoom(layout: { width: number; height: number }, boxWidth: number, boxHeight: number): number {
  if (layout.width <= 0 || layout.height <= 0) {
    return MAX_FIT_ZOOM;
  }
  const room = 1 - 2 * FIT_PADDING;
  return Math.min(MAX_FIT_ZOOM, (boxWidth * room) / layout.width, (boxHeight * room) / layout.height);
}

/** An SVG path through the points: straight from the first, rounded through each bend, straight into the last. */
export function pathThrough(points: Point[]): string {
  if (points.length === 0) {
    return "";
  }
  const [first, ...rest] = points;
  if (rest.length === 0) {
    return `M${first.x},${first.y}`;
  }
  let d = `M${first.x},${first.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const bend = rest[i];
    const next = rest[i + 1];
    const mid = { x: (bend.x + next.x) / 2, y: (bend.y + next.y) / 2 };
    d += ` Q${bend.x},${bend.y} ${mid.x},${mid.y}`;
  }
  const last = rest[rest.length - 1];
  return `${d} L${last.x},${last.y}`;
}

/** The point halfway along a polyline (where a label goes when dagre placed none). */
export function midpoint(points: Point[]): Point | undefined {
  if (points.length === 0) {
    return undefined;
  }
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i].x, p.y - points[i].y));
  let remaining = lengths.reduce((a, b) => a + b, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    if (remaining <= lengths[i] && lengths[i] > 0) {
      const f = remaining / lengths[i];
      return { x: points[i].x + (points[i + 1].x - points[i].x) * f, y: points[i].y + (points[i + 1].y - points[i].y) * f };
    }
    remaining -= lengths[i];
  }
  return points[points.length - 1];
}

/** The arrows along a path of states: each arrow from one state of the path to the next. */
export function edgesOnPath(path: string[] | undefined, edges: EdgeSpec[]): Set<string> {
  const on = new Set<string>();
  if (!path) {
    return on;
  }
  for (let i = 0; i + 1 < path.length; i++) {
    for (const e of edges) {
      if (e.from === path[i] && e.to === path[i + 1]) {
        on.add(e.id);
      }
    }
  }
  return on;
}

/** Where each state stands on a path (1-based; a state visited twice keeps its first place). */
export function pathPositions(path: string[] | undefined): Map<string, number> {
  const positions = new Map<string, number>();
  (path ?? []).forEach((key, i) => { if (!positions.has(key)) { positions.set(key, i + 1); } });
  return positions;
}

/** A participant rule in a few words: "USER lena", "ROLE director, hr", "LEADER of field:manager", "ANCESTOR_LEADER 2". */
export function participantsSummary(rule: DiagramParticipants | undefined): string {
  if (!rule || !rule.kind) {
    return "";
  }
  const parts = [rule.kind];
  const values = (rule.values ?? []).filter((v) => v !== "");
  if (values.length > 0) {
    parts.push(values.length > 3 ? `${values.slice(0, 3).join(", ")} +${values.length - 3}` : values.join(", "));
  }
  if (rule.level !== undefined && rule.level !== null) {
    parts.push(`L${rule.level}`);
  }
  if (rule.of) {
    parts.push(`(${rule.of})`);
  }
  return parts.join(" ");
}

/** How many problems an element has, from the problems map ("state:<key>" / "transition:<key>"). */
export function problemCount(problems: Record<string, string[]> | undefined, id: string): number {
  return problems?.[id]?.length ?? 0;
}
