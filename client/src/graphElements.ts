// How an answer's nodes and links become Cytoscape elements (data, caption, marks), and the
// two ways the view moves on its own: a zoom step about the middle, and the landing's framing.
import type { Core, ElementDefinition } from 'cytoscape';
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
  cy.fit(visible, 30);
  if (cy.zoom() >= least) return;
  let els = cy.collection();
  for (const id of focus) els = els.union(cy.getElementById(id));
  els = els.filter(':visible');
  const target = els.nonempty() ? els : visible;
  cy.fit(target, 30);
  if (cy.zoom() < least) {
    const bb = target.boundingBox({});
    cy.zoom(least);
    cy.pan({ x: cy.width() / 2 - ((bb.x1 + bb.x2) / 2) * least, y: cy.height() / 2 - ((bb.y1 + bb.y2) / 2) * least });
  }
}
