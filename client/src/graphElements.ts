// How an answer's nodes and links become Cytoscape elements (data, caption, marks), and the
// two ways the view moves on its own: a zoom step about the middle, and the landing's framing.
import type { Collection, Core, ElementDefinition, SingularElementArgument } from 'cytoscape';
import { MARKS } from './graphStyle';
import { tv } from './messages';
import type { GraphEdge, GraphNode } from './questions';

/** Whether a stored fact rests on an editor's reading or an inference (its `basis`). */
const isReading = (properties: Record<string, unknown> | null) => properties?.basis === 'EDITOR_READING' || properties?.basis === 'INFERRED';

export function nodeDefinition(n: GraphNode, parents: Set<string>, caption: string): ElementDefinition {
  return {
    group: 'nodes',
    data: { id: n.id, label: n.label, parent: n.parent && parents.has(n.parent) ? n.parent : undefined, record: n, caption },
    classes: [
      n.inactive ? MARKS.inactive.className : '',
      n.unsourced ? MARKS.unsourced.className : '',
      isReading(n.properties) ? MARKS.reading.className : '',
    ]
      .filter(Boolean)
      .join(' '),
  };
}

export function edgeDefinition(e: GraphEdge): ElementDefinition {
  const role = e.properties?.role;
  return {
    group: 'edges',
    data: {
      id: e.id,
      source: e.source,
      target: e.target,
      type: e.type,
      layer: e.layer,
      record: e,
      caption: typeof role === 'string' ? tv('roles', role) : '',
      typeName: tv('relations', e.type),
    },
    classes: [e.inactive ? MARKS.inactive.className : '', isReading(e.properties) ? MARKS.reading.className : ''].filter(Boolean).join(' '),
  };
}

/** Zooms in or out by a step, about the middle of the view. */
export function zoomStep(cy: Core, factor: number): void {
  const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
  cy.animate({ zoom: { level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }, duration: 150 });
}

/**
 * The landing's framing: the whole drawing when its major captions are readable so (at zoom
 * `least` or more); else that zoom, centred on `focus` (what the findings concern), the rest a pan away.
 */
export function frameView(cy: Core, focus: string[], least: number): void {
  const visible = cy.elements(':visible');
  if (visible.empty()) return;
  // A large view is framed by its nodes' centres: the exact box (labels, curved links) costs seconds there.
  const large = visible.length > LARGE_VIEW;
  const box = (els: Collection) => (large ? centresBox(els) : els.boundingBox({}));
  cy.fit(large ? (centresBox(visible) as unknown as Collection) : visible, 30);
  if (cy.zoom() >= least) return;
  let els = cy.collection();
  for (const id of focus) els = els.union(cy.getElementById(id));
  els = els.filter(':visible');
  const target = els.nonempty() ? els : visible;
  cy.fit(large ? (centresBox(target) as unknown as Collection) : target, 30);
  if (cy.zoom() < least) {
    const bb = box(target);
    cy.zoom(least);
    cy.pan({ x: cy.width() / 2 - ((bb.x1 + bb.x2) / 2) * least, y: cy.height() / 2 - ((bb.y1 + bb.y2) / 2) * least });
  }
}

/** Above this many visible elements a view is large: framed by its nodes' centres, drawn with the lighter style (graphStyle.ts). */
export const LARGE_VIEW = 1500;

/** The box around the centres of a collection's nodes, with room for a node. */
function centresBox(els: Collection): { x1: number; y1: number; x2: number; y2: number; w: number; h: number } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  els.nodes().forEach((n) => {
    const p = n.position();
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  });
  const room = 40;
  if (!Number.isFinite(x1)) x1 = y1 = x2 = y2 = 0;
  return { x1: x1 - room, y1: y1 - room, x2: x2 + room, y2: y2 + room, w: x2 - x1 + 2 * room, h: y2 - y1 + 2 * room };
}

/** Scratch key: whether applyVisibility has hidden the element. */
const HIDDEN = 'quanzeHidden';

/**
 * Which elements are drawn: a link when its layer is shown and both its ends are; a node
 * unless hidden by the reader, inactive while inactive ones are hidden, or a source while
 * provenance is not shown. Decided from the data, and only the elements whose display changes
 * are touched: a style bypass on every element (or reading each node's style back) costs
 * seconds on a large view.
 */
export function applyVisibility(cy: Core, state: { layers: Set<string>; hidden: Set<string>; hideInactive: boolean }): void {
  const hiddenNodes = new Set<string>();
  cy.nodes().forEach((n) => {
    const hide =
      state.hidden.has(n.id()) ||
      (state.hideInactive && n.hasClass(MARKS.inactive.className)) ||
      (n.data('label') === 'Source' && !state.layers.has('PROVENANCE'));
    if (hide) hiddenNodes.add(n.id());
  });
  const changes: [SingularElementArgument, boolean][] = [];
  const want = (el: SingularElementArgument, hide: boolean) => {
    if (Boolean(el.scratch(HIDDEN)) !== hide) changes.push([el, hide]);
  };
  cy.nodes().forEach((n) => want(n, hiddenNodes.has(n.id())));
  cy.edges().forEach((e) => {
    want(
      e,
      !state.layers.has(e.data('layer') as string) || hiddenNodes.has(e.data('source') as string) || hiddenNodes.has(e.data('target') as string),
    );
  });
  if (!changes.length) return;
  cy.batch(() => {
    for (const [el, hide] of changes) {
      el.scratch(HIDDEN, hide);
      el.style('display', hide ? 'none' : 'element');
    }
  });
}
