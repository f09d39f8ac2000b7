// Lays the graph out left to right as a story: the law on the left (instrument → provision
// → grant), the bodies and persons in the middle, what they did and said on the right, the
// powers at the far end. Dagre ranks the nodes; for ranking only, links are turned so that
// they all run in that reading direction (and links that would tangle it are left out).
import cytoscape, { type Core, type EdgeSingular } from 'cytoscape';
import { BAND_ORIENTATION, BANDS, LANE_COUNT, LANE_OF, ORIENTATION, ownBand, type Band, type Orientation } from './storyLanes';

export { BANDS, type Band } from './storyLanes';

/** How a link of any type (one from the API that the model does not know is left out) orients a layout. */
function orientBy(table: Record<string, Orientation | undefined>, edge: EdgeSingular): Orientation {
  const type = edge.data('type') as string;
  if (type === 'PART_OF' && edge.source().data('label') === 'Body') return 'skip';
  return table[type] ?? 'skip';
}
const orientation = (edge: EdgeSingular) => orientBy(ORIENTATION, edge);

/** Above this many nodes, Dagre's columns grow too tall to read: lanes wrap instead. */
const DAGRE_MAX_NODES = 70;

const CELL = { w: 150, h: 50, laneGap: 60 };

/**
 * Lanes for large graphs: each kind in its lane, a lane wrapped into as many columns as
 * keep the picture about as wide as the screen, nodes ordered by their neighbours' places
 * (so links cross less) and bodies of one parent kept together.
 */
function laneLayout(cy: Core, nodes: cytoscape.NodeCollection, aspect: number): Map<string, cytoscape.Position> {
  const leaves = nodes.filter((n) => !n.isParent());
  const laneOf = (n: cytoscape.NodeSingular) => (LANE_OF as Record<string, number | undefined>)[n.data('label') as string] ?? 0;
  const lanes: cytoscape.NodeSingular[][] = Array.from({ length: LANE_COUNT }, () => []);
  leaves.forEach((n) => {
    lanes[laneOf(n)].push(n);
  });
  const used = lanes.filter((l) => l.length);
  // Rows: pick so that total columns × cell width ≈ aspect × rows × cell height.
  let rows = 8;
  for (; rows < 60; rows++) {
    const cols = used.reduce((sum, l) => sum + Math.ceil(l.length / rows), 0);
    if (cols * CELL.w + used.length * CELL.laneGap <= aspect * rows * CELL.h) break;
  }
  const y = new Map<string, number>();
  // Neighbours as plain ids, read once: Cytoscape's neighborhood() builds a collection per call,
  // and the sort below would ask it O(n log n) times (seconds on a view of thousands).
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => (neighbours.get(a) ?? neighbours.set(a, new Set()).get(a)!).add(b);
  cy.edges().forEach((e) => {
    const [a, b] = [e.data('source') as string, e.data('target') as string];
    link(a, b);
    link(b, a);
  });
  const groupOf = new Map<string, string>();
  leaves.forEach((n) => {
    groupOf.set(n.id(), n.parent().nonempty() ? n.parent().first().id() : n.id());
  });
  const order = (lane: cytoscape.NodeSingular[]) => {
    const scores = new Map<string, number>();
    for (const n of lane) {
      let sum = 0;
      let count = 0;
      for (const m of neighbours.get(n.id()) ?? []) {
        const v = y.get(m);
        if (v !== undefined) {
          sum += v;
          count += 1;
        }
      }
      scores.set(n.id(), count ? sum / count : Number.MAX_SAFE_INTEGER);
    }
    const score = (n: cytoscape.NodeSingular) => scores.get(n.id())!;
    const groupKey = (n: cytoscape.NodeSingular) => groupOf.get(n.id())!;
    const groupScore = new Map<string, number>();
    for (const n of lane) {
      const k = groupKey(n);
      groupScore.set(k, Math.min(groupScore.get(k) ?? Infinity, score(n)));
    }
    lane.sort((a, b) => groupScore.get(groupKey(a))! - groupScore.get(groupKey(b))! || groupKey(a).localeCompare(groupKey(b)) || score(a) - score(b));
  };
  const place = () => {
    for (const lane of lanes) lane.forEach((n, i) => y.set(n.id(), (i % rows) * CELL.h));
  };
  // The middle lane (bodies) anchors the order; sweep out from it both ways, twice.
  for (let sweep = 0; sweep < 2; sweep++) {
    // (The lanes' order from LANE_OF: law 0–2, actors 3, facts 4, speech 5, context 6.)
    for (const lane of [3, 2, 1, 0, 4, 5, 6].map((i) => lanes[i])) {
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

export interface BandBox {
  band: Band;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const BAND_RANK: Record<Band, number> = { fact: 0, law: 1, says: 2 };
/** Room above each band for its header, and between bands. */
const BAND_GAP = 50;

/** The band of one node by what it is and how it is linked (a body an actor acted through is "in fact", a holder "by law", else "who says"). */
function bandOfNode(n: cytoscape.NodeSingular): Band {
  const own = ownBand(n.data('label') as string);
  if (own) return own;
  const edges = n.connectedEdges(':visible');
  const has = (type: string, otherLabel?: string) =>
    edges
      .filter((e) => e.data('type') === type && (!otherLabel || (e.source().same(n) ? e.target() : e.source()).data('label') === otherLabel))
      .nonempty();
  if (n.data('label') === 'Body' || n.data('label') === 'Person') {
    if (has('PERFORMED_BY') || has('HOLDS_POSITION')) return 'fact';
    if (has('IS_A', 'BodyType') || has('TO', 'Grant')) return 'law';
    if (has('SAID_BY') || has('NAMES')) return 'says';
  }
  const votes = n
    .neighborhood('node:visible')
    .map((m) => ownBand(m.data('label') as string))
    .filter((b): b is Band => Boolean(b));
  return votes.sort((a, b) => BAND_RANK[a] - BAND_RANK[b])[0] ?? 'law';
}

/** Bands of the visible nodes; a compound body and all inside it share the band of its most factual member, so no box spans two bands. */
function bandsOf(nodes: cytoscape.NodeCollection): Map<string, Band> {
  const root = (n: cytoscape.NodeSingular) => {
    const a = n.ancestors();
    return a.nonempty() ? a.last() : n;
  };
  const unitBand = new Map<string, Band>();
  nodes.forEach((n) => {
    const r = root(n).id();
    const b = bandOfNode(n);
    const was = unitBand.get(r);
    if (!was || BAND_RANK[b] < BAND_RANK[was]) unitBand.set(r, b);
  });
  const out = new Map<string, Band>();
  nodes.forEach((n) => {
    out.set(n.id(), unitBand.get(root(n).id()) ?? 'law');
  });
  return out;
}

/** Dagre, left to right, on a headless copy of some nodes and the links among them oriented by `orient`. */
function dagreLR(
  nodes: cytoscape.NodeCollection,
  edges: cytoscape.EdgeCollection,
  orient: (e: EdgeSingular) => 'keep' | 'turn' | 'skip',
  sep = { node: 14, rank: 70 },
): Map<string, cytoscape.Position> {
  const ghost = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', shape: 'rectangle' } }],
  });
  const inSet = new Set(nodes.map((n) => n.id()));
  ghost.add(
    nodes.map((n) => {
      const box = n.isParent() ? { w: 1, h: 1 } : n.boundingBox({ includeLabels: true });
      const parent = n.parent().first();
      return {
        group: 'nodes' as const,
        data: {
          id: n.id(),
          parent: parent.nonempty() && inSet.has(parent.id()) ? parent.id() : undefined,
          w: Math.max(box.w, 20),
          h: Math.max(box.h, 20),
        },
      };
    }),
  );
  const seen = new Set<string>();
  edges.forEach((e) => {
    const how = orient(e);
    if (how === 'skip' || !inSet.has(e.source().id()) || !inSet.has(e.target().id()) || e.source().isParent() || e.target().isParent()) return;
    const [s, t] = how === 'turn' ? [e.target().id(), e.source().id()] : [e.source().id(), e.target().id()];
    if (s === t || seen.has(`${s}>${t}`)) return;
    seen.add(`${s}>${t}`);
    ghost.add({ group: 'edges', data: { id: `l${seen.size}`, source: s, target: t } });
  });
  ghost
    .layout({ name: 'dagre', rankDir: 'LR', nodeSep: sep.node, rankSep: sep.rank, edgeSep: 8, ranker: 'network-simplex' } as cytoscape.LayoutOptions)
    .run();
  const positions = new Map<string, cytoscape.Position>();
  ghost.nodes().forEach((n) => {
    if (!n.isParent()) positions.set(n.id(), { ...n.position() });
  });
  ghost.destroy();
  return positions;
}

/**
 * The story view's layout: three bands stacked top to bottom (by law, in fact, who says),
 * each laid out by Dagre left to right; returns each band's box for its header.
 */
export function bandLayout(cy: Core, opts: { animate?: boolean } = {}): BandBox[] {
  const visible = cy.elements(':visible');
  const nodes = visible.nodes();
  if (nodes.empty()) return [];
  const band = bandsOf(nodes);
  const orient = (e: EdgeSingular) => orientBy(BAND_ORIENTATION, e);
  // Each band's pieces (linked within the band, a compound with its children), each laid out by Dagre.
  interface Piece {
    positions: Map<string, cytoscape.Position>;
    w: number;
    h: number;
  }
  const pieces = new Map<Band, Piece[]>();
  for (const b of BANDS) {
    const members = nodes.filter((n) => band.get(n.id()) === b);
    if (members.empty()) continue;
    const root = new Map<string, string>();
    const find = (id: string): string => {
      let r = id;
      while (root.get(r) !== r) r = root.get(r)!;
      return r;
    };
    members.forEach((n) => {
      root.set(n.id(), n.id());
    });
    const join = (a: string, c: string) => {
      if (root.has(a) && root.has(c)) root.set(find(a), find(c));
    };
    members.forEach((n) => {
      if (n.parent().nonempty()) join(n.id(), n.parent().first().id());
    });
    visible.edges().forEach((e) => {
      if (orient(e) !== 'skip') join(e.source().id(), e.target().id());
    });
    const groups = new Map<string, string[]>();
    members.forEach((n) => {
      const r = find(n.id());
      groups.set(r, [...(groups.get(r) ?? []), n.id()]);
    });
    const list: Piece[] = [];
    for (const ids of groups.values()) {
      const part = members.filter((n) => ids.includes(n.id()));
      const placed = dagreLR(part, visible.edges(), orient, { node: 6, rank: 36 });
      let x1 = Infinity,
        y1 = Infinity,
        x2 = -Infinity,
        y2 = -Infinity;
      part.filter(':childless').forEach((n) => {
        const p = placed.get(n.id());
        if (!p) return;
        const bb = n.boundingBox({ includeLabels: true });
        x1 = Math.min(x1, p.x - bb.w / 2);
        x2 = Math.max(x2, p.x + bb.w / 2);
        y1 = Math.min(y1, p.y - bb.h / 2);
        y2 = Math.max(y2, p.y + bb.h / 2);
      });
      if (!Number.isFinite(x1)) continue;
      // A compound box adds padding and its title around its children.
      const pad = part.filter(':parent').nonempty() ? 24 : 0;
      const positions = new Map<string, cytoscape.Position>();
      placed.forEach((p, id) => positions.set(id, { x: p.x - x1 + pad, y: p.y - y1 + pad }));
      list.push({ positions, w: x2 - x1 + 2 * pad, h: y2 - y1 + 2 * pad });
    }
    // Largest first, so the main thread of each band starts at the left.
    pieces.set(
      b,
      list.sort((a, c) => c.w * c.h - a.w * a.h),
    );
  }
  // One width for all bands, about the screen's shape, so no band is a tall column.
  const box = cy.container()?.getBoundingClientRect();
  const aspect = box && box.height > 0 ? box.width / box.height : 1.7;
  const all = [...pieces.values()].flat();
  const area = all.reduce((sum, p) => sum + (p.w + PIECE_GAP) * (p.h + PIECE_GAP), 0);
  // Somewhat wider than the area alone asks: the band headers and gaps add height.
  const width = Math.max(...all.map((p) => p.w), 1.35 * Math.sqrt(area * aspect));
  const positions = new Map<string, cytoscape.Position>();
  const boxes: BandBox[] = [];
  let top = 0;
  for (const b of BANDS) {
    const list = pieces.get(b);
    if (!list?.length) continue;
    // Shelves: pieces left to right, a new row when the width is used.
    let x = 0,
      y = top,
      rowH = 0,
      right = 0;
    for (const piece of list) {
      if (x > 0 && x + piece.w > width) {
        x = 0;
        y += rowH + PIECE_GAP;
        rowH = 0;
      }
      piece.positions.forEach((p, id) => positions.set(id, { x: p.x + x, y: p.y + y }));
      x += piece.w + PIECE_GAP;
      right = Math.max(right, x - PIECE_GAP);
      rowH = Math.max(rowH, piece.h);
    }
    boxes.push({ band: b, x1: 0, y1: top, x2: right, y2: y + rowH });
    top = y + rowH + BAND_GAP;
  }
  apply(nodes, positions, opts.animate);
  return boxes;
}

/** Room between two pieces of one band. */
const PIECE_GAP = 40;

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
  const ghost = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', shape: 'rectangle' } }],
  });
  ghost.add(
    nodes.map((n) => {
      const box = n.isParent() ? { w: 1, h: 1 } : n.boundingBox({ includeLabels: true });
      const parent = n.parent().first();
      return {
        group: 'nodes' as const,
        data: { id: n.id(), parent: parent.nonempty() && parent.visible() ? parent.id() : undefined, w: Math.max(box.w, 20), h: Math.max(box.h, 20) },
      };
    }),
  );
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
    movable
      .layout({
        name: 'preset',
        positions: (n: cytoscape.NodeSingular) => positions.get(n.id()) ?? n.position(),
        animate: true,
        animationDuration: 300,
        fit: false,
      } as cytoscape.LayoutOptions)
      .run();
  } else {
    movable.positions((n) => positions.get(n.id()) ?? n.position());
  }
}
