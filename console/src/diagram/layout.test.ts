import { describe, expect, it } from "vitest";
import {
  diagramEdges, drawableStates, edgesOnPath, fittingZoom, labelWidth, MAX_FIT_ZOOM, READABLE_ZOOM, layoutSignature, layoutWorkflow, midpoint, NODE_HEIGHT, NODE_WIDTH,
  participantsSummary, pathPositions, pathThrough, problemCount,
} from "./layout";
import type { DiagramState, DiagramTransition } from "./types";

const states: DiagramState[] = [
  { key: "done", name: "Done", type: "END", order: 3 },
  { key: "draft", name: "Draft", type: "START", order: 1 },
  { key: "approve", name: "Approve", type: "NORMAL", order: 2 },
];
const transitions: DiagramTransition[] = [
  { key: "submit", name: "Submit", from: "draft", to: "approve", kind: "AGREE" },
  { key: "agree", name: "Agree", from: "approve", to: "done", kind: "AGREE", routes: [{ condition: "days > 3", to: "draft" }] },
  { key: "reject", name: "Reject", from: "approve", to: "draft", kind: "REJECT" },
];

describe("drawableStates", () => {
  it("orders by order, then as given, and keeps the first of a duplicated key", () => {
    const drawn = drawableStates([...states, { key: "draft", name: "Again", order: 0 }, { key: "x" }]);
    expect(drawn.map((s) => s.key)).toEqual(["x", "draft", "approve", "done"]);
    expect(drawn.find((s) => s.key === "draft")!.name).toBe("Draft");
  });
});

describe("diagramEdges", () => {
  it("draws transitions and their routes, skipping ends that are not states", () => {
    const edges = diagramEdges([...transitions, { key: "lost", from: "approve", to: "nowhere" }],
      new Set(["draft", "approve", "done"]));
    expect(edges.map((e) => e.id)).toEqual(["transition:submit", "transition:agree", "route:agree:0", "transition:reject"]);
    const route = edges.find((e) => e.id === "route:agree:0")!;
    expect(route).toMatchObject({ transition: "agree", route: 0, from: "approve", to: "draft", label: "days > 3", kind: "AGREE" });
  });

  it("makes ids unique when keys repeat and labels a nameless transition with its key", () => {
    const edges = diagramEdges([{ key: "t", from: "a", to: "b" }, { key: "t", from: "b", to: "a" }], new Set(["a", "b"]));
    expect(edges.map((e) => e.id)).toEqual(["transition:t", "transition:t#2"]);
    expect(edges[0]).toMatchObject({ label: "t", kind: "OTHER" });
  });
});

describe("layoutWorkflow", () => {
  it("lays the states out left to right along the transitions", () => {
    const layout = layoutWorkflow(states, transitions);
    const x = Object.fromEntries(layout.nodes.map((n) => [n.key, n.x]));
    expect(x.draft).toBeLessThan(x.approve);
    expect(x.approve).toBeLessThan(x.done);
    expect(layout.width).toBeGreaterThanOrEqual(3 * NODE_WIDTH);
    expect(layout.height).toBeGreaterThanOrEqual(NODE_HEIGHT);
  });

  it("routes every arrow with points and a label position, and never overlaps two boxes", () => {
    const layout = layoutWorkflow(states, transitions);
    expect(layout.edges).toHaveLength(4);
    for (const e of layout.edges) {
      expect(e.points.length).toBeGreaterThanOrEqual(2);
      expect(e.labelAt).toBeDefined();
    }
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a !== b) {
          const apart = Math.abs(a.x - b.x) >= NODE_WIDTH || Math.abs(a.y - b.y) >= NODE_HEIGHT;
          expect(apart).toBe(true);
        }
      }
    }
  });

  it("lays out twenty states quickly", () => {
    const many: DiagramState[] = Array.from({ length: 20 }, (_, i) => ({ key: `s${i}`, type: i === 0 ? "START" : i === 19 ? "END" : "NORMAL" }));
    const arrows: DiagramTransition[] = many.slice(0, 19).flatMap((s, i) => [
      { key: `a${i}`, from: s.key, to: `s${i + 1}`, kind: "AGREE" as const },
      { key: `r${i}`, from: s.key, to: "s0", kind: "REJECT" as const },
    ]);
    const started = performance.now();
    const layout = layoutWorkflow(many, arrows);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(layout.nodes).toHaveLength(20);
    expect(layout.edges).toHaveLength(38);
  });

  it("has the same signature for the same drawing and another when an arrow moves", () => {
    const a = layoutSignature(states, transitions);
    expect(layoutSignature([...states], transitions.map((t) => ({ ...t })))).toBe(a);
    expect(layoutSignature(states, [{ ...transitions[0], to: "done" }, ...transitions.slice(1)])).not.toBe(a);
    expect(layoutSignature(states.map((s) => ({ ...s, name: `${s.name}!` })), transitions)).toBe(a);
    expect(layoutSignature(states, [{ ...transitions[0], name: "Submi" }, ...transitions.slice(1)])).toBe(a);
    expect(layoutSignature(states, [{ ...transitions[0], name: "Submit it for a much longer label" }, ...transitions.slice(1)])).not.toBe(a);
  });
});

describe("fitting", () => {
  it("fits small layouts up to the largest zoom and says how far a long one must shrink", () => {
    expect(fittingZoom({ width: 100, height: 50 }, 1000, 500)).toBe(MAX_FIT_ZOOM);
    expect(fittingZoom({ width: 0, height: 0 }, 1000, 500)).toBe(MAX_FIT_ZOOM);
    const long = fittingZoom({ width: 8000, height: 300 }, 700, 440);
    expect(long).toBeCloseTo((700 * 0.76) / 8000);
    expect(long).toBeLessThan(READABLE_ZOOM);
  });
});

describe("paths", () => {
  it("draws straight ends and rounded bends", () => {
    expect(pathThrough([])).toBe("");
    expect(pathThrough([{ x: 0, y: 0 }, { x: 10, y: 0 }])).toBe("M0,0 L10,0");
    expect(pathThrough([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }])).toBe("M0,0 Q10,0 10,5 L10,10");
  });

  it("finds the middle of a polyline", () => {
    expect(midpoint([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }])).toEqual({ x: 10, y: 0 });
    expect(midpoint([{ x: 0, y: 0 }, { x: 4, y: 0 }])).toEqual({ x: 2, y: 0 });
    expect(midpoint([])).toBeUndefined();
  });

  it("marks the arrows between consecutive states of a path and numbers its states", () => {
    const edges = diagramEdges(transitions, new Set(["draft", "approve", "done"]));
    expect([...edgesOnPath(["draft", "approve", "done"], edges)]).toEqual(["transition:submit", "transition:agree"]);
    expect(edgesOnPath(undefined, edges).size).toBe(0);
    expect(pathPositions(["draft", "approve", "draft", "done"])).toEqual(new Map([["draft", 1], ["approve", 2], ["done", 4]]));
  });
});

describe("summaries", () => {
  it("says who handles a state in a few words", () => {
    expect(participantsSummary({ kind: "USER", values: ["lena"] })).toBe("USER lena");
    expect(participantsSummary({ kind: "USERS", values: ["a", "b", "c", "d", "e"] })).toBe("USERS a, b, c +2");
    expect(participantsSummary({ kind: "ANCESTOR_LEADER", level: 2, of: "field:manager" })).toBe("ANCESTOR_LEADER L2 (field:manager)");
    expect(participantsSummary(undefined)).toBe("");
  });

  it("counts an element's problems and sizes labels within bounds", () => {
    expect(problemCount({ "state:a": ["x", "y"] }, "state:a")).toBe(2);
    expect(problemCount(undefined, "state:a")).toBe(0);
    expect(labelWidth("")).toBe(40);
    expect(labelWidth("Submit")).toBe(labelWidth("Submi"));
    expect(labelWidth("Submit")).toBe(90);
    expect(labelWidth("提交申请")).toBeGreaterThan(labelWidth("Subm"));
    expect(labelWidth("x".repeat(200))).toBe(170);
  });
});
