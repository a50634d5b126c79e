import { createContext, memo, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import {
  applyNodeChanges, BaseEdge, Background, Controls, EdgeLabelRenderer, getBezierPath, Handle, MarkerType, MiniMap, Position,
  ReactFlow, ReactFlowProvider, useReactFlow,
  type Connection, type Edge, type FinalConnectionState, type EdgeChange, type EdgeProps, type Node, type NodeChange, type NodeProps, type XYPosition,
} from "@xyflow/react";
import { useI18n } from "../app/i18n";
import {
  diagramEdges, edgesOnPath, layoutSignature, layoutWorkflow, midpoint, NODE_HEIGHT, NODE_WIDTH, participantsSummary, pathPositions,
  pathThrough, fittingZoom, READABLE_ZOOM, OVERVIEW_ZOOM, FIT_PADDING, MAX_FIT_ZOOM, type LaidEdge, type Point,
} from "./layout";
import type { DiagramState, Highlight, Selection, WorkflowDiagramProps } from "./types";
import "./diagram.css";

export type {
  DiagramParticipants, DiagramRoute, DiagramState, DiagramTransition, Highlight, Selection, WorkflowDiagramProps,
} from "./types";

interface Shared {
  onSelect?(selection: Selection | undefined): void;
  editable: boolean;
}
const SharedContext = createContext<Shared>({ editable: false });

interface StateData extends Record<string, unknown> {
  state: DiagramState;
  problems: string[];
  current: boolean;
  step?: number;
  dimmed: boolean;
  highlight?: Highlight;
}
interface EdgeData extends Record<string, unknown> {
  spec: LaidEdge;
  points?: Point[];
  labelAt?: Point;
  problems: string[];
  onPath: boolean;
  dimmed: boolean;
  highlight?: Highlight;
}
type StateNode = Node<StateData, "state">;
type FlowEdge = Edge<EdgeData, "flow">;

const KIND_COLOURS = { AGREE: "#137333", REJECT: "#b42318", OTHER: "#5b6475" } as const;
const NONE: string[] = [];

/** A value kept while the inputs it was made from are the same (compared one by one). */
function useReuse() {
  const cache = useRef(new Map<string, { inputs: unknown[]; value: unknown }>());
  return useCallback(<T,>(id: string, inputs: unknown[], make: () => T): T => {
    const hit = cache.current.get(id);
    if (hit && hit.inputs.length === inputs.length && hit.inputs.every((x, i) => Object.is(x, inputs[i]))) {
      return hit.value as T;
    }
    const value = make();
    cache.current.set(id, { inputs, value });
    return value;
  }, []);
}

/**
 * A workflow drawn left to right (dagre): states as boxes (start, normal and end look different), transitions as
 * arrows coloured by kind, conditional routes dashed. Read-only by default (pannable, zoomable, fitted); editable,
 * it lets states be dragged and connected. Problems, a current state, a path and a diff's marks are shown on the
 * elements they concern.
 */
export function WorkflowDiagram(props: WorkflowDiagramProps) {
  return <ReactFlowProvider><Diagram {...props} /></ReactFlowProvider>;
}

function Diagram(props: WorkflowDiagramProps) {
  const { states, transitions, current, path, problems, selected, onSelect, editable = false, onConnect, height = 420,
    label, highlight } = props;
  const { t } = useI18n();
  const flow = useReactFlow();
  const signature = layoutSignature(states, transitions);
  // The layout depends only on the keys and arrows: editing a name or a rule does not lay out again.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const layout = useMemo(() => layoutWorkflow(states, transitions), [signature]);
  const [moved, setMoved] = useState<Record<string, XYPosition>>({});
  const byKey = useMemo(() => new Map(states.map((s) => [s.key, s])), [states]);
  const positions = useMemo(() => pathPositions(path), [path]);
  const onPath = useMemo(() => edgesOnPath(path, layout.edges), [path, layout]);
  const dimming = (path?.length ?? 0) > 0;

  // A node or an arrow whose inputs did not change keeps its object, so React Flow redraws only what changed.
  const reuse = useReuse();
  const baseNodes = useMemo<StateNode[]>(() => layout.nodes.map((n) => {
    const state = byKey.get(n.key) ?? { key: n.key };
    const own = problems?.[`state:${n.key}`] ?? NONE;
    const step = positions.get(n.key);
    const isCurrent = current === n.key;
    const mark = highlight?.[`state:${n.key}`];
    const isSelected = selected?.element === "state" && selected.key === n.key;
    const position = moved[n.key] ?? { x: n.x, y: n.y };
    const dimmed = dimming && !step;
    return reuse(`n:${n.key}`, [state, own, step, isCurrent, mark, isSelected, position.x, position.y, dimmed, editable, onSelect, t], () => {
      const words = [
        t("designer.diagram.stateLabel", { name: state.name || n.key, key: n.key, type: t(`designer.type.${state.type ?? "NORMAL"}`) }),
        isCurrent ? t("designer.diagram.current") : "",
        step ? t("designer.diagram.step", { n: step }) : "",
        own.length ? problemsLabel(t, own.length) : "",
      ].filter(Boolean);
      return {
        id: n.key,
        type: "state",
        position,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        data: { state, problems: own, current: isCurrent, step, dimmed, highlight: mark },
        selected: isSelected,
        draggable: editable,
        connectable: editable,
        selectable: Boolean(onSelect),
        focusable: Boolean(onSelect),
        deletable: false,
        ariaLabel: words.join(", "),
      } satisfies StateNode;
    });
  }), [layout, byKey, problems, positions, current, dimming, highlight, selected, editable, onSelect, moved, t, reuse]);

  // React Flow keeps each node's measured size on the node: a node whose input did not change stays as it is.
  const [nodes, setNodes] = useState<StateNode[]>(baseNodes);
  const mergedFrom = useRef(new Map<string, StateNode>());
  useEffect(() => {
    setNodes((previous) => {
      const before = new Map(previous.map((n) => [n.id, n]));
      return baseNodes.map((n) => {
        const had = before.get(n.id);
        if (had && mergedFrom.current.get(n.id) === n) {
          return had;
        }
        mergedFrom.current.set(n.id, n);
        return had?.measured ? { ...n, measured: had.measured } : n;
      });
    });
  }, [baseNodes]);

  // Names and kinds do not move anything: they are taken from the transitions as they are now.
  const fresh = useMemo(() => new Map(diagramEdges(transitions, new Set(layout.nodes.map((n) => n.key))).map((e) => [e.id, e])),
    [transitions, layout]);
  const edges = useMemo<FlowEdge[]>(() => {
    const marked = new Set<string>();
    return layout.edges.map((laid) => {
      const spec = fresh.get(laid.id);
      const key = `transition:${laid.transition}`;
      const dragged = Boolean(moved[laid.from] || moved[laid.to]);
      // A transition's problems show once, on its own arrow (or its first route's when it has none drawn).
      const showProblems = !marked.has(key) && (laid.route === undefined || !layout.edges.some((x) => x.transition === laid.transition && x.route === undefined));
      if (showProblems) {
        marked.add(key);
      }
      const on = onPath.has(laid.id);
      const own = showProblems ? problems?.[key] ?? NONE : NONE;
      const mark = highlight?.[key];
      const isSelected = selected?.element === "transition" && selected.key === laid.transition;
      const dimmed = dimming && !on;
      return reuse(`e:${laid.id}`, [laid, spec?.label, spec?.kind, dragged, on, own, mark, isSelected, dimmed, onSelect], () => {
        const e = { ...laid, ...spec };
        return {
          id: e.id,
          source: e.from,
          target: e.to,
          type: "flow",
          selected: isSelected,
          selectable: Boolean(onSelect),
          focusable: false,
          deletable: false,
          markerEnd: { type: MarkerType.ArrowClosed, color: KIND_COLOURS[e.kind], width: 16, height: 16 },
          data: {
            spec: e, points: dragged ? undefined : e.points, labelAt: dragged ? undefined : e.labelAt,
            problems: own, onPath: on, dimmed, highlight: mark,
          },
        } satisfies FlowEdge;
      });
    });
  }, [layout, fresh, moved, onPath, dimming, problems, highlight, selected, onSelect, reuse]);

  // Fit the view to the workflow; one too long to read whole is shown from its start, at a readable size, with an
  // overview map. Editing refits when states come or go, not on every change.
  const box = useRef<HTMLElement>(null);
  const [showMap, setShowMap] = useState(false);
  const fit = useCallback(() => {
    const el = box.current;
    if (!el || el.clientWidth === 0) {
      return;
    }
    // Editing needs readable labels; a read-only overview may be smaller before it scrolls.
    const tooBig = fittingZoom(layout, el.clientWidth, el.clientHeight) < (editable ? READABLE_ZOOM : OVERVIEW_ZOOM);
    setShowMap(tooBig);
    if (!tooBig) {
      void flow.fitView({ padding: FIT_PADDING, maxZoom: MAX_FIT_ZOOM });
    } else {
      const zoom = editable ? READABLE_ZOOM : OVERVIEW_ZOOM;
      void flow.setViewport({ x: 12, y: Math.max(12, (el.clientHeight - layout.height * zoom) / 2), zoom });
    }
  }, [layout, flow, editable]);
  const latestFit = useRef(fit);
  latestFit.current = fit;
  const fitted = useRef(false);
  const fitWhen = editable ? layout.nodes.map((n) => n.key).join("\n") : layout;
  useEffect(() => {
    if (fitted.current) {
      latestFit.current();
    }
  }, [fitWhen, height]);
  const init = useCallback(() => {
    fitted.current = true;
    latestFit.current();
  }, []);

  const onNodesChange = useCallback((changes: NodeChange<StateNode>[]) => {
    setNodes((current) => applyNodeChanges(changes, current));
    const drags: Record<string, XYPosition> = {};
    for (const change of changes) {
      if (change.type === "position" && change.position) {
        drags[change.id] = change.position;
      }
      if (change.type === "select" && change.selected) {
        onSelect?.({ element: "state", key: change.id });
      }
    }
    if (Object.keys(drags).length > 0) {
      setMoved((m) => ({ ...m, ...drags }));
    }
  }, [onSelect]);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    for (const change of changes) {
      if (change.type === "select" && change.selected) {
        const edge = layout.edges.find((e) => e.id === change.id);
        if (edge) {
          onSelect?.({ element: "transition", key: edge.transition });
        }
      }
    }
  }, [layout, onSelect]);

  const connect = useCallback((c: Connection) => {
    if (c.source && c.target) {
      onConnect?.(c.source, c.target);
    }
  }, [onConnect]);
  // Dropped on a state's box rather than on its handle: that state is the target all the same.
  const connectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid || !state.fromNode) {
      return;
    }
    const point = "changedTouches" in event ? event.changedTouches[0] : event;
    const target = document.elementFromPoint(point.clientX, point.clientY)?.closest(".react-flow__node")?.getAttribute("data-id");
    if (target && target !== state.fromNode.id) {
      onConnect?.(state.fromNode.id, target);
    }
  }, [onConnect]);

  const shared = useMemo(() => ({ onSelect, editable }), [onSelect, editable]);
  const ariaLabelConfig = useMemo(() => ({
    "node.a11yDescription.default": t("designer.diagram.nodeHelp"),
    "node.a11yDescription.keyboardDisabled": t("designer.diagram.nodeHelp"),
    "edge.a11yDescription.default": t("designer.diagram.nodeHelp"),
    "controls.ariaLabel": t("designer.diagram.controls"),
    "controls.zoomIn.ariaLabel": t("designer.diagram.zoomIn"),
    "controls.zoomOut.ariaLabel": t("designer.diagram.zoomOut"),
    "controls.fitView.ariaLabel": t("designer.diagram.fit"),
    "controls.interactive.ariaLabel": t("designer.diagram.interactive"),
    "handle.ariaLabel": t("designer.diagram.handle"),
    "minimap.ariaLabel": t("designer.diagram.minimap"),
  }), [t]);
  const ordered = useMemo(() => layout.nodes.map((n) => byKey.get(n.key) ?? { key: n.key }), [layout, byKey]);

  return (
    <figure className="diagram" aria-label={label} style={{ height }} ref={box}>
      <SharedContext.Provider value={shared}>
        <ReactFlow<StateNode, FlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={connect}
          onConnectEnd={connectEnd}
          onPaneClick={() => onSelect?.(undefined)}
          nodesDraggable={editable}
          nodesConnectable={editable}
          elementsSelectable={Boolean(onSelect)}
          nodesFocusable={Boolean(onSelect)}
          edgesFocusable={false}
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          zoomOnScroll={editable}
          preventScrolling={editable}
          zoomOnDoubleClick={false}
          onInit={init}
          fitViewOptions={{ padding: FIT_PADDING, maxZoom: MAX_FIT_ZOOM }}
          minZoom={0.05}
          maxZoom={2}
          ariaLabelConfig={ariaLabelConfig}
        >
          <Background gap={20} size={1} />
          <Controls showInteractive={false} />
          {showMap && <MiniMap pannable zoomable ariaLabel={t("designer.diagram.minimap")} nodeStrokeWidth={3}
            style={{ width: 150, height: 90 }} />}
        </ReactFlow>
      </SharedContext.Provider>
      <figcaption className="sr-only">
        <ol>
          {ordered.map((s) => (
            <li key={s.key} data-state={s.key} aria-current={s.key === current ? "step" : undefined}>
              {s.name || s.key}{s.key === current ? ` (${t("designer.diagram.current")})` : ""}
            </li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}

const StateBox = memo(function StateBox({ id, data, selected }: NodeProps<StateNode>) {
  const { t } = useI18n();
  const { editable } = useContext(SharedContext);
  const { state, problems, current, step, dimmed, highlight } = data;
  const type = state.type ?? "NORMAL";
  const who = state.hook ? t("designer.diagram.hook") : participantsSummary(state.participants);
  const classes = ["diagram-node", `diagram-node-${type.toLowerCase()}`, current && "diagram-current", selected && "diagram-selected",
    step && "diagram-on-path", dimmed && "diagram-dimmed", highlight && `diagram-${highlight}`, problems.length && "diagram-has-problems"]
    .filter(Boolean).join(" ");
  return (
    <div className={classes} data-testid={`state-${id}`} aria-current={current ? "step" : undefined} title={problems.join("\n") || undefined}>
      <Handle type="target" position={Position.Left} isConnectable={editable} className="diagram-handle" />
      <div className="diagram-node-head">
        <span className="diagram-type">{t(`designer.type.${type}`)}</span>
        {step !== undefined && <span className="diagram-step" aria-hidden="true">{step}</span>}
        {current && <span className="diagram-current-tag">{t("designer.diagram.current")}</span>}
        {highlight && <span className={`diagram-mark diagram-mark-${highlight}`}>{t(`designer.diff.${highlight}`)}</span>}
        {problems.length > 0 && <Marker count={problems.length} />}
      </div>
      <div className="diagram-node-name">{state.name || state.key}</div>
      <div className="diagram-node-key">{state.key}</div>
      {who && <div className="diagram-node-who">{who}</div>}
      <Handle type="source" position={Position.Right} isConnectable={editable} className="diagram-handle" />
    </div>
  );
});

/** "1 problem", "3 problems" (in the reader's language). */
export function problemsLabel(t: (key: string, vars?: Record<string, string | number>) => string, count: number): string {
  return t(count === 1 ? "designer.problems.one" : "designer.problems.many", { count });
}

function Marker({ count }: { count: number }) {
  const { t } = useI18n();
  return <span className="diagram-marker" role="img" aria-label={problemsLabel(t, count)}>!{count}</span>;
}

const FlowArrow = memo(function FlowArrow(props: EdgeProps<FlowEdge>) {
  const { t } = useI18n();
  const { onSelect } = useContext(SharedContext);
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, selected } = props;
  if (!data) {
    return null;
  }
  const { spec, points, labelAt, problems, onPath, dimmed, highlight } = data;
  let path: string;
  let at: Point;
  if (points && points.length >= 2) {
    path = pathThrough(points);
    at = labelAt ?? midpoint(points)!;
  } else {
    const [d, x, y] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
    path = d;
    at = { x, y };
  }
  const route = spec.route !== undefined;
  const colour = KIND_COLOURS[spec.kind];
  const width = selected ? 3.5 : onPath ? 4 : 1.8;
  const classes = ["diagram-edge-label", "nodrag", "nopan", `diagram-kind-${spec.kind.toLowerCase()}`, route && "diagram-route-label",
    selected && "diagram-selected", onPath && "diagram-on-path", dimmed && "diagram-dimmed", highlight && `diagram-${highlight}`]
    .filter(Boolean).join(" ");
  const text = route ? spec.label || t("designer.diagram.noCondition") : spec.label;
  const content = (
    <>
      <span className="diagram-edge-text">{text}</span>
      {!route && <span className="diagram-edge-kind">{t(`designer.kind.${spec.kind}`)}</span>}
      {highlight && <span className={`diagram-mark diagram-mark-${highlight}`}>{t(`designer.diff.${highlight}`)}</span>}
      {problems.length > 0 && <Marker count={problems.length} />}
    </>
  );
  const name = route
    ? t("designer.diagram.routeLabel", { condition: text, key: spec.transition })
    : t("designer.diagram.transitionLabel", { name: spec.label, key: spec.transition, kind: t(`designer.kind.${spec.kind}`) });
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={14}
        style={{ stroke: colour, strokeWidth: width, strokeDasharray: route ? "6 4" : undefined, opacity: dimmed ? 0.3 : 1 }}
      />
      <EdgeLabelRenderer>
        {onSelect ? (
          <button
            type="button"
            className={classes}
            style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)` }}
            aria-label={problems.length ? `${name}, ${problemsLabel(t, problems.length)}` : name}
            aria-pressed={Boolean(selected)}
            data-testid={route ? `route-${spec.transition}-${spec.route}` : `transition-${spec.transition}`}
            title={problems.join("\n") || undefined}
            onClick={() => onSelect({ element: "transition", key: spec.transition })}
          >{content}</button>
        ) : (
          <div
            className={classes}
            style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)` }}
            data-testid={route ? `route-${spec.transition}-${spec.route}` : `transition-${spec.transition}`}
          >{content}</div>
        )}
      </EdgeLabelRenderer>
    </>
  );
});

const NODE_TYPES = { state: StateBox };
const EDGE_TYPES = { flow: FlowArrow };
