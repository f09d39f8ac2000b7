// The explorer's start: builds the page's parts in order (shell, graph, explorer object,
// panels, graph pane, toolbar, tabs, introduction), wires them, then lands on the case. Each
// part is built before anything calls it; the panels translate answers, the questions live in
// questions.ts, the shared state in shell/session.ts.
// The styles, in cascade order: the look, the page's layout, the panels, the cards, the story
// and case views, then the phone layout that overrides them.
import './styles/base.css';
import './styles/layout.css';
import './styles/panels.css';
import './styles/cards.css';
import './styles/views.css';
import './styles/phone.css';
import { h } from './dom';
import { GraphView } from './graphView';
import { DEFAULT_LAYERS } from './graphStyle';
import { lang, onLangChange, setLang, t } from './messages';
import { askNeighborhood } from './questions';
import type { ViewState } from './viewState';
import { askPanel } from './panels/askPanel';
import { gapsPanel } from './panels/gapsPanel';
import { timePanel } from './panels/timePanel';
import { comparePanel } from './panels/comparePanel';
import { explorePanel } from './panels/explorePanel';
import { createExplorer } from './shell/explorer';
import { graphPane } from './shell/graphPane';
import { introduction, openCase } from './shell/intro';
import { bindKeys } from './shell/keyboard';
import { Session } from './shell/session';
import { buildShell, PHONE_VIEWS, type PhoneView } from './shell/shell';
import { installHook, mark } from './shell/testHook';
import { toolbar } from './shell/toolbar';

// 1. The state from the link, and the language.
const session = new Session();
const { state } = session;
setLang(state.lang);
document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';

// 2. The page's parts, the graph and the explorer object the panels use.
const shell = buildShell(document.getElementById('app')!);
const graph = new GraphView(shell.graphContainer);
const explorer = createExplorer(session, shell, graph);
const x = explorer.x;

// 3. The panels, then the graph pane, the toolbar and the introduction that call them.
const gaps = gapsPanel(x, (loaded) => findingsArrived(loaded));
const ask = askPanel(x);
const time = timePanel(x);
const compare = comparePanel(x);
const explore = explorePanel(x);
const tabNames = ['gaps', 'ask', 'time', 'compare', 'explore'] as const;
const panels: Record<(typeof tabNames)[number], { el: HTMLElement; refresh(): void }> = { gaps, ask, time, compare, explore };
const pane = graphPane(shell, session, graph, x, () => gaps.refresh());
const bar = toolbar(shell, session, graph, pane);
pane.setToolbar(bar.render);
const intro = introduction(shell, session, (f) => x.focusFinding(f, { select: true }));

// 4. The panels' tabs, and the phone's tab bar.
const tabButtons = new Map<string, HTMLButtonElement>();
const tabPanels = new Map<string, HTMLElement>();
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
  shell.tabList.append(button);
  const panel = h('div', { role: 'tabpanel', id: `panel-${name}`, 'aria-labelledby': `tab-${name}`, class: 'tab-panel' }, panels[name].el);
  tabPanels.set(name, panel);
  shell.panelsBox.append(panel);
}

const isPhone = () => matchMedia('(max-width: 700px)').matches;
function showPhone(view: PhoneView, opts: { openTab?: boolean } = {}): void {
  shell.app.dataset.phone = view;
  for (const [key, button] of shell.phoneButtons) button.setAttribute('aria-current', String(key === view));
  // The phone's Findings and Ask open their tab; the desktop's tabs are left as they are.
  if (opts.openTab ?? isPhone()) {
    if (view === 'findings' && state.tab === 'ask') openTab('gaps');
    if (view === 'ask') openTab('ask');
  }
  if (view === 'graph') graph.cy.resize();
}
for (const view of PHONE_VIEWS) shell.phoneButtons.get(view)!.addEventListener('click', () => showPhone(view));

// 5. Everything exists: the explorer object may now reach the panels and the pane.
explorer.attach({
  refreshFindings: () => gaps.refresh(),
  syncAsOf: () => time.syncAsOf(),
  loadGraph: () => pane.loadGraph(),
  updateEmpty: () => pane.updateEmpty(),
  reveal() {
    if (isPhone()) showPhone('details');
    shell.details.scrollIntoView({ block: 'start', behavior: 'smooth' });
  },
});

function findingsArrived(loaded: typeof session.findings): void {
  session.setFindings(loaded);
  mark('findingsMs');
  pane.applyFindingMarks();
  intro.renderIntro();
}

// 6. Words in the current language, the header's buttons, the keyboard, the zoom buttons.
function renderStatic(): void {
  document.title = `${t('appName')} · ${t('appTagline')}`;
  shell.brand.querySelector('.tagline')!.textContent = t('appTagline');
  shell.langButton.textContent = t('switchLanguage');
  shell.langButton.setAttribute('aria-label', t('switchLanguageLabel'));
  shell.copyLinkButton.textContent = t('copyLink');
  intro.render();
  shell.graphContainer.setAttribute('aria-label', t('graphLabel'));
  shell.zoomControls.setAttribute('aria-label', t('zoomLabel'));
  for (const [button, label] of [
    [shell.zoomIn, t('zoomIn')],
    [shell.zoomOut, t('zoomOut')],
    [shell.zoomFit, t('fit')],
  ] as const) {
    button.setAttribute('aria-label', label);
    button.title = label;
  }
  shell.nav.setAttribute('aria-label', t('panelsLabel'));
  const tabLabels = { gaps: t('tabGaps'), ask: t('tabAsk'), time: t('tabTime'), compare: t('tabCompare'), explore: t('tabExplore') };
  for (const [name, button] of tabButtons) button.textContent = tabLabels[name as keyof typeof tabLabels];
  shell.footer.textContent = t('keyboardHelp');
  const phoneLabels: Record<PhoneView, string> = { findings: t('phoneFindings'), graph: t('phoneGraph'), ask: t('tabAsk'), details: t('details') };
  for (const [view, button] of shell.phoneButtons) button.textContent = phoneLabels[view];
  pane.renderLegend();
  bar.render();
  pane.renderGraphMeta();
}

shell.zoomIn.addEventListener('click', () => graph.zoomBy(1.4));
shell.zoomOut.addEventListener('click', () => graph.zoomBy(1 / 1.4));
shell.zoomFit.addEventListener('click', () => graph.fit());
shell.langButton.addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
onLangChange((next) => {
  state.lang = next;
  x.save();
  renderStatic();
  graph.relabel();
  for (const panel of Object.values(panels)) panel.refresh();
  if (session.redrawDetails) session.redrawDetails();
  else if (!shell.detailsBody.firstChild || shell.detailsBody.querySelector('.state-empty')) pane.showSelection(null);
  if (pane.tableShown()) pane.renderTable();
});
shell.copyLinkButton.addEventListener('click', async () => {
  x.save();
  try {
    await navigator.clipboard.writeText(location.href);
  } catch {
    prompt(t('copyLink'), location.href);
    return;
  }
  shell.copyLinkButton.textContent = t('linkCopied');
  setTimeout(() => (shell.copyLinkButton.textContent = t('copyLink')), 1500);
});
shell.introToggle.addEventListener('click', () => {
  intro.toggle();
  renderStatic();
});
bindKeys({
  search: () => {
    openTab('explore');
    explore.focus();
  },
  ask: () => {
    openTab('ask');
    tabPanels.get('ask')!.querySelector<HTMLInputElement>('input[role=combobox]')?.focus();
  },
  gaps: () => {
    openTab('gaps');
    tabButtons.get('gaps')!.focus();
  },
  table: () => pane.toggleTable(),
  language: () => setLang(lang() === 'zh' ? 'en' : 'zh'),
  fit: () => graph.fit(),
  clear: () => pane.clearFocus(),
});

// 7. The viewport in the link: restored once the landing's own fitting is done, followed from then on.
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
function restoreViewport(): void {
  graph.cy.stop(true, true);
  graph.cy.nodes().stop(true, true);
  if (state.zoom && state.pan) {
    const [px, py] = state.pan.split(',').map(Number);
    graph.cy.viewport({ zoom: state.zoom, pan: { x: px, y: py } });
  }
  trackViewport = true;
}

// 8. The hook for tests and the console, then the landing.
installHook({ cy: graph.cy, state, select: (id: string) => graph.select(id) });

async function start(): Promise<void> {
  graph.setLayers(state.layers ?? DEFAULT_LAYERS);
  graph.setHidden(state.hide);
  renderStatic();
  openTab(state.tab);
  showPhone(state.tab === 'ask' ? 'ask' : 'findings', { openTab: false });
  pane.showSelection(null);
  pane.updateEmpty();
  // Everything the landing needs is asked at once: the case list (introduction), the
  // findings, the timeline, the story (chosen on the server from the same findings) and the case graph.
  const listsLoaded = session.loadLists().then((l) => {
    session.knownCases = l.cases;
    session.currentCase = l.cases.find((c) => c.id === state.case);
    if (!session.currentCase && l.cases.length) {
      // The link names a case the database does not hold: open the first one it does.
      openCase(session, l.cases[0].id);
      return;
    }
    shell.versionEl.textContent = t('dataVersion', { v: l.dataVersion });
    renderStatic();
    compare.refresh();
  });
  const failures: unknown[] = [];
  const note = (p: Promise<unknown>) =>
    p.catch((e: unknown) => {
      failures.push(e);
    });
  const timeLoaded = note(time.load());
  const findingsLoaded = note(gaps.load());
  if (state.scope === 'story') void session.askStoryPlan();
  await Promise.all([note(pane.loadGraph()), note(listsLoaded)]);
  // A permalink's expanded neighbourhoods are asked for together and drawn in the link's order.
  const restored = await Promise.all(state.expand.map((id) => askNeighborhood({ id, depth: 1, at: state.asOf }).catch(() => undefined)));
  state.expand.forEach((id, i) => {
    const asked = restored[i];
    if (asked) {
      session.expanded.set(id, asked.data.neighborhood);
      graph.draw(asked.data.neighborhood);
    }
  });
  graph.setHidden(state.hide);
  const selectedId = state.sel;
  session.graphDrawn = true;
  mark('landedMs');
  await Promise.all([findingsLoaded, timeLoaded]);
  if (session.graphAnswer) void pane.storyOf(session.graphAnswer.answer);
  else session.settleDefaults(undefined);
  if (failures.length) pane.viewFailed(failures[0]);
  pane.applyFindingMarks();
  if (state.q && state.power) await ask.run();
  if (selectedId) graph.select(selectedId);
  restoreViewport();
  bar.render();
  if (pane.tableShown()) pane.renderTable();
  mark('readyMs');
  window.__quanze!.ready = true;
}

void start();
