// The visual encoding, in one place: kind of node → colour and shape, layer of link →
// colour and line, and the marks (gap, answer, inactive, unsourced, pinned). The Cytoscape
// stylesheet and the legend (legend.ts) are both drawn from these tables.
import type { StylesheetJson } from 'cytoscape';
import { LAYERS, type Label, type Layer } from './generated/model';

export type Shape =
  'round-rectangle' | 'rectangle' | 'ellipse' | 'diamond' | 'hexagon' | 'octagon' | 'tag' | 'barrel' | 'vee' | 'round-tag' | 'rhomboid';
export type LineStyle = 'solid' | 'dashed' | 'dotted';

export interface NodeLook {
  fill: string;
  border: string;
  shape: Shape;
  size: number;
  borderStyle?: LineStyle;
  text: string;
  /** The layer the legend lists it under. */
  group: Layer;
}
export interface LinkLook {
  colour: string;
  line: LineStyle;
  width: number;
}

/** Colours of the three stories the graph tells. */
const LAW = '#2b5d8c';
const FACT = '#a84a0c';
const SAYS = '#6f4f9e';
const INK = '#222222';
const GREY = '#6b6b6b';
export const GAP = '#c0262d';
export const ANSWER = '#f2b705';

/**
 * One entry per node type of the model (client/src/generated/model.ts, from server/model/model.ts):
 * a type without a look does not compile. Listed in the legend's order.
 */
export const NODE_LOOKS: Record<Label, NodeLook> = {
  Instrument: { fill: LAW, border: LAW, shape: 'rectangle', size: 30, text: '#ffffff', group: 'DE_JURE' },
  Provision: { fill: '#6f9ccb', border: LAW, shape: 'round-rectangle', size: 24, text: INK, group: 'DE_JURE' },
  Grant: { fill: '#dbe7f3', border: LAW, shape: 'diamond', size: 26, text: INK, group: 'DE_JURE' },
  Body: { fill: '#ffffff', border: INK, shape: 'round-rectangle', size: 30, text: INK, group: 'STRUCTURE' },
  BodyType: { fill: '#f3f3f3', border: INK, shape: 'round-rectangle', size: 26, borderStyle: 'dashed', text: INK, group: 'STRUCTURE' },
  Person: { fill: '#efe7d6', border: INK, shape: 'ellipse', size: 26, text: INK, group: 'STRUCTURE' },
  Action: { fill: FACT, border: FACT, shape: 'hexagon', size: 32, text: '#ffffff', group: 'DE_FACTO' },
  Group: { fill: '#f1c9a5', border: FACT, shape: 'barrel', size: 26, text: INK, group: 'DE_FACTO' },
  // A rhomboid, not a round tag: the SVG export cannot draw rounded polygons (statements went missing).
  Statement: { fill: '#e6dcf2', border: SAYS, shape: 'rhomboid', size: 24, text: INK, group: 'WHO_SAYS' },
  Power: { fill: '#2f7d69', border: '#2f7d69', shape: 'octagon', size: 28, text: '#ffffff', group: 'STRUCTURE' },
  Place: { fill: '#eeeeee', border: GREY, shape: 'rectangle', size: 20, text: INK, group: 'STRUCTURE' },
  Source: { fill: '#ffffff', border: GREY, shape: 'tag', size: 20, text: INK, group: 'PROVENANCE' },
  Case: { fill: '#555555', border: '#555555', shape: 'vee', size: 22, text: INK, group: 'PROVENANCE' },
  Term: { fill: '#f7f7f7', border: GREY, shape: 'rectangle', size: 18, borderStyle: 'dotted', text: INK, group: 'STRUCTURE' },
};

/** The look of a node type this table does not know yet (a bundle's or a newer model's): drawn plainly, never dropped. */
export const UNKNOWN_LOOK: NodeLook = {
  fill: '#ffffff',
  border: GREY,
  shape: 'round-rectangle',
  size: 24,
  borderStyle: 'dashed',
  text: INK,
  group: 'STRUCTURE',
};
export const lookOf = (label: string): NodeLook => (NODE_LOOKS as Record<string, NodeLook | undefined>)[label] ?? UNKNOWN_LOOK;

/** The look of a link in a layer this table does not know. */
export const UNKNOWN_LINK: LinkLook = { colour: GREY, line: 'solid', width: 1.5 };

/** How the legend groups node types: the law, the actors, the facts, the speech, the context (from each look's group). */
export const NODE_GROUPS: { layer: Layer; labels: Label[] }[] = LAYERS.map((layer) => ({
  layer,
  labels: (Object.keys(NODE_LOOKS) as Label[]).filter((label) => NODE_LOOKS[label].group === layer),
}));

/** One entry per relation layer of the model. */
export const LINK_LOOKS: Record<Layer, LinkLook> = {
  DE_JURE: { colour: LAW, line: 'solid', width: 2 },
  DE_FACTO: { colour: FACT, line: 'solid', width: 3 },
  WHO_SAYS: { colour: SAYS, line: 'dashed', width: 2 },
  STRUCTURE: { colour: GREY, line: 'dotted', width: 1.5 },
  PROVENANCE: { colour: '#9a9a9a', line: 'dotted', width: 1 },
};

/** The bands of the story view, in the colours of their stories. */
export const BAND_LOOKS: Record<'law' | 'fact' | 'says', { colour: string; tint: string }> = {
  law: { colour: LAW, tint: '#eef3f8' },
  fact: { colour: FACT, tint: '#fcf2ea' },
  says: { colour: SAYS, tint: '#f5f1fa' },
};

/** The layers drawn when the explorer opens; sources stay out until asked for. */
export const DEFAULT_LAYERS: Layer[] = ['DE_JURE', 'DE_FACTO', 'WHO_SAYS', 'STRUCTURE'];

/** Marks laid over the kind's look; each is a class on the element. */
export const MARKS = {
  gap: { className: 'gap', colour: GAP, line: 'dashed' as LineStyle, width: 3 },
  answer: { className: 'answer', colour: ANSWER },
  inactive: { className: 'inactive', opacity: 0.28 },
  unsourced: { className: 'unsourced', suffix: ' *' },
  /** A grant, an actor's part or a statement that rests on an editor's reading or an inference, not a source's words. */
  reading: { className: 'reading', line: 'dotted' as LineStyle },
  pinned: { className: 'pinned', colour: INK },
  faded: { className: 'faded', opacity: 0.35 },
  /** Nodes whose captions show from afar (level of detail): the findings' nodes and the lead action. */
  major: { className: 'major' },
} as const;

export const FONT =
  '"Helvetica Neue", Arial, "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

/** No caption is drawn smaller than this many screen pixels: below it, a caption waits for the reader to zoom in. */
export const MIN_LABEL_PX = 11;
/** Caption sizes in graph units: most nodes, and the major ones that stay readable from further out. */
export const CAPTION = { story: { minor: 15, major: 20 }, whole: { minor: 12, major: 16 } };

/**
 * The stylesheet; the story view draws fewer nodes, so its captions and nodes are larger. A
 * large view (thousands of elements, graphElements.ts LARGE_VIEW) is drawn lighter: captions
 * of major nodes only, straight links without arrowheads (measured in docs/performance.md).
 * Cytoscape computes every property a rule sets on every element it matches, and hashes the
 * string values (the font list, colours) into each element's style key: so in a large view
 * the caption's properties are set only on the nodes that show one, and links carry no text
 * or arrow properties at all.
 */
export function stylesheet(opts: { story?: boolean; large?: boolean } = {}): StylesheetJson {
  const size = opts.story ? CAPTION.story : CAPTION.whole;
  const grow = opts.story ? 1.4 : 1;
  const captionStyle = {
    label: 'data(caption)',
    'font-family': FONT,
    'font-size': size.minor,
    color: INK,
    'text-wrap': 'wrap',
    'text-max-width': opts.story ? '190px' : '130px',
    'text-valign': 'bottom',
    'text-margin-y': 4,
    'text-background-color': '#ffffff',
    'text-background-opacity': 0.85,
    'text-background-padding': '1px',
    'min-zoomed-font-size': MIN_LABEL_PX,
  } as const;
  const nodeStyle = {
    'border-width': 1.5,
    shape: UNKNOWN_LOOK.shape,
    'background-color': UNKNOWN_LOOK.fill,
    'border-color': UNKNOWN_LOOK.border,
    'border-style': UNKNOWN_LOOK.borderStyle ?? 'solid',
    width: UNKNOWN_LOOK.size * 1.5 * grow,
    height: UNKNOWN_LOOK.size * grow,
  } as const;
  const sheet: StylesheetJson = opts.large
    ? [
        // Level of detail: only the major captions (and the selected node's) are drawn; the rest show on hover.
        { selector: 'node', style: nodeStyle },
        { selector: `node.${MARKS.major.className}, node:selected`, style: captionStyle },
      ]
    : [{ selector: 'node', style: { ...captionStyle, ...nodeStyle } }];
  sheet.push({
    selector: `node.${MARKS.major.className}`,
    style: { 'font-size': size.major, 'text-max-width': opts.story ? '240px' : '170px' },
  });
  for (const [label, look] of Object.entries(NODE_LOOKS)) {
    sheet.push({
      selector: `node[label = "${label}"]`,
      style: {
        shape: look.shape,
        'background-color': look.fill,
        'border-color': look.border,
        'border-style': look.borderStyle ?? 'solid',
        width: look.size * grow * (look.shape === 'round-rectangle' || look.shape === 'rectangle' ? 1.5 : 1),
        height: look.size * grow,
      },
    });
  }
  sheet.push(
    {
      // Compound nodes group bodies (a place, or the body they are part of).
      selector: ':parent',
      style: {
        'background-color': '#f7f5f0',
        'background-opacity': 0.6,
        'border-color': '#c9c4b8',
        'border-width': 1,
        shape: 'round-rectangle',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -2,
        'font-size': size.minor,
        'font-weight': 'bold',
        padding: '14px',
        color: '#555555',
      },
    },
    {
      selector: 'edge',
      style: opts.large
        ? // Haystack links: straight, no arrowheads, no captions, no bundling of parallel links to compute.
          { 'curve-style': 'haystack', 'haystack-radius': 0, width: 1.5, 'line-color': UNKNOWN_LINK.colour }
        : {
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
            'arrow-scale': 0.8,
            width: 1.5,
            'line-color': UNKNOWN_LINK.colour,
            'target-arrow-color': UNKNOWN_LINK.colour,
            label: 'data(caption)',
            'font-family': FONT,
            'font-size': size.minor - 2,
            color: '#555555',
            'text-rotation': 'autorotate',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            'min-zoomed-font-size': MIN_LABEL_PX,
          },
    },
  );
  for (const [layer, look] of Object.entries(LINK_LOOKS)) {
    sheet.push({
      selector: `edge[layer = "${layer}"]`,
      // In a large view a link's layer is told by its colour alone: drawn solid. Chromium draws a
      // dotted line dot by dot, and thousands of long dotted links cost about a second a frame
      // without a GPU (docs/performance.md). The marks drawn by line (reading, inactive) keep theirs.
      style: opts.large
        ? { 'line-color': look.colour, width: look.width }
        : { 'line-color': look.colour, 'target-arrow-color': look.colour, 'line-style': look.line, width: look.width },
    });
  }
  sheet.push(
    { selector: `.${MARKS.faded.className}`, style: { opacity: MARKS.faded.opacity } },
    { selector: `edge.${MARKS.reading.className}`, style: { 'line-style': MARKS.reading.line } },
    { selector: `node.${MARKS.reading.className}`, style: { 'border-style': MARKS.reading.line } },
    { selector: `.${MARKS.inactive.className}`, style: { opacity: MARKS.inactive.opacity, 'line-style': 'dotted' } },
    {
      selector: `node.${MARKS.answer.className}`,
      style: { 'underlay-color': MARKS.answer.colour, 'underlay-opacity': 0.5, 'underlay-padding': 8, opacity: 1 },
    },
    {
      selector: `edge.${MARKS.answer.className}`,
      style: { 'underlay-color': MARKS.answer.colour, 'underlay-opacity': 0.5, 'underlay-padding': 4, opacity: 1 },
    },
    {
      selector: `node.${MARKS.gap.className}`,
      style: {
        'outline-color': MARKS.gap.colour,
        'outline-style': MARKS.gap.line,
        'outline-width': MARKS.gap.width,
        'outline-offset': 4,
        opacity: 1,
      },
    },
    {
      selector: `edge.${MARKS.gap.className}`,
      style: { 'underlay-color': MARKS.gap.colour, 'underlay-opacity': 0.3, 'underlay-padding': 3, opacity: 1 },
    },
    { selector: `node.${MARKS.pinned.className}`, style: { 'border-style': 'double', 'border-width': 4, 'border-color': MARKS.pinned.colour } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#000000', 'font-weight': 'bold' } },
    {
      selector: 'edge:selected',
      style: opts.large
        ? { width: 4, 'line-color': '#000000' }
        : { width: 4, 'line-color': '#000000', 'target-arrow-color': '#000000', label: 'data(typeName)' },
    },
  );
  return sheet;
}
