// The explorer: lays out the page, loads the case, and wires the panels to the graph and
// to the URL. Panels translate answers; the questions live in questions.ts.
import './styles.css';
import type { Explorer } from './context';
import { download, h, replace } from './dom';
import { evidenceList } from './evidenceList';
import { citeEl } from './citation';
import { GraphView, type Selected } from './graphView';
import { BAND_LOOKS, DEFAULT_LAYERS } from './graphStyle';
import { figurePng, figureSvg, type FigureParts } from './figure';
import { kindName, legendEl } from './legend';
import { lang, onLangChange, setLang, t, tv } from './messages';
import { nameEl, pick } from './names';
import {
  askCaseGraph,
  askLists,
  askNeighborhood,
  type CaseItem,
  type Evidence,
  type Finding,
  type GraphAnswer,
  type GraphNode,
  type NamedItem,
} from './questions';
import { buildStory, planStory, shortName, storyGraph, type Story, type StoryPlan } from './story';
import { reproduceEl } from './reproduce';
import { errorEl, emptyEl, loadingEl } from './status';
import { graphTables } from './tableView';
import { readState, writeState, type ViewState } from './viewState';
import { askPanel } from './panels/askPanel';
import { gapsPanel } from './panels/gapsPanel';
import { timePanel } from './panels/timePanel';
import { comparePanel } from './panels/comparePanel';
import { explorePanel } from './panels/explorePanel';
import { edgeDetails, nodeDetails } from './panels/selectionDetails';

/** More nodes than this are offered as a table before they are drawn. */
const DRAW_LIMIT = 150;

const state: ViewState = readState();
setLang(state.lang);
document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';

const app = document.getElementById('app')!;
app.className = 'explorer';

// ---- Shell -------------------------------------------------------------------------
const brand = h(
  'div',
  { class: 'brand' },
  h('h1', {}, h('span', { lang: 'zh' }, '权责'), ' ', h('span', { lang: 'en' }, 'Quanze')),
  h('p', { class: 'tagline' }),
);
const caseTitle = h('div', { class: 'case-title', dataset: { testid: 'case-title' } });
const casePickerLabel = h('label', { for: 'case-picker', class: 'visually-hidden' });
const casePicker = h('select', { id: 'case-picker', class: 'case-picker', dataset: { testid: 'case-picker' } });
const versionEl = h('span', { class: 'version', dataset: { testid: 'data-version' } });
const copyLinkButton = h('button', { type: 'button', class: 'small', dataset: { testid: 'copy-link' } });
const langButton = h('button', { type: 'button', class: 'lang', dataset: { testid: 'lang-switch' } });
const header = h(
  'header',
  { class: 'top' },
  brand,
  h('div', { class: 'case-choice' }, casePickerLabel, casePicker, caseTitle),
  h('div', { class: 'top-actions' }, versionEl, copyLinkButton, langButton),
);

const introTitle = h('h2', { dataset: { testid: 'intro-title' } });
const introText = h('div', { class: 'intro-text' });
const introSummary = h('p', { class: 'case-summary' });
const introMore = h('details', {}, h('summary', {}), introSummary);
const introToggle = h('button', { type: 'button', class: 'link intro-toggle' });
const intro = h(
  'section',
  { class: 'intro', dataset: { testid: 'intro' } },
  introTitle,
  introText,
  h('div', { class: 'intro-foot' }, introMore, introToggle),
);
let introHidden = localStorage.getItem('quanze.introHidden') === '1';

const tabNames = ['gaps', 'ask', 'time', 'compare', 'explore'] as const;
const tabButtons = new Map<string, HTMLButtonElement>();
const tabPanels = new Map<string, HTMLElement>();
const tabList = h('div', { role: 'tablist', class: 'tabs' });
const panelsBox = h('div', { class: 'tab-panels' });
const nav = h('nav', { class: 'panels' }, tabList, panelsBox);

const graphContainer = h('div', { class: 'cy', id: 'cy', role: 'img', tabindex: 0 });
const graphEmpty = h('div', { class: 'graph-overlay' });
const tableBox = h('div', { class: 'table-box', hidden: true });
const asOfChip = h('span', { class: 'chip', dataset: { testid: 'as-of-chip' } });
const toolbar = h('div', { class: 'toolbar', role: 'toolbar' });
const graphQueryBox = h('div', { class: 'graph-query' });
const legendBox = h('div', { class: 'legend-box' });
/** One error for a landing that failed in part, with one retry for the whole view. */
const viewError = h('div', { class: 'view-error', hidden: true, dataset: { testid: 'view-error' } });
const zoomButton = (testid: string, text: string, onclick: () => void) =>
  h('button', { type: 'button', class: 'zoom-button', dataset: { testid }, onclick }, text);
const zoomIn = zoomButton('zoom-in', '+', () => graph.zoomBy(1.4));
const zoomOut = zoomButton('zoom-out', '−', () => graph.zoomBy(1 / 1.4));
const zoomFit = zoomButton('zoom-fit', '⤢', () => graph.fit());
const zoomControls = h('div', { class: 'zoom-controls', role: 'group' }, zoomIn, zoomOut, zoomFit);
const graphArea = h(
  'section',
  { class: 'graph-area' },
  toolbar,
  viewError,
  h('div', { class: 'graph-stage' }, graphContainer, graphEmpty, tableBox, zoomControls),
  graphQueryBox,
  legendBox,
);

const detailsTitle = h('h2', { class: 'details-title' });
const detailsBody = h('div', { class: 'details-body', 'aria-live': 'polite', dataset: { testid: 'details' } });
const details = h('aside', { class: 'details', 'aria-labelledby': 'details-title' }, detailsTitle, detailsBody);
detailsTitle.id = 'details-title';

const footer = h('footer', { class: 'bottom' });

// On a phone the four parts take turns on one screen, chosen from a tab bar at the bottom.
type PhoneView = 'findings' | 'graph' | 'ask' | 'details';
const phoneViews: PhoneView[] = ['findings', 'graph', 'ask', 'details'];
const phoneButtons = new Map<PhoneView, HTMLButtonElement>();
const phoneTabs = h('nav', { class: 'phone-tabs', dataset: { testid: 'phone-tabs' } });
const isPhone = () => matchMedia('(max-width: 700px)').matches;
function showPhone(view: PhoneView, opts: { openTab?: boolean } = {}): void {
  app.dataset.phone = view;
  for (const [key, button] of phoneButtons) button.setAttribute('aria-current', String(key === view));
  // The phone's Findings and Ask open their tab; the desktop's tabs are left as they are.
  if (opts.openTab ?? isPhone()) {
    if (view === 'findings' && state.tab === 'ask') openTab('gaps');
    if (view === 'ask') openTab('ask');
  }
  if (view === 'graph') graph.cy.resize();
}
for (const view of phoneViews) {
  const button = h('button', { type: 'button', dataset: { testid: `phone-${view}` }, onclick: () => showPhone(view) });
  phoneButtons.set(view, button);
  phoneTabs.append(button);
}
/** An answer that arrives is brought into view: on a phone the details take the screen. */
function reveal(): void {
  if (isPhone()) showPhone('details');
  details.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

app.append(header, intro, h('main', { class: 'layout' }, nav, graphArea, details), footer, phoneTabs);

const graph = new GraphView(graphContainer);

// ---- Explorer context ----------------------------------------------------------------
let lists: Promise<{ powers: NamedItem[]; places: NamedItem[]; cases: CaseItem[]; dataVersion: number }> | undefined;
const loadLists = () =>
  (lists ??= askLists()
    .then((a) => a.data)
    .catch((e) => {
      lists = undefined;
      throw e;
    }));
let currentCase: CaseItem | undefined;
let knownCases: CaseItem[] = [];
let findings: Finding[] = [];
let graphAnswer: { answer: GraphAnswer; query: string } | undefined;
/** The findings, once gaps has answered (the story view is built on them). */
let resolveFindings: (f: Finding[]) => void = () => {};
const findingsReady = new Promise<Finding[]>((resolve) => {
  resolveFindings = resolve;
});
/** The story view's nodes, built once per case from the first case graph and the findings. */
let story: Promise<Story | undefined> | undefined;
/** Neighbourhoods added by "expand", kept to redraw them when the view switches. */
const expanded = new Map<string, GraphAnswer>();
/** Re-renders what the details column shows, e.g. after a language switch. */
let redrawDetails: (() => void) | undefined;

const x: Explorer = {
  state,
  graph,
  powers: () =>
    loadLists()
      .then((l) => l.powers)
      .catch(() => []),
  places: () =>
    loadLists()
      .then((l) => l.places)
      .catch(() => []),
  caseInfo: () => currentCase,
  defaults: () => storyDefaults,
  cite: (question, date, evidence) =>
    citeEl(() => ({
      question,
      date,
      evidence,
      link: (x.save(), location.href),
      caseTitle: currentCase ? pick(currentCase.title, currentCase.titleZh) : state.case,
      dataVersion: graphAnswer?.answer.dataVersion,
    })),
  defaultsReady: () => defaultsReady,
  save: () => writeState(state),
  showDetails(title, content) {
    detailsTitle.textContent = title;
    replace(detailsBody, content);
    redrawDetails = undefined;
    if (!content.classList.contains('state-loading')) reveal();
  },
  focusFinding(finding, opts = {}) {
    state.finding = finding.id;
    state.sel = undefined;
    x.save();
    graph.clearMarks();
    // In the story view a finding may concern nodes not drawn yet: add them from the case graph.
    const missing = new Set(finding.nodeIds.filter((id) => !graph.has(id)));
    if (missing.size && graphAnswer)
      graph.draw({ nodes: graphAnswer.answer.nodes.filter((n) => missing.has(n.id)), edges: graphAnswer.answer.edges });
    graph.mark(finding.nodeIds, 'gap', { fade: true });
    graph.fit(finding.nodeIds);
    gaps.refresh();
    const draw = () => {
      x.showDetails(
        t('evidenceTitle'),
        h(
          'article',
          { class: 'finding-details', dataset: { testid: 'finding-details' } },
          h(
            'p',
            {},
            h('span', { class: `badge severity severity-${finding.severity}` }, tv('severity', finding.severity)),
            ' ',
            h('span', { class: 'finding-kind' }, tv('gapKinds', finding.kind)),
          ),
          h('h3', {}, pick(finding.title, finding.titleZh)),
          h('p', {}, pick(finding.explanation, finding.explanationZh)),
          finding.power ? h('p', { class: 'meta' }, nameEl(finding.power)) : null,
          x.cite(pick(finding.title, finding.titleZh), state.asOf, finding.evidence),
          h('h4', {}, t('evidenceTitle')),
          evidenceList(finding.evidence),
        ),
      );
      redrawDetails = draw;
    };
    if (opts.select !== false) draw();
  },
  showEvidence(title, evidence: Evidence[], extra?: HTMLElement) {
    const draw = () => {
      detailsTitle.textContent = t('evidenceFor', { what: title });
      replace(detailsBody, h('article', { class: 'evidence-details' }, extra, evidenceList(evidence)));
      redrawDetails = draw;
    };
    draw();
  },
  async setAsOf(date) {
    state.asOf = date;
    x.save();
    time.syncAsOf();
    await loadGraph().catch(() => {
      /* the overlay says so, with a retry */
    });
  },
  async expand(id) {
    x.showDetails(t('exploreTitle'), loadingEl());
    try {
      const asked = await askNeighborhood({ id, depth: 1, at: state.asOf });
      const answer = asked.data.neighborhood;
      const fresh = answer.nodes.filter((n) => !graph.has(n.id));
      const drawIt = () => {
        expanded.set(id, answer);
        graph.draw(answer);
        if (!state.expand.includes(id)) state.expand.push(id);
        x.save();
        graph.mark([id, ...answer.nodes.map((n) => n.id)], 'answer');
        graph.select(id);
        graph.fit([id, ...answer.nodes.map((n) => n.id)]);
        updateEmpty();
      };
      if (fresh.length > DRAW_LIMIT) {
        x.showDetails(
          t('exploreTitle'),
          h(
            'div',
            {},
            h('p', { class: 'warning' }, t('tooLarge', { n: fresh.length })),
            h('button', { type: 'button', class: 'primary', onclick: drawIt }, t('drawAnyway')),
            graphTables(answer),
            reproduceEl(asked.query, answer),
          ),
        );
        return;
      }
      drawIt();
    } catch (error) {
      x.showDetails(
        t('exploreTitle'),
        errorEl(error, () => void x.expand(id)),
      );
    }
  },
  markAnswer(ids) {
    graph.clearMarks('answer');
    const n = graph.mark(ids, 'answer', { fade: true });
    const inFinding = findings.find((f) => f.id === state.finding);
    if (inFinding) graph.mark(inFinding.nodeIds, 'gap');
    graph.fit(graph.markedIds('answer'));
    return n;
  },
};

/** The case's own starting question, from its story: the lead action's power, place and date. */
let storyDefaults: { power?: string; place?: string; at?: string } = {};
let resolveDefaults: (d: typeof storyDefaults) => void = () => {};
const defaultsReady = new Promise<typeof storyDefaults>((resolve) => {
  resolveDefaults = resolve;
});
function settleDefaults(told: Story | undefined): void {
  storyDefaults = { power: told?.power?.id ?? findings.find((f) => f.power)?.power?.id, place: told?.place?.id, at: told?.at };
  resolveDefaults(storyDefaults);
}

/** With no finding chosen, the graph marks the nodes of the story's findings, or of the most severe findings present. */
let storyFindings: Finding[] = [];
function markSevereGaps(): void {
  if (graph.isStory() && storyFindings.length) {
    graph.mark(
      storyFindings.flatMap((f) => f.nodeIds),
      'gap',
    );
    return;
  }
  graph.mark(severeIds(), 'gap');
}
function severeIds(): string[] {
  const top = ['HIGH', 'MEDIUM', 'LOW'].find((sev) => findings.some((f) => f.severity === sev));
  return findings.filter((f) => f.severity === top).flatMap((f) => f.nodeIds);
}

// ---- Panels ------------------------------------------------------------------------
let graphDrawn = false;
/** Marks the chosen finding, or the severe ones, once both the findings and the graph are here. */
function applyFindingMarks(): void {
  if (!graphDrawn) return;
  const focused = findings.find((f) => f.id === state.finding);
  if (focused) x.focusFinding(focused, { select: !state.sel && !state.q });
  else markSevereGaps();
}
const gaps = gapsPanel(x, (loaded) => {
  findings = loaded;
  (window as unknown as { __quanze: Record<string, unknown> }).__quanze.findingsMs ??= performance.now();
  resolveFindings(loaded);
  applyFindingMarks();
  renderIntro();
});
const ask = askPanel(x);
const time = timePanel(x);
const compare = comparePanel(x);
const explore = explorePanel(x);
const panels: Record<(typeof tabNames)[number], { el: HTMLElement; refresh(): void }> = { gaps, ask, time, compare, explore };

for (const name of tabNames) {
  const button = h('button', {
    type: 'button',
    role: 'tab',
    id: `tab-${name}`,
    'aria-controls': `panel-${name}`,
    dataset: { testid: `tab-${name}` },
    onclick: () => openTab(name),
    onkeydown: (ev: KeyboardEvent) => {
      if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
      const i = tabNames.indexOf(name) + (ev.key === 'ArrowRight' ? 1 : -1);
      const next = tabNames[(i + tabNames.length) % tabNames.length];
      openTab(next);
      tabButtons.get(next)!.focus();
    },
  });
  tabButtons.set(name, button);
  tabList.append(button);
  const panel = h('div', { role: 'tabpanel', id: `panel-${name}`, 'aria-labelledby': `tab-${name}`, class: 'tab-panel' }, panels[name].el);
  tabPanels.set(name, panel);
  panelsBox.append(panel);
}

function openTab(name: ViewState['tab']): void {
  state.tab = name;
  x.save();
  for (const [key, button] of tabButtons) {
    const on = key === name;
    button.setAttribute('aria-selected', String(on));
    button.tabIndex = on ? 0 : -1;
    tabPanels.get(key)!.hidden = !on;
  }
}

// ---- Graph: load, toolbar, selection -------------------------------------------------
function updateEmpty(): void {
  graphEmpty.hidden = graph.cy.nodes().nonempty();
  if (!graphEmpty.hidden && !graphEmpty.firstChild) replace(graphEmpty, emptyEl(t('emptyGraph')));
}

/** The story's plan and answers: one request, asked at landing with the findings (the server chooses from the same findings). */
let storyPlan: Promise<StoryPlan | undefined> | undefined;
const askStoryPlan = () => (storyPlan ??= planStory(state.case).catch(() => undefined));

/** The story of the case, built once from the case graph, the findings and the plan; undefined when it cannot be (the whole case is drawn then). */
function storyOf(answer: GraphAnswer): Promise<Story | undefined> {
  return (story ??= Promise.all([findingsReady, askStoryPlan()])
    .then(([f, plan]) => (f.length && plan ? buildStory(answer, f, plan) : undefined))
    .catch(() => undefined)
    .then((told) => {
      settleDefaults(told);
      return told;
    }));
}

/** Short names need the case graph to look up an action's power or a grant's. */
function storyNames(answer: GraphAnswer): { shortName: (n: GraphNode) => ReturnType<typeof shortName> } {
  const byId = new Map(answer.nodes.map((n) => [n.id, n]));
  const linked = (id: string, type: string) => answer.edges.filter((e) => e.source === id && e.type === type).map((e) => e.target);
  return { shortName: (n) => shortName(n, (id) => byId.get(id), linked) };
}

/**
 * Draws the base of the view, the story or the whole case. `fresh` replaces what is drawn
 * (on a switch of view, or first load) and lays it out; otherwise the answer is merged in
 * (an as-of date updates names and in-force flags where nodes stand).
 */
async function drawBase(answer: GraphAnswer, fresh: boolean): Promise<void> {
  const told = state.scope === 'story' ? await storyOf(answer) : undefined;
  if (told) {
    storyFindings = told.findings;
    graph.setStory(storyNames(answer));
    graph.draw(storyGraph(answer, told), { replace: fresh, layout: false });
  } else {
    graph.setStory(undefined);
    graph.draw(answer, { replace: fresh, layout: false });
  }
  if (fresh) for (const more of expanded.values()) graph.draw(more, { layout: false });
  graph.setHidden(state.hide);
  // Level of detail: the findings' nodes (and the story's lead action) are captioned from afar.
  graph.setMajor(told ? [...told.findings.flatMap((f) => f.nodeIds), told.leadAction ?? ''] : severeIds());
  if (fresh) graph.layout();
}

async function setScope(scope: ViewState['scope']): Promise<void> {
  if (scope === state.scope || !graphAnswer) return;
  state.scope = scope;
  x.save();
  graph.clearMarks();
  await drawBase(graphAnswer.answer, true);
  applyFindingMarks();
  renderToolbar();
  updateEmpty();
}

async function loadGraph(): Promise<void> {
  replace(graphEmpty, loadingEl());
  graphEmpty.hidden = false;
  try {
    const asked = await askCaseGraph({ case: state.case, at: state.asOf });
    const first = !graphAnswer;
    graphAnswer = { answer: asked.data.caseGraph, query: asked.query };
    await drawBase(graphAnswer.answer, first);
    replace(graphEmpty);
    updateEmpty();
    renderGraphMeta();
  } catch (error) {
    if (graphAnswer) {
      // A redraw for another date failed: what is drawn stays, and the error says so.
      replace(
        graphEmpty,
        errorEl(error, () => void loadGraph()),
      );
      graphEmpty.hidden = false;
      throw error;
    }
    replace(graphEmpty);
    updateEmpty();
    throw error;
  } finally {
    renderToolbar();
  }
}

/** A landing that failed in part: one message, one retry, which loads the whole view again from its link. */
function viewFailed(error: unknown): void {
  x.save();
  replace(
    viewError,
    errorEl(error, () => location.reload()),
  );
  viewError.querySelector('button')?.setAttribute('data-testid', 'retry-view');
  viewError.hidden = false;
}

function renderGraphMeta(): void {
  asOfChip.textContent = state.asOf ? `${t('asOf')} ${state.asOf}` : t('asOfAll');
  if (graphAnswer) {
    replace(graphQueryBox, reproduceEl(graphAnswer.query, graphAnswer.answer));
    versionEl.textContent = t('dataVersion', { v: graphAnswer.answer.dataVersion });
  }
}

const tableShown = () => state.view === 'table';
function renderTable(): void {
  tableBox.hidden = !tableShown();
  graphContainer.setAttribute('aria-hidden', String(tableShown()));
  if (tableShown())
    replace(
      tableBox,
      graphTables(graph.drawn(), (id) => graph.select(id)),
    );
}
/** Switches between the graph and its table, from the button or the `t` key; the link keeps it. */
function toggleTable(): void {
  state.view = tableShown() ? undefined : 'table';
  x.save();
  renderTable();
  renderToolbar();
}
/** The legend lists the kinds drawn now (all of them, known to the style tables or not). */
let legendKinds = '';
function renderLegend(force = true): void {
  const present = [...new Set(graph.cy.nodes().map((n) => n.data('label') as string))].sort();
  if (!force && present.join() === legendKinds) return;
  legendKinds = present.join();
  replace(
    legendBox,
    legendEl(
      graph.getLayers(),
      (layers) => {
        graph.setLayers(layers);
        state.layers = layers;
        x.save();
      },
      present.length ? new Set(present) : undefined,
    ),
  );
}
graph.onChange(() => {
  if (tableShown()) renderTable();
  renderLegend(false);
});

/** What the figure is of: the chosen finding, the answer asked, or the story of the case. */
function figureSubtitle(): string {
  const c = currentCase ? pick(currentCase.title, currentCase.titleZh) : state.case;
  const focus = findings.find((f) => f.id === state.finding);
  const what = focus
    ? pick(focus.title, focus.titleZh)
    : graph.markedIds('answer').length && state.q
      ? (detailsBody.querySelector('.card h2')?.textContent ?? '')
      : graph.isStory()
        ? t('scopeStoryHint')
        : t('scopeWhole', { n: graph.cy.nodes().length });
  const date = state.asOf ? `${t('asOf')} ${state.asOf}` : state.q === 'whoCan' && state.at ? t('asOfAnswer', { date: state.at }) : t('asOfAll');
  return [c, what, date].filter(Boolean).join(' · ');
}

/** "Sources: …; made with Quanze": the outlets of the case's sources. */
function sourceLine(): string {
  const outlets = [
    ...new Set(
      (graphAnswer?.answer.nodes ?? [])
        .filter((n) => n.label === 'Source')
        .map((n) => String((n.properties as Record<string, unknown> | null)?.outlet ?? n.name ?? ''))
        .filter(Boolean),
    ),
  ];
  const shown = outlets.slice(0, 10).join('; ');
  return t('figureSources', { sources: outlets.length > 10 ? `${shown} ${t('andMore', { n: outlets.length - 10 })}` : shown || '—' });
}

async function exportFigure(kind: 'png' | 'svg'): Promise<void> {
  const titles = { law: [t('bandLaw'), t('bandLawSub')], fact: [t('bandFact'), t('bandFactSub')], says: [t('bandSays'), t('bandSaysSub')] } as const;
  const present = new Set(graph.cy.nodes(':visible').map((n) => n.data('label') as string));
  const parts: FigureParts = {
    title: currentCase ? pick(currentCase.title, currentCase.titleZh) : state.case,
    subtitle: figureSubtitle(),
    bands: graph.bands().map((b) => ({
      title: titles[b.band][0],
      sub: titles[b.band][1],
      colour: BAND_LOOKS[b.band].colour,
      tint: BAND_LOOKS[b.band].tint,
      y1: b.y1,
      y2: b.y2,
    })),
    kinds: [...present].sort().map((label) => ({ label, name: kindName(label) })),
    layers: graph
      .getLayers()
      .filter((l) => graph.cy.edges(':visible').some((e) => e.data('layer') === l))
      .map((layer) => ({ layer, name: tv('layerNames', layer) })),
    marks: {
      gap: graph.markedIds('gap').length ? t('legendGap') : undefined,
      answer: graph.markedIds('answer').length ? t('legendAnswer') : undefined,
    },
    version: [t('dataVersion', { v: graphAnswer?.answer.dataVersion ?? '' }), location.href].join(' · '),
    sources: sourceLine(),
  };
  const svg = figureSvg(await graph.drawing(kind, kind === 'png' ? 1.5 : 1), parts);
  if (kind === 'svg') download(new Blob([svg], { type: 'image/svg+xml' }), exportName('svg'));
  else download(await figurePng(svg, 1.5), exportName('png'));
}

function exportName(ext: string): string {
  return `quanze-${state.case}${state.asOf ? `-as-of-${state.asOf}` : ''}.${ext}`;
}

function renderToolbar(): void {
  // Buttons that act on the drawing are off while nothing is drawn.
  const drawnNothing = !graphAnswer || graph.cy.nodes().empty();
  const button = (label: string, testid: string, onclick: () => void, extra: Record<string, unknown> = {}) =>
    h('button', { type: 'button', class: 'small', dataset: { testid }, onclick, disabled: drawnNothing && testid !== 'clear', ...extra }, label);
  const scopeButton = (scope: ViewState['scope'], label: string, title?: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'small segment-button',
        dataset: { testid: `scope-${scope}` },
        'aria-pressed': String(state.scope === scope),
        title,
        onclick: () => void setScope(scope),
      },
      label,
    );
  replace(
    toolbar,
    h(
      'span',
      { class: 'scope', role: 'group', 'aria-label': t('scopeLabel') },
      scopeButton('story', t('scopeStory'), t('scopeStoryHint')),
      scopeButton('whole', t('scopeWhole', { n: graphAnswer?.answer.nodes.length ?? '…' })),
    ),
    asOfChip,
    button(t('fit'), 'fit', () => graph.fit()),
    button(t('relayout'), 'relayout', () => graph.layout(true)),
    button(t('clearFocus'), 'clear', clearFocus),
    graph.hiddenIds().length
      ? button(`${t('showHidden')} (${graph.hiddenIds().length})`, 'show-hidden', () => {
          graph.showAll();
          state.hide = [];
          x.save();
          renderToolbar();
        })
      : null,
    button(tableShown() ? t('graphView') : t('tableView'), 'table-toggle', toggleTable, { 'aria-pressed': String(tableShown()) }),
    h(
      'span',
      { class: 'toolbar-group', role: 'group', 'aria-label': t('exportLabel') },
      h('span', { class: 'meta' }, `${t('exportLabel')}:`),
      button(t('exportPng'), 'export-png', () => void exportFigure('png')),
      button(t('exportSvg'), 'export-svg', () => void exportFigure('svg')),
      button(t('exportJson'), 'export-json', () => {
        const data = {
          case: state.case,
          asOf: state.asOf ?? null,
          dataVersion: graphAnswer?.answer.dataVersion,
          query: graphAnswer?.query,
          link: location.href,
          ...graph.drawn(),
        };
        download(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), exportName('json'));
      }),
    ),
  );
}

function clearFocus(): void {
  state.finding = undefined;
  state.sel = undefined;
  x.save();
  graph.clearMarks();
  graph.cy.elements().unselect();
  markSevereGaps();
  gaps.refresh();
  showSelection(null);
}

function showSelection(selected: Selected): void {
  if (!selected) {
    redrawDetails = undefined;
    detailsTitle.textContent = t('details');
    replace(detailsBody, h('p', { class: 'state state-empty' }, t('selectSomething')));
    return;
  }
  const draw = () => {
    detailsTitle.textContent = t('details');
    if (selected.kind === 'node')
      replace(
        detailsBody,
        nodeDetails(x, selected.node, () => {
          draw();
          renderToolbar();
        }),
      );
    else replace(detailsBody, edgeDetails(x, selected.edge, selected.source, selected.target));
    redrawDetails = draw;
  };
  draw();
}

graph.onSelect((selected) => {
  state.sel = selected ? (selected.kind === 'node' ? selected.node.id : selected.edge.id) : undefined;
  x.save();
  showSelection(selected);
  renderToolbar();
});

// ---- Language, intro, header ---------------------------------------------------------
/** The first sentences of a text, in either script, up to about `max` characters. */
function opening(text: string, max = 320): [string, string] {
  const sentences = text.match(/[^.!?。！？]+[.!?。！？]+["”’)]*\s*|[^.!?。！？]+$/g) ?? [text];
  let head = '';
  for (const sentence of sentences) {
    if (head && head.length + sentence.length > max) break;
    head += sentence;
  }
  return [head.trim(), text.slice(head.length).trim()];
}

/** The introduction, written from the case's own data: its title, the opening of its summary, and its most severe findings. */
function renderIntro(): void {
  introToggle.textContent = introHidden ? t('introShow') : t('introHide');
  intro.classList.toggle('collapsed', introHidden);
  introTitle.hidden = introHidden;
  introText.hidden = introHidden;
  introMore.querySelector('summary')!.textContent = t('caseSummary');
  const c = currentCase;
  introTitle.textContent = c ? pick(c.title, c.titleZh) || c.id : '';
  const [head, rest] = opening(c ? pick(c.summary, c.summaryZh) : '');
  introSummary.textContent = rest;
  introMore.hidden = introHidden || !rest;
  const top = ['HIGH', 'MEDIUM', 'LOW'].flatMap((sev) => findings.filter((f) => f.severity === sev)).slice(0, 3);
  replace(
    introText,
    head ? h('p', { dataset: { testid: 'intro-summary' } }, head) : null,
    top.length
      ? h(
          'div',
          { class: 'intro-findings' },
          h('span', { class: 'intro-findings-label' }, t('introFindings')),
          h(
            'ul',
            {},
            top.map((f) =>
              h(
                'li',
                {},
                h(
                  'button',
                  { type: 'button', class: 'link', dataset: { testid: 'intro-finding' }, onclick: () => x.focusFinding(f, { select: true }) },
                  pick(f.title, f.titleZh),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}

/** The case picker: every case in the database, by its title in the current language. */
function renderCasePicker(): void {
  casePickerLabel.textContent = t('casePicker');
  const cases = knownCases.length ? knownCases : currentCase ? [currentCase] : [];
  replace(
    casePicker,
    cases.map((c) => h('option', { value: c.id, selected: c.id === state.case }, pick(c.title, c.titleZh) || c.id)),
  );
  casePicker.hidden = cases.length < 2;
  caseTitle.hidden = !casePicker.hidden;
  if (currentCase) replace(caseTitle, nameEl({ name: currentCase.title, nameZh: currentCase.titleZh }, { tag: 'strong' }));
}

casePicker.addEventListener('change', () => openCase(casePicker.value));

/** Opens another case: a fresh view of it (the link names the case and nothing of the last one's view). */
function openCase(id: string): void {
  if (id === state.case) return;
  const next: ViewState = { case: id, lang: state.lang, tab: 'gaps', expand: [], hide: [], scope: 'story' };
  writeState(next);
  location.reload();
}

function renderStatic(): void {
  document.title = `${t('appName')} · ${t('appTagline')}`;
  brand.querySelector('.tagline')!.textContent = t('appTagline');
  langButton.textContent = t('switchLanguage');
  langButton.setAttribute('aria-label', t('switchLanguageLabel'));
  copyLinkButton.textContent = t('copyLink');
  renderIntro();
  renderCasePicker();
  graphContainer.setAttribute('aria-label', t('graphLabel'));
  zoomControls.setAttribute('aria-label', t('zoomLabel'));
  for (const [button, label] of [
    [zoomIn, t('zoomIn')],
    [zoomOut, t('zoomOut')],
    [zoomFit, t('fit')],
  ] as const) {
    button.setAttribute('aria-label', label);
    button.title = label;
  }
  nav.setAttribute('aria-label', t('panelsLabel'));
  const tabLabels = { gaps: t('tabGaps'), ask: t('tabAsk'), time: t('tabTime'), compare: t('tabCompare'), explore: t('tabExplore') };
  for (const [name, button] of tabButtons) button.textContent = tabLabels[name as keyof typeof tabLabels];
  footer.textContent = t('keyboardHelp');
  const phoneLabels: Record<PhoneView, string> = { findings: t('phoneFindings'), graph: t('phoneGraph'), ask: t('tabAsk'), details: t('details') };
  for (const [view, button] of phoneButtons) button.textContent = phoneLabels[view];
  renderLegend();
  renderToolbar();
  renderGraphMeta();
}

langButton.addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
});
onLangChange((next) => {
  state.lang = next;
  x.save();
  renderStatic();
  graph.relabel();
  for (const panel of Object.values(panels)) panel.refresh();
  if (redrawDetails) redrawDetails();
  else if (!detailsBody.firstChild || detailsBody.querySelector('.state-empty')) showSelection(null);
  if (tableShown()) renderTable();
});
copyLinkButton.addEventListener('click', async () => {
  x.save();
  try {
    await navigator.clipboard.writeText(location.href);
  } catch {
    prompt(t('copyLink'), location.href);
    return;
  }
  copyLinkButton.textContent = t('linkCopied');
  setTimeout(() => (copyLinkButton.textContent = t('copyLink')), 1500);
});
introToggle.addEventListener('click', () => {
  introHidden = !introHidden;
  localStorage.setItem('quanze.introHidden', introHidden ? '1' : '0');
  renderStatic();
});

// ---- Keyboard ------------------------------------------------------------------------
document.addEventListener('keydown', (ev) => {
  const target = ev.target as HTMLElement;
  if (ev.ctrlKey || ev.metaKey || ev.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) return;
  const actions: Record<string, () => void> = {
    '/': () => {
      openTab('explore');
      explore.focus();
    },
    a: () => {
      openTab('ask');
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the assertion is what types the result
      (tabPanels.get('ask')!.querySelector('input[role=combobox]') as HTMLInputElement | null)?.focus();
    },
    g: () => {
      openTab('gaps');
      tabButtons.get('gaps')!.focus();
    },
    t: toggleTable,
    l: () => setLang(lang() === 'zh' ? 'en' : 'zh'),
    f: () => graph.fit(),
    Escape: clearFocus,
  };
  const action = actions[ev.key];
  if (action) {
    ev.preventDefault();
    action();
  }
});

// ---- Viewport in the link ------------------------------------------------------------
let trackViewport = false;
let viewportTimer: ReturnType<typeof setTimeout> | undefined;
graph.cy.on('viewport', () => {
  if (!trackViewport) return;
  clearTimeout(viewportTimer);
  viewportTimer = setTimeout(() => {
    const pan = graph.cy.pan();
    state.zoom = Math.round(graph.cy.zoom() * 1000) / 1000;
    state.pan = `${Math.round(pan.x)},${Math.round(pan.y)}`;
    x.save();
  }, 200);
});

/** Puts the graph at the link's zoom and pan, once the landing's own fitting is done; from then on the link follows the view. */
function restoreViewport(): void {
  graph.cy.stop(true, true);
  graph.cy.nodes().stop(true, true);
  if (state.zoom && state.pan) {
    const [px, py] = state.pan.split(',').map(Number);
    graph.cy.viewport({ zoom: state.zoom, pan: { x: px, y: py } });
  }
  trackViewport = true;
}

// ---- Start ---------------------------------------------------------------------------
// For tests and the console: the graph, the state, selection by id, and when the landing view was ready.
(window as unknown as { __quanze: unknown }).__quanze = { cy: graph.cy, state, select: (id: string) => graph.select(id) };

async function start(): Promise<void> {
  graph.setLayers(state.layers ?? DEFAULT_LAYERS);
  graph.setHidden(state.hide);
  renderStatic();
  openTab(state.tab);
  showPhone(state.tab === 'ask' ? 'ask' : 'findings', { openTab: false });
  showSelection(null);
  updateEmpty();
  // Everything the landing needs is asked at once: the case list (introduction), the
  // findings, the timeline and the case graph; the story waits only for the last two.
  const listsLoaded = loadLists().then((l) => {
    knownCases = l.cases;
    currentCase = l.cases.find((c) => c.id === state.case);
    if (!currentCase && l.cases.length) {
      // The link names a case the database does not hold: open the first one it does.
      openCase(l.cases[0].id);
      return;
    }
    versionEl.textContent = t('dataVersion', { v: l.dataVersion });
    renderStatic();
    compare.refresh();
  });
  const failures: unknown[] = [];
  const note = (p: Promise<unknown>) =>
    p.catch((e) => {
      failures.push(e);
    });
  const timeLoaded = note(time.load());
  const findingsLoaded = note(gaps.load());
  if (state.scope === 'story') void askStoryPlan();
  await Promise.all([note(loadGraph()), note(listsLoaded)]);
  // A permalink's expanded neighbourhoods are asked for together and drawn in the link's order.
  const restored = await Promise.all(state.expand.map((id) => askNeighborhood({ id, depth: 1, at: state.asOf }).catch(() => undefined)));
  state.expand.forEach((id, i) => {
    const asked = restored[i];
    if (asked) {
      expanded.set(id, asked.data.neighborhood);
      graph.draw(asked.data.neighborhood);
    }
  });
  graph.setHidden(state.hide);
  const selectedId = state.sel;
  graphDrawn = true;
  (window as unknown as { __quanze: Record<string, unknown> }).__quanze.landedMs = performance.now();
  await Promise.all([findingsLoaded, timeLoaded]);
  if (graphAnswer) void storyOf(graphAnswer.answer);
  else settleDefaults(undefined);
  if (failures.length) viewFailed(failures[0]);
  applyFindingMarks();
  if (state.q && state.power) await ask.run();
  if (selectedId) graph.select(selectedId);
  restoreViewport();
  renderToolbar();
  if (tableShown()) renderTable();
  (window as unknown as { __quanze: Record<string, unknown> }).__quanze.readyMs = performance.now();
  (window as unknown as { __quanze: Record<string, unknown> }).__quanze.ready = true;
}

void start();
