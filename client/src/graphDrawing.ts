// The whole drawing of the graph, for a figure: SVG markup (vectors, the exporter loaded on
// first use: most visits never export) or a PNG data URL, with where it sits in graph coordinates.
import cytoscape, { type Core } from 'cytoscape';
import { MARKS } from './graphStyle';
import type { Drawing } from './figure';

export type { Drawing } from './figure';

let svgReady: Promise<void> | undefined;
function loadSvg(): Promise<void> {
  return (svgReady ??= import('cytoscape-svg').then((m) => {
    cytoscape.use(m.default);
  }));
}

export async function drawingOf(cy: Core, kind: 'svg' | 'png', scale = 1): Promise<Drawing> {
  const bb = cy.elements(':visible').boundingBox({});
  const box = { width: bb.w * scale, height: bb.h * scale, x1: bb.x1, y1: bb.y1, scale };
  if (kind === 'png') return { ...box, png: cy.png({ output: 'base64uri', full: true, scale }) };
  await loadSvg();
  // The SVG writer cannot draw a node's outline or a caption's background box (it logs
  // "path command to node text" and drops the shape): in the SVG a finding's nodes get a
  // dashed red border instead, and captions sit on the white page without a box.
  const all = cy.elements();
  const gaps = cy.nodes(`.${MARKS.gap.className}`);
  all.style('text-background-opacity', 0);
  gaps.style({ 'outline-width': 0, 'border-color': MARKS.gap.colour, 'border-style': 'dashed', 'border-width': MARKS.gap.width });
  try {
    return { ...box, svg: (cy as unknown as { svg(o: object): string }).svg({ full: true, scale }) };
  } finally {
    all.removeStyle('text-background-opacity');
    gaps.removeStyle('outline-width border-color border-style border-width');
  }
}
