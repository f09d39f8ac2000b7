// What sits over the graph's canvas: the story view's band headers (following pan and zoom)
// and the tip with a node's full names in both languages.
import type { Core, NodeSingular } from 'cytoscape';
import { BAND_LOOKS } from './graphStyle';
import { t } from './messages';
import { namePair, type Named } from './names';
import type { GraphNode } from './questions';
import type { BandBox } from './storyLayout';

/** Names of nodes that the server gives no name: a title, a summary, a reference, a quote. */
export function namedOf(n: GraphNode): Named {
  const p = n.properties ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  if (n.name || n.nameZh) return n;
  return {
    id: n.id,
    name:
      str(p.title) ?? str(p.summary) ?? str(p.quote) ?? (n.label === 'Grant' ? [str(p.modality), n.id].filter(Boolean).join(' ') : undefined) ?? n.id,
    nameZh: str(p.titleZh) ?? str(p.summaryZh) ?? str(p.quoteZh) ?? str(p.ref),
  };
}

/** Fills the tip with a node's full names and puts it by the node; hides it when there is no node. */
export function renderTip(tip: HTMLElement, node: NodeSingular | undefined): void {
  if (!node) {
    tip.hidden = true;
    return;
  }
  const rec = node.data('record') as GraphNode;
  const [first, second] = namePair(namedOf(rec));
  tip.replaceChildren();
  const strong = document.createElement('strong');
  strong.textContent = first;
  tip.append(strong);
  if (second) {
    const other = document.createElement('span');
    other.textContent = second;
    tip.append(document.createElement('br'), other);
  }
  const box = node.renderedBoundingBox({ includeLabels: false });
  tip.style.left = `${Math.max(4, box.x1)}px`;
  tip.style.top = `${Math.max(4, box.y1 - 8)}px`;
  tip.hidden = false;
}

/** The band headers and tints, placed over the bands' boxes at the graph's current pan and zoom. */
export function renderBands(layer: HTMLElement, boxes: BandBox[], cy: Core): void {
  layer.replaceChildren();
  const zoom = cy.zoom();
  const pan = cy.pan();
  const titles = { law: [t('bandLaw'), t('bandLawSub')], fact: [t('bandFact'), t('bandFactSub')], says: [t('bandSays'), t('bandSaysSub')] };
  for (const box of boxes) {
    const look = BAND_LOOKS[box.band];
    const top = box.y1 * zoom + pan.y;
    const bottom = box.y2 * zoom + pan.y;
    const stripe = document.createElement('div');
    stripe.className = `band band-${box.band}`;
    stripe.dataset.band = box.band;
    Object.assign(stripe.style, { top: `${top - 30}px`, height: `${bottom - top + 40}px`, background: look.tint, borderTopColor: look.colour });
    const head = document.createElement('div');
    head.className = 'band-head';
    head.style.left = `${Math.max(6, box.x1 * zoom + pan.x)}px`;
    head.style.color = look.colour;
    const [title, sub] = titles[box.band];
    const strong = document.createElement('strong');
    strong.textContent = title;
    const small = document.createElement('span');
    small.textContent = sub;
    head.append(strong, ' ', small);
    stripe.append(head);
    layer.append(stripe);
  }
}
