// Lays the graph out left to right as a story: the law on the left (instrument → provision
// → grant), the bodies and persons in the middle, what they did and said on the right, the
// powers at the far end. Dagre ranks the nodes; for ranking only, links are turned so that
// they all run in that reading direction (and links that would tangle it are left out).
import cytoscape, { type Core, type EdgeSingular } from 'cytoscape';

/** Reading direction of each relation for layout: keep, turn round, or leave out. */
const ORIENTATION: Record<string, 'keep' | 'turn' | 'skip'> = {
  PART_OF: 'turn', // Provision → Instrument becomes Instrument → Provision (Body PART_OF Body is skipped below)
  CONFERRED_BY: 'turn',
  TO: 'keep',
  IMPLEMENTS: 'turn',
  ISSUED_BY: 'skip',
  OF: 'skip',
  WITHIN: 'skip',
  PERFORMED_BY: 'turn',
  EXERCISED: 'keep',
  AFFECTED: 'keep',
  IN: 'skip',
  SAID_BY: 'turn',
  ABOUT: 'keep',
  NAMES: 'skip',
  HOLDS_POSITION: 'skip',
  JURISDICTION: 'skip',
  SUCCEEDED_BY: 'keep',
  STAFFED_BY: 'skip',
  IS_A: 'skip',
  EVIDENCED_BY: 'keep',
  IN_CASE: 'skip',
};

function orientation(edge: EdgeSingular): 'keep' | 'turn' | 'skip' {
  const type = edge.data('type') as string;
  if (type === 'PART_OF' && edge.source().data('label') === 'Body') return 'skip';
  return ORIENTATION[type] ?? 'skip';
}

/** Above this many nodes, Dagre's columns grow too tall to read: lanes wrap instead. */
const DAGRE_MAX_NODES = 70;

/** The lanes, left to right, of the wrapped layout. */
const LANES: string[][] = [['Instrument'], ['Provision'], ['Grant'], ['BodyType', 'Body', 'Person'], ['Action', 'Group'], ['Statement'], ['Power', 'Place', 'Source', 'Case']];
const CELL = { w: 150, h: 50, laneGap: 60 };

/**
 * Lanes for large graphs: each kind in its lane, a lane wrapped into as many columns as
 * keep the picture about as wide as the screen, nodes ordered by their neighbours' places
 * (so links cross less) and bodies of one parent kept together.
 */
function laneLayout(cy: Core, nodes: cytoscape.NodeCollection, aspect: number): Map<string, cytoscape.Position> {
  const leaves = nodes.filter((n) => !n.isParent());
  const laneOf = (n: cytoscape.NodeSingular) => Math.max(0, LANES.findIndex((l) => l.includes(n.data('label'))));
  const lanes: cytoscape.NodeSingular[][] = LANES.map(() => []);
  leaves.forEach((n) => { lanes[laneOf(n)].push(n); });
  const used = lanes.filter((l) => l.length);
  // Rows: pick so that total columns × cell width ≈ aspect × rows × cell height.
  let rows = 8;
  for (; rows < 60; rows++) {
    const cols = used.reduce((sum, l) => sum + Math.ceil(l.length / rows), 0);
    if (cols * CELL.w + used.length * CELL.laneGap <= aspect * rows * CELL.h) break;
  }
  const y = new Map<string, number>();
  const order = (lane: cytoscape.NodeSingular[]) => {
    const score = (n: cytoscape.NodeSingular) => {
      const ys = n.neighborhood('node').map((m) => y.get(m.id())).filter((v): v is number => v !== undefined);
      return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : Number.MAX_SAFE_INTEGER;
    };
    const groupKey = (n: cytoscape.NodeSingular) => n.parent().nonempty() ? n.parent().first().id() : n.id();
    const groupScore = new Map<string, number>();
    for (const n of lane) {
      const k = groupKey(n);
      groupScore.set(k, Math.min(groupScore.get(k) ?? Infinity, score(n)));
    }
    lane.sort((a, b) => (groupScore.get(groupKey(a))! - groupScore.get(groupKey(b))!) || groupKey(a).localeCompare(groupKey(b)) || score(a) - score(b));
  };
  const place = () => {
    for (const lane of lanes) lane.forEach((n, i) => y.set(n.id(), (i % rows) * CELL.h));
  };
  // The middle lane (bodies) anchors the order; sweep out from it both ways, twice.
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const lane of [lanes[3], lanes[2], lanes[1], lanes[0], lanes[4], lanes[5], lanes[6]]) {
      order(lane);
      lane.forEach((n, i) => y.set(n.id(), (i % rows) * CELL.h));
    }
    place();
  }
  const positions = new Map<string, cytoscape.Position>();
  let x = 0;
  for (const lane of lanes) {
    if (!lane.length) continue;
    lane.forEach((n, i) => positions.set(n.id(), { x: x + Math.floor(i / rows) * CELL.w, y: (i % rows) * CELL.h }));
    x += Math.ceil(lane.length / rows) * CELL.w + CELL.laneGap;
  }
  return positions;
}

/** Places the visible, unpinned nodes of `cy`; pinned (locked) nodes keep their place. */
export function storyLayout(cy: Core, opts: { animate?: boolean } = {}): void {
  const visible = cy.elements(':visible');
  const nodes = visible.nodes();
  if (nodes.empty()) return;
  if (nodes.length > DAGRE_MAX_NODES) {
    const box = cy.container()?.getBoundingClientRect();
    const positions = laneLayout(cy, nodes, box && box.height > 0 ? box.width / box.height : 1.7);
    apply(nodes, positions, opts.animate);
    return;
  }
  const ghost = cytoscape({ headless: true, styleEnabled: true, style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', shape: 'rectangle' } }] });
  ghost.add(nodes.map((n) => {
    const box = n.isParent() ? { w: 1, h: 1 } : n.boundingBox({ includeLabels: true });
    const parent = n.parent().first();
    return { group: 'nodes' as const, data: { id: n.id(), parent: parent.nonempty() && parent.visible() ? parent.id() : undefined, w: Math.max(box.w, 20), h: Math.max(box.h, 20) } };
  }));
  const seen = new Set<string>();
  visible.edges().forEach((e) => {
    const how = orientation(e);
    if (how === 'skip' || e.source().isParent() || e.target().isParent()) return;
    const [s, t] = how === 'turn' ? [e.target().id(), e.source().id()] : [e.source().id(), e.target().id()];
    if (s === t || seen.has(`${s}>${t}`)) return;
    seen.add(`${s}>${t}`);
    ghost.add({ group: 'edges', data: { id: `l${seen.size}`, source: s, target: t } });
  });
  ghost.layout({ name: 'dagre', rankDir: 'LR', nodeSep: 14, rankSep: 70, edgeSep: 8, ranker: 'network-simplex' } as cytoscape.LayoutOptions).run();
  const positions = new Map<string, cytoscape.Position>();
  ghost.nodes().forEach((n) => {
    if (!n.isParent()) positions.set(n.id(), { ...n.position() });
  });
  ghost.destroy();
  apply(nodes, positions, opts.animate);
}

function apply(nodes: cytoscape.NodeCollection, positions: Map<string, cytoscape.Position>, animate?: boolean): void {
  const movable = nodes.filter((n) => !n.isParent() && !n.locked());
  if (animate) {
    movable.layout({ name: 'preset', positions: (n: cytoscape.NodeSingular) => positions.get(n.id()) ?? n.position(), animate: true, animationDuration: 300, fit: false } as cytoscape.LayoutOptions).run();
  } else {
    movable.positions((n) => positions.get(n.id()) ?? n.position());
  }
}
