// The drawn graph: holds the Cytoscape instance, merges answers into it, and applies the
// marks of graphStyle.ts (answer, gap, inactive, pinned, hidden, layers).
import cytoscape, { type Core, type ElementDefinition, type NodeSingular, type EdgeSingular } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { BAND_LOOKS, CAPTION, DEFAULT_LAYERS, MARKS, MIN_LABEL_PX, stylesheet } from './graphStyle';
import { caption, namePair, type Named } from './names';
import { t, tv } from './messages';
import type { GraphAnswer, GraphNode, GraphEdge } from './questions';
import { bandLayout, storyLayout, type BandBox } from './storyLayout';

cytoscape.use(dagre);

/** The SVG exporter is loaded on first use: most visits never export. */
let svgReady: Promise<void> | undefined;
function loadSvg(): Promise<void> {
  return (svgReady ??= import('cytoscape-svg').then((m) => {
    cytoscape.use(m.default);
  }));
}

export type Selected = { kind: 'node'; node: GraphNode } | { kind: 'edge'; edge: GraphEdge; source?: GraphNode; target?: GraphNode } | null;

/** Names of nodes that the server gives no name: a title, a summary, a reference, a quote. */
function namedOf(n: GraphNode): Named {
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

export class GraphView {
  readonly cy: Core;
  private layers = new Set<string>(DEFAULT_LAYERS);
  private hidden = new Set<string>();
  private hideInactive = false;
  private selectListeners = new Set<(s: Selected) => void>();
  private changeListeners = new Set<() => void>();
  /** Story view: short captions, three bands with headers. */
  private story: { shortName: (n: GraphNode) => Named } | undefined;
  private bandBoxes: BandBox[] = [];
  private readonly bandLayer: HTMLElement;
  private readonly tip: HTMLElement;
  private tipNode: NodeSingular | undefined;
  private majorIds: string[] = [];

  /** Shows a node's full names, both languages, next to it; nothing when no node is given. */
  private showTip(node: NodeSingular | undefined): void {
    this.tipNode = node && node.nonempty() ? node : undefined;
    if (!this.tipNode) {
      this.tip.hidden = true;
      return;
    }
    const rec = this.tipNode.data('record') as GraphNode;
    const [first, second] = namePair(namedOf(rec));
    this.tip.replaceChildren();
    const strong = document.createElement('strong');
    strong.textContent = first;
    this.tip.append(strong);
    if (second) {
      const other = document.createElement('span');
      other.textContent = second;
      this.tip.append(document.createElement('br'), other);
    }
    const box = this.tipNode.renderedBoundingBox({ includeLabels: false });
    this.tip.style.left = `${Math.max(4, box.x1)}px`;
    this.tip.style.top = `${Math.max(4, box.y1 - 8)}px`;
    this.tip.hidden = false;
  }

  /** Zooms in or out by a step, about the middle of the view. */
  zoomBy(factor: number): void {
    const cy = this.cy;
    const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.animate({ zoom: { level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }, duration: 150 });
  }

  /** The zoom at which the smallest captions reach MIN_LABEL_PX, and the major ones. */
  readableZoom(which: 'minor' | 'major' = 'minor'): number {
    return MIN_LABEL_PX / (this.story ? CAPTION.story : CAPTION.whole)[which];
  }

  /**
   * Marks the nodes whose captions show from afar (level of detail): the rest show as the
   * reader zooms in. Without a list, the nodes marked as part of a finding or an answer.
   */
  setMajor(ids: string[]): void {
    this.majorIds = ids;
    const set = new Set(ids);
    this.cy.batch(() =>
      this.cy.nodes().forEach((n) => {
        n.toggleClass(MARKS.major.className, set.has(n.id()));
      }),
    );
  }

  /**
   * The landing's framing: the whole drawing when its major captions are readable so; else
   * the readable zoom, centred on `focus` (what the findings concern), the rest a pan away.
   */
  frame(focus: string[]): void {
    const cy = this.cy;
    const visible = cy.elements(':visible');
    if (visible.empty()) return;
    cy.fit(visible, 30);
    const least = this.readableZoom('major');
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

  constructor(container: HTMLElement) {
    this.cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.1,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    // Band headers and tints sit behind the (transparent) canvas and follow pan and zoom.
    this.bandLayer = document.createElement('div');
    this.bandLayer.className = 'band-layer';
    this.bandLayer.dataset.testid = 'bands';
    container.before(this.bandLayer);
    this.cy.on('viewport resize', () => this.drawBands());
    // Full names on hover, and for the selected node (keyboard and touch have no hover).
    this.tip = document.createElement('div');
    this.tip.className = 'node-tip';
    this.tip.dataset.testid = 'node-tip';
    this.tip.hidden = true;
    this.tip.setAttribute('role', 'tooltip');
    container.after(this.tip);
    this.cy.on('mouseover', 'node', (event) => this.showTip(event.target as NodeSingular));
    this.cy.on('mouseout', 'node', () => this.showTip(this.cy.nodes(':selected').first()));
    this.cy.on('select', 'node', (event) => this.showTip(event.target as NodeSingular));
    this.cy.on('unselect', 'node', () => this.showTip(undefined));
    this.cy.on('viewport', () => this.showTip(this.tipNode));
    this.cy.on('tap', 'node, edge', (event) => this.emitSelect(event.target as NodeSingular | EdgeSingular));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) this.emitSelect(null);
    });
  }

  onSelect(listener: (s: Selected) => void): void {
    this.selectListeners.add(listener);
  }

  /** Called whenever what is drawn changes (the table view follows it). */
  onChange(listener: () => void): void {
    this.changeListeners.add(listener);
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }

  private emitSelect(target: NodeSingular | EdgeSingular | null): void {
    let selected: Selected = null;
    if (target?.isNode()) selected = { kind: 'node', node: target.data('record') as GraphNode };
    else if (target?.isEdge()) {
      selected = {
        kind: 'edge',
        edge: target.data('record') as GraphEdge,
        source: target.source().data('record'),
        target: target.target().data('record'),
      };
    }
    for (const l of this.selectListeners) l(selected);
  }

  /** Selects an element by id, as a click on it would. */
  select(id: string): boolean {
    const el = this.cy.getElementById(id);
    if (el.empty()) return false;
    this.cy.elements().unselect();
    el.select();
    this.emitSelect(el);
    return true;
  }

  private captionOf(n: GraphNode): string {
    const suffix = n.unsourced ? MARKS.unsourced.suffix : '';
    return this.story ? caption(this.story.shortName(n), suffix, 30) : caption(namedOf(n), suffix);
  }

  /** Switches the story view on (with its short names) or off; the caller redraws. */
  setStory(story: { shortName: (n: GraphNode) => Named } | undefined): void {
    this.story = story;
    this.cy.style(stylesheet({ story: Boolean(story) }));
    if (!story) this.bandBoxes = [];
    this.relabel();
    this.drawBands();
  }

  isStory(): boolean {
    return Boolean(this.story);
  }

  /** The band headers of the story view, placed over the bands' boxes at the current pan and zoom. */
  private drawBands(): void {
    const layer = this.bandLayer;
    layer.replaceChildren();
    if (!this.story) return;
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    const titles = { law: [t('bandLaw'), t('bandLawSub')], fact: [t('bandFact'), t('bandFactSub')], says: [t('bandSays'), t('bandSaysSub')] };
    for (const box of this.bandBoxes) {
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

  private nodeDefinition(n: GraphNode, parents: Set<string>): ElementDefinition {
    return {
      group: 'nodes',
      data: { id: n.id, label: n.label, parent: n.parent && parents.has(n.parent) ? n.parent : undefined, record: n, caption: this.captionOf(n) },
      classes: [n.inactive ? MARKS.inactive.className : '', n.unsourced ? MARKS.unsourced.className : ''].filter(Boolean).join(' '),
    };
  }

  private edgeDefinition(e: GraphEdge): ElementDefinition {
    const role = (e.properties as Record<string, unknown> | null)?.role;
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
      classes: e.inactive ? MARKS.inactive.className : '',
    };
  }

  /**
   * Draws an answer. `replace` swaps the whole graph; otherwise the answer is merged in
   * (new elements added, known ones updated: names and in-force flags of the asked date).
   */
  draw(answer: Pick<GraphAnswer, 'nodes' | 'edges'>, opts: { replace?: boolean; layout?: boolean } = {}): string[] {
    const cy = this.cy;
    const known = new Set(answer.nodes.map((n) => n.id));
    cy.nodes().forEach((n) => {
      known.add(n.id());
    });
    const added: string[] = [];
    cy.batch(() => {
      if (opts.replace) {
        const keep = new Set(answer.nodes.map((n) => n.id));
        cy.nodes()
          .filter((n) => !keep.has(n.id()) && !n.locked())
          .remove();
      }
      // Parents first, so children can point at them.
      const ordered = [...answer.nodes].sort((a, b) => Number(Boolean(a.parent)) - Number(Boolean(b.parent)));
      for (const n of ordered) {
        const el = cy.getElementById(n.id);
        const def = this.nodeDefinition(n, known);
        if (el.empty()) {
          cy.add(def);
          added.push(n.id);
        } else {
          el.data({ record: n, caption: def.data.caption });
          el.toggleClass(MARKS.inactive.className, Boolean(n.inactive));
        }
      }
      for (const e of answer.edges) {
        if (cy.getElementById(e.source).empty() || cy.getElementById(e.target).empty()) continue;
        const el = cy.getElementById(e.id);
        if (el.empty()) cy.add(this.edgeDefinition(e));
        else {
          el.data('record', e);
          el.toggleClass(MARKS.inactive.className, Boolean(e.inactive));
        }
      }
      if (opts.replace) {
        const keep = new Set(answer.edges.map((e) => e.id));
        cy.edges()
          .filter((e) => !keep.has(e.id()))
          .remove();
      }
    });
    this.applyVisibility();
    if (opts.layout ?? added.length > 0) this.layout();
    this.changed();
    return added;
  }

  /** Refreshes captions after a language switch. */
  relabel(): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        const rec = n.data('record') as GraphNode;
        n.data('caption', this.captionOf(rec));
      });
      this.cy.edges().forEach((e) => {
        const role = ((e.data('record') as GraphEdge).properties as Record<string, unknown> | null)?.role;
        e.data('caption', typeof role === 'string' ? tv('roles', role) : '');
        e.data('typeName', tv('relations', e.data('type') as string));
      });
    });
  }

  layout(animate = false): void {
    if (this.story) {
      this.bandBoxes = bandLayout(this.cy, { animate });
      if (!animate) this.frame(this.majorIds);
      this.drawBands();
      return;
    }
    this.bandBoxes = [];
    storyLayout(this.cy, { animate });
    if (!animate) this.frame(this.majorIds);
    this.drawBands();
  }

  /** Brings these elements (or everything) into view, zoomed no further in than needed to read them. */
  fit(ids?: string[]): void {
    let els = this.cy.collection();
    if (ids?.length) for (const id of ids) els = els.union(this.cy.getElementById(id));
    else els = this.cy.elements(':visible');
    els = els.filter(':visible');
    if (els.empty()) return;
    this.cy.stop(true, true);
    this.cy.animate({ fit: { eles: els, padding: 60 }, duration: 250 });
  }

  setLayers(layers: string[]): void {
    this.layers = new Set(layers);
    this.applyVisibility();
    this.changed();
  }

  getLayers(): string[] {
    return [...this.layers];
  }

  setHideInactive(hide: boolean): void {
    this.hideInactive = hide;
    this.applyVisibility();
    this.changed();
  }

  hide(id: string): void {
    this.hidden.add(id);
    this.applyVisibility();
    this.changed();
  }

  showAll(): void {
    this.hidden.clear();
    this.applyVisibility();
    this.changed();
  }

  hiddenIds(): string[] {
    return [...this.hidden];
  }

  setHidden(ids: string[]): void {
    this.hidden = new Set(ids);
    this.applyVisibility();
  }

  togglePin(id: string): boolean {
    const n = this.cy.getElementById(id);
    if (n.empty()) return false;
    const pinned = !n.locked();
    if (pinned) n.lock();
    else n.unlock();
    n.toggleClass(MARKS.pinned.className, pinned);
    this.changed();
    return pinned;
  }

  pinnedIds(): string[] {
    return this.cy.nodes(':locked').map((n) => n.id());
  }

  /**
   * Which nodes a layer shows: a node is drawn when one of its links is in a shown layer,
   * or when it has no link at all (so nothing vanishes without a reason).
   */
  private applyVisibility(): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().style('display', 'element');
      const hideEl = (el: { style(name: string, value: string): unknown }) => el.style('display', 'none');
      cy.edges().forEach((e) => {
        if (!this.layers.has(e.data('layer'))) hideEl(e);
      });
      cy.nodes().forEach((n) => {
        if (this.hidden.has(n.id()) || (this.hideInactive && n.hasClass(MARKS.inactive.className))) {
          hideEl(n);
          return;
        }
        if (n.data('label') === 'Source' && !this.layers.has('PROVENANCE')) hideEl(n);
      });
      cy.edges().forEach((e) => {
        if (e.source().style('display') === 'none' || e.target().style('display') === 'none') hideEl(e);
      });
    });
  }

  /** Marks the elements an answer rests on and fades the rest; edges between two marked nodes are marked too. */
  mark(ids: string[], kind: 'answer' | 'gap', opts: { fade?: boolean } = {}): number {
    const cy = this.cy;
    const className = kind === 'answer' ? MARKS.answer.className : MARKS.gap.className;
    const set = new Set(ids);
    let count = 0;
    cy.batch(() => {
      cy.elements().removeClass(className);
      cy.nodes().forEach((n) => {
        if (set.has(n.id())) {
          n.addClass(className);
          count++;
        }
      });
      cy.edges().forEach((e) => {
        if (set.has(e.id()) || (set.has(e.source().id()) && set.has(e.target().id()))) {
          e.addClass(className);
          count++;
        }
      });
      if (opts.fade) {
        const marked = cy.elements(`.${MARKS.answer.className}, .${MARKS.gap.className}`);
        cy.elements().not(marked).not(marked.ancestors()).addClass(MARKS.faded.className);
        marked.removeClass(MARKS.faded.className);
        marked.ancestors().removeClass(MARKS.faded.className);
      }
    });
    return count;
  }

  clearMarks(kind?: 'answer' | 'gap'): void {
    const classes = kind ? [kind === 'answer' ? MARKS.answer.className : MARKS.gap.className] : [MARKS.answer.className, MARKS.gap.className];
    this.cy.elements().removeClass([...classes, MARKS.faded.className].join(' '));
  }

  markedIds(kind: 'answer' | 'gap'): string[] {
    return this.cy.elements(`.${kind === 'answer' ? MARKS.answer.className : MARKS.gap.className}`).map((e) => e.id());
  }

  has(id: string): boolean {
    return this.cy.getElementById(id).nonempty();
  }

  /** What is drawn now, as records: for the table view and the JSON export. */
  drawn(): { nodes: GraphNode[]; edges: GraphEdge[] } {
    const visible = this.cy.elements(':visible');
    return {
      nodes: visible.nodes().map((n) => n.data('record') as GraphNode),
      edges: visible.edges().map((e) => e.data('record') as GraphEdge),
    };
  }

  recordOf(id: string): GraphNode | undefined {
    const el = this.cy.getElementById(id);
    return el.nonempty() && el.isNode() ? (el.data('record') as GraphNode) : undefined;
  }

  /** The story's bands, in graph coordinates (none outside the story view). */
  bands(): BandBox[] {
    return this.bandBoxes;
  }

  /** The whole drawing, for a figure: as SVG markup (vectors) or a PNG data URL, with where it sits in graph coordinates. */
  async drawing(
    kind: 'svg' | 'png',
    scale = 1,
  ): Promise<{ svg?: string; png?: string; width: number; height: number; x1: number; y1: number; scale: number }> {
    const bb = this.cy.elements(':visible').boundingBox({});
    const box = { width: bb.w * scale, height: bb.h * scale, x1: bb.x1, y1: bb.y1, scale };
    if (kind === 'png') return { ...box, png: this.cy.png({ output: 'base64uri', full: true, scale }) };
    await loadSvg();
    // The SVG writer cannot draw a node's outline or a caption's background box (it logs
    // "path command to node text" and drops the shape): in the SVG a finding's nodes get a
    // dashed red border instead, and captions sit on the white page without a box.
    const all = this.cy.elements();
    const gaps = this.cy.nodes(`.${MARKS.gap.className}`);
    all.style('text-background-opacity', 0);
    gaps.style({ 'outline-width': 0, 'border-color': MARKS.gap.colour, 'border-style': 'dashed', 'border-width': MARKS.gap.width });
    try {
      return { ...box, svg: (this.cy as unknown as { svg(o: object): string }).svg({ full: true, scale }) };
    } finally {
      all.removeStyle('text-background-opacity');
      gaps.removeStyle('outline-width border-color border-style border-width');
    }
  }
}
