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

/** Places the visible, unpinned nodes of `cy`; pinned (locked) nodes keep their place. */
export function storyLayout(cy: Core, opts: { animate?: boolean } = {}): void {
  const visible = cy.elements(':visible');
  const nodes = visible.nodes();
  if (nodes.empty()) return;
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
  const movable = nodes.filter((n) => !n.isParent() && !n.locked());
  if (opts.animate) {
    movable.layout({ name: 'preset', positions: (n: cytoscape.NodeSingular) => positions.get(n.id()) ?? n.position(), animate: true, animationDuration: 300, fit: false } as cytoscape.LayoutOptions).run();
  } else {
    movable.positions((n) => positions.get(n.id()) ?? n.position());
  }
}
