// Runs in headless Chromium (bundled by ../explorerDraw.ts): the explorer's own GraphView
// draws a synthetic national view of N elements, laid out and rendered, and reports the time.
import { GraphView } from '../../client/src/graphView';
import type { GraphEdge, GraphNode } from '../../client/src/questions';

declare global {
  interface Window {
    drawView(elements: number): Promise<{ elements: number; drawMs: number }>;
  }
}

window.drawView = async (elements: number) => {
  const container = document.getElementById('graph')!;
  const view = new GraphView(container);
  // A country's worth: places within places, a body serving each, grants to bodies and actions by them.
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const nodeCount = Math.round(elements * 0.4);
  const kinds = ['Place', 'Body', 'Grant', 'Action'];
  for (let i = 0; i < nodeCount; i++) {
    const label = kinds[i % kinds.length];
    nodes.push({ id: `n${i}`, label, name: `${label} ${i}`, nameZh: `节点${i}`, properties: {} });
  }
  const types: [string, string][] = [
    ['WITHIN', 'STRUCTURE'],
    ['JURISDICTION', 'STRUCTURE'],
    ['TO', 'DE_JURE'],
    ['PERFORMED_BY', 'DE_FACTO'],
  ];
  for (let e = 0; edges.length + nodes.length < elements; e++) {
    const target = e % nodeCount;
    const source = (e * 7 + 1 + Math.floor(e / nodeCount)) % nodeCount;
    if (source === target) continue;
    const [type, layer] = types[e % types.length];
    edges.push({ id: `e${e}`, source: `n${source}`, target: `n${target}`, type, layer, properties: {} });
  }
  const started = performance.now();
  view.draw({ nodes, edges }, { replace: true, layout: true });
  await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  return { elements: view.cy.elements().length, drawMs: Math.round(performance.now() - started) };
};
