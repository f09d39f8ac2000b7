// The drawn graph: holds the Cytoscape instance, merges answers into it, and applies the
// marks of graphStyle.ts (answer, gap, inactive, pinned, hidden, layers).
import cytoscape, { type Core, type ElementDefinition, type NodeSingular, type EdgeSingular } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { CAPTION, DEFAULT_LAYERS, MARKS, MIN_LABEL_PX, stylesheet } from './graphStyle';
import { caption, type Named } from './names';
import { tv } from './messages';
import type { GraphAnswer, GraphNode, GraphEdge } from './questions';
import { bandLayout, storyLayout, type BandBox } from './storyLayout';
import { drawingOf, type Drawing } from './graphDrawing';
import { namedOf, renderBands, renderTip } from './graphOverlay';
import { applyVisibility, edgeDefinition, frameView, LARGE_VIEW, nodeDefinition, zoomStep } from './graphElements';

cytoscape.use(dagre);

export type Selected = { kind: 'node'; node: GraphNode } | { kind: 'edge'; edge: GraphEdge; source?: GraphNode; target?: GraphNode } | null;

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
  /** Whether the view is large (graphElements.ts LARGE_VIEW): drawn with the lighter style (the legend reads it). */
  large = false;

  /** Shows a node's full names, both languages, next to it; nothing when no node is given. */
  private showTip(node: NodeSingular | undefined): void {
    this.tipNode = node && node.nonempty() ? node : undefined;
    renderTip(this.tip, this.tipNode);
  }

  /** Zooms in or out by a step, about the middle of the view. */
  zoomBy(factor: number): void {
    zoomStep(this.cy, factor);
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
    frameView(this.cy, focus, this.readableZoom('major'));
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
    this.cy.style(stylesheet({ story: Boolean(story), large: this.large }));
    if (!story) this.bandBoxes = [];
    this.relabel();
    this.drawBands();
  }

  isStory(): boolean {
    return Boolean(this.story);
  }

  /** The band headers of the story view, placed over the bands' boxes at the current pan and zoom. */
  private drawBands(): void {
    renderBands(this.bandLayer, this.story ? this.bandBoxes : [], this.cy);
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
    const large =
      (opts.replace ? answer.nodes.length + answer.edges.length : cy.elements().length + answer.nodes.length + answer.edges.length) > LARGE_VIEW;
    if (large !== this.large) {
      this.large = large;
      cy.style(stylesheet({ story: Boolean(this.story), large }));
    }
    cy.batch(() => {
      if (opts.replace) {
        const keep = new Set(answer.nodes.map((n) => n.id));
        cy.nodes()
          .filter((n) => !keep.has(n.id()) && !n.locked())
          .remove();
      }
      // Parents first, so children can point at them. New elements are added in one call:
      // one by one, Cytoscape re-indexes and restyles at every add (seconds for a large view).
      const ordered = [...answer.nodes].sort((a, b) => Number(Boolean(a.parent)) - Number(Boolean(b.parent)));
      const fresh: ElementDefinition[] = [];
      const freshIds = new Set<string>();
      for (const n of ordered) {
        const el = cy.getElementById(n.id);
        const def = nodeDefinition(n, known, this.captionOf(n));
        if (el.empty()) {
          if (freshIds.has(n.id)) continue;
          fresh.push(def);
          freshIds.add(n.id);
          added.push(n.id);
        } else {
          el.data({ record: n, caption: def.data.caption });
          el.toggleClass(MARKS.inactive.className, Boolean(n.inactive));
        }
      }
      const present = (id: string) => freshIds.has(id) || cy.getElementById(id).nonempty();
      for (const e of answer.edges) {
        if (!present(e.source) || !present(e.target)) continue;
        const el = cy.getElementById(e.id);
        if (el.empty()) {
          if (freshIds.has(e.id)) continue;
          fresh.push(edgeDefinition(e));
          freshIds.add(e.id);
        } else {
          el.data('record', e);
          el.toggleClass(MARKS.inactive.className, Boolean(e.inactive));
        }
      }
      cy.add(fresh);
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
        const role = (e.data('record') as GraphEdge).properties?.role;
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
    applyVisibility(this.cy, { layers: this.layers, hidden: this.hidden, hideInactive: this.hideInactive });
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

  /** The whole drawing, for a figure (graphDrawing.ts). */
  drawing(kind: 'svg' | 'png', scale = 1): Promise<Drawing> {
    return drawingOf(this.cy, kind, scale);
  }
}
