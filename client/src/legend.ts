// The legend, drawn from the same tables as the graph (graphStyle.ts), with each node
// type's description from the model (client/src/generated/model.ts); the layer checkboxes live here too.
import { isLabel, NODE_TYPES } from './generated/model';
import { h } from './dom';
import { GAP, LINK_LOOKS, MARKS, NODE_GROUPS, ANSWER, lookOf, type NodeLook, type LinkLook } from './graphStyle';
import { lang, t, tv } from './messages';

const SVG = 'http://www.w3.org/2000/svg';

function svgEl(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

const dash = (line: string, w: number) => (line === 'dashed' ? `${w * 3} ${w * 2}` : line === 'dotted' ? `${w} ${w * 1.5}` : '');

function shapeSwatch(look: NodeLook): SVGElement {
  const svg = svgEl('svg', { width: 24, height: 18, viewBox: '0 0 24 18', 'aria-hidden': 'true' });
  const common = { fill: look.fill, stroke: look.border, 'stroke-width': 1.5, 'stroke-dasharray': dash(look.borderStyle ?? 'solid', 1.5) };
  const points: Record<string, string> = {
    diamond: '12,1 22,9 12,17 2,9',
    hexagon: '6,1 18,1 23,9 18,17 6,17 1,9',
    octagon: '7,1 17,1 22,6 22,12 17,17 7,17 2,12 2,6',
    tag: '2,2 16,2 22,9 16,16 2,16',
    rhomboid: '6,2 23,2 18,16 1,16',
    'round-tag': '2,2 16,2 22,9 16,16 2,16',
    vee: '2,2 12,8 22,2 12,17',
    barrel: '4,2 20,2 22,9 20,16 4,16 2,9',
  };
  if (look.shape === 'ellipse') svg.append(svgEl('ellipse', { cx: 12, cy: 9, rx: 10, ry: 7, ...common }));
  else if (points[look.shape]) svg.append(svgEl('polygon', { points: points[look.shape], ...common }));
  else svg.append(svgEl('rect', { x: 1.5, y: 2, width: 21, height: 14, rx: look.shape === 'round-rectangle' ? 4 : 0, ...common }));
  return svg;
}

function lineSwatch(look: LinkLook): SVGElement {
  const svg = svgEl('svg', { width: 34, height: 12, viewBox: '0 0 34 12', 'aria-hidden': 'true' });
  svg.append(
    svgEl('line', { x1: 1, y1: 6, x2: 27, y2: 6, stroke: look.colour, 'stroke-width': look.width, 'stroke-dasharray': dash(look.line, look.width) }),
  );
  svg.append(svgEl('polygon', { points: '26,2 33,6 26,10', fill: look.colour }));
  return svg;
}

function markSwatch(kind: 'gap' | 'answer' | 'inactive' | 'pinned' | 'reading'): SVGElement {
  const svg = svgEl('svg', { width: 24, height: 18, viewBox: '0 0 24 18', 'aria-hidden': 'true' });
  const base = { x: 5, y: 5, width: 14, height: 8, fill: '#fff', stroke: '#222', 'stroke-width': 1.2 };
  if (kind === 'gap')
    svg.append(svgEl('rect', { x: 1.5, y: 1.5, width: 21, height: 15, fill: 'none', stroke: GAP, 'stroke-width': 2, 'stroke-dasharray': '4 2' }));
  if (kind === 'answer') svg.append(svgEl('rect', { x: 1, y: 1, width: 22, height: 16, rx: 4, fill: ANSWER, opacity: 0.5 }));
  if (kind === 'reading') {
    svg.append(svgEl('line', { x1: 2, y1: 9, x2: 22, y2: 9, stroke: '#222', 'stroke-width': 1.6, 'stroke-dasharray': '1.5 2.5' }));
    return svg;
  }
  svg.append(svgEl('rect', { ...base, opacity: kind === 'inactive' ? MARKS.inactive.opacity : 1, 'stroke-width': kind === 'pinned' ? 3 : 1.2 }));
  return svg;
}

/** A kind of node by its name in the current language (the model's Chinese description starts with it). */
export function kindName(label: string): string {
  return lang() === 'zh' && isLabel(label) ? NODE_TYPES[label].descriptionZh.split('：')[0] : label;
}

/**
 * The legend of what is drawn: each layer with the kinds of node it groups (only those present
 * when `present` is given), and any kind the tables do not know under the layer of its links.
 */
export function legendEl(
  layers: string[],
  onLayers: (layers: string[]) => void,
  present?: Set<string>,
  /** A large view draws every link solid (graphStyle.ts): the swatches say so. */
  solidLinks = false,
): HTMLElement {
  const shown = new Set(layers);
  const others = [...(present ?? [])].filter((label) => !isLabel(label)).sort();
  const kindsOf = (layer: string) => [
    ...(NODE_GROUPS.find((g) => g.layer === layer)?.labels ?? []).filter((label) => !present || present.has(label)),
    ...(layer === 'STRUCTURE' ? others : []),
  ];
  const description = (label: string) => (isLabel(label) ? (lang() === 'zh' ? NODE_TYPES[label].descriptionZh : NODE_TYPES[label].description) : '');
  return h(
    'div',
    { class: 'legend', dataset: { testid: 'legend' } },
    h('h2', {}, t('legend')),
    h(
      'ul',
      { class: 'legend-layers' },
      Object.entries(LINK_LOOKS).map(([layer, look]) =>
        h(
          'li',
          {},
          h(
            'label',
            { class: 'check' },
            h('input', {
              type: 'checkbox',
              checked: shown.has(layer),
              dataset: { layer },
              onchange: (ev: Event) => {
                if ((ev.target as HTMLInputElement).checked) shown.add(layer);
                else shown.delete(layer);
                onLayers([...shown]);
              },
            }),
            lineSwatch(solidLinks ? { ...look, line: 'solid' } : look),
            h('span', { class: 'layer-name' }, tv('layerNames', layer)),
          ),
          h(
            'span',
            { class: 'legend-kinds' },
            kindsOf(layer).map((label) =>
              h('span', { class: 'legend-kind', title: description(label), dataset: { kind: label } }, shapeSwatch(lookOf(label)), kindName(label)),
            ),
          ),
        ),
      ),
    ),
    h(
      'ul',
      { class: 'legend-marks' },
      h('li', {}, markSwatch('gap'), t('legendGap')),
      h('li', {}, markSwatch('answer'), t('legendAnswer')),
      h('li', {}, markSwatch('inactive'), t('legendInactive')),
      h('li', {}, markSwatch('pinned'), t('legendPinned')),
      h('li', { dataset: { testid: 'legend-reading' } }, markSwatch('reading'), t('legendReading')),
      h('li', {}, t('legendUnsourced')),
    ),
  );
}
