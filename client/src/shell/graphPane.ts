// The graph pane: loads the case graph (as of the view's date), draws the story or the whole
// case, marks the findings, shows the table instead of the drawing, the legend of what is
// drawn, and the details of what is selected.
import type { Explorer } from '../context';
import { h, replace } from '../dom';
import type { GraphView, Selected } from '../graphView';
import { legendEl } from '../legend';
import { t } from '../messages';
import { askCaseGraph, type GraphAnswer, type GraphNode } from '../questions';
import { reproduceEl } from '../reproduce';
import { errorEl, emptyEl, loadingEl } from '../status';
import { buildStory, shortName, storyGraph, type Story } from '../story';
import { graphTables } from '../tableView';
import type { ViewState } from '../viewState';
import { edgeDetails, nodeDetails } from '../panels/selectionDetails';
import type { Session } from './session';
import type { Shell } from './shell';

/** Short names need the case graph to look up an action's power or a grant's. */
function storyNames(answer: GraphAnswer): { shortName: (n: GraphNode) => ReturnType<typeof shortName> } {
  const byId = new Map(answer.nodes.map((n) => [n.id, n]));
  const linked = (id: string, type: string) => answer.edges.filter((e) => e.source === id && e.type === type).map((e) => e.target);
  return { shortName: (n) => shortName(n, (id) => byId.get(id), linked) };
}

export function graphPane(shell: Shell, session: Session, graph: GraphView, x: Explorer, refreshFindings: () => void) {
  const { state } = session;
  /** Called after what the toolbar shows may have changed (set by main.ts once the toolbar exists). */
  let renderToolbar = () => {};

  function updateEmpty(): void {
    shell.graphEmpty.hidden = graph.cy.nodes().nonempty();
    if (!shell.graphEmpty.hidden && !shell.graphEmpty.firstChild) replace(shell.graphEmpty, emptyEl(t('emptyGraph')));
  }

  /** With no finding chosen, the graph marks the nodes of the story's findings, or of the most severe findings present. */
  function markSevereGaps(): void {
    if (graph.isStory() && session.storyFindings.length) {
      graph.mark(
        session.storyFindings.flatMap((f) => f.nodeIds),
        'gap',
      );
      return;
    }
    graph.mark(session.severeIds(), 'gap');
  }

  /** Marks the chosen finding, or the severe ones, once both the findings and the graph are here. */
  function applyFindingMarks(): void {
    if (!session.graphDrawn) return;
    const focused = session.findings.find((f) => f.id === state.finding);
    if (focused) x.focusFinding(focused, { select: !state.sel && !state.q });
    else markSevereGaps();
  }

  /** The story of the case, built once from the case graph, the findings and the plan; undefined when it cannot be (the whole case is drawn then). */
  function storyOf(answer: GraphAnswer): Promise<Story | undefined> {
    return (session.story ??= Promise.all([session.findingsReady, session.askStoryPlan()])
      .then(([f, plan]) => (f.length && plan ? buildStory(answer, f, plan) : undefined))
      .catch(() => undefined)
      .then((told) => {
        session.settleDefaults(told);
        return told;
      }));
  }

  /**
   * Draws the base of the view, the story or the whole case. `fresh` replaces what is drawn
   * (on a switch of view, or first load) and lays it out; otherwise the answer is merged in
   * (an as-of date updates names and in-force flags where nodes stand).
   */
  async function drawBase(answer: GraphAnswer, fresh: boolean): Promise<void> {
    const told = state.scope === 'story' ? await storyOf(answer) : undefined;
    if (told) {
      session.storyFindings = told.findings;
      graph.setStory(storyNames(answer));
      graph.draw(storyGraph(answer, told), { replace: fresh, layout: false });
    } else {
      graph.setStory(undefined);
      graph.draw(answer, { replace: fresh, layout: false });
    }
    if (fresh) for (const more of session.expanded.values()) graph.draw(more, { layout: false });
    graph.setHidden(state.hide);
    // Level of detail: the findings' nodes (and the story's lead action) are captioned from afar.
    graph.setMajor(told ? [...told.findings.flatMap((f) => f.nodeIds), told.leadAction ?? ''] : session.severeIds());
    if (fresh) graph.layout();
  }

  async function setScope(scope: ViewState['scope']): Promise<void> {
    if (scope === state.scope || !session.graphAnswer) return;
    state.scope = scope;
    x.save();
    graph.clearMarks();
    await drawBase(session.graphAnswer.answer, true);
    applyFindingMarks();
    renderToolbar();
    updateEmpty();
  }

  function renderGraphMeta(): void {
    shell.asOfChip.textContent = state.asOf ? `${t('asOf')} ${state.asOf}` : t('asOfAll');
    if (session.graphAnswer) {
      replace(shell.graphQueryBox, reproduceEl(session.graphAnswer.query, session.graphAnswer.answer));
      shell.versionEl.textContent = t('dataVersion', { v: session.graphAnswer.answer.dataVersion });
    }
  }

  async function loadGraph(): Promise<void> {
    replace(shell.graphEmpty, loadingEl());
    shell.graphEmpty.hidden = false;
    try {
      const asked = await askCaseGraph({ case: state.case, at: state.asOf });
      const first = !session.graphAnswer;
      session.graphAnswer = { answer: asked.data.caseGraph, query: asked.query };
      await drawBase(session.graphAnswer.answer, first);
      replace(shell.graphEmpty);
      updateEmpty();
      renderGraphMeta();
    } catch (error) {
      if (session.graphAnswer) {
        // A redraw for another date failed: what is drawn stays, and the error says so.
        replace(
          shell.graphEmpty,
          errorEl(error, () => void loadGraph()),
        );
        shell.graphEmpty.hidden = false;
        throw error;
      }
      replace(shell.graphEmpty);
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
      shell.viewError,
      errorEl(error, () => location.reload()),
    );
    shell.viewError.querySelector('button')?.setAttribute('data-testid', 'retry-view');
    shell.viewError.hidden = false;
  }

  const tableShown = () => state.view === 'table';
  function renderTable(): void {
    shell.tableBox.hidden = !tableShown();
    shell.graphContainer.setAttribute('aria-hidden', String(tableShown()));
    if (tableShown())
      replace(
        shell.tableBox,
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
    const key = `${present.join()}${graph.large ? ' large' : ''}`;
    if (!force && key === legendKinds) return;
    legendKinds = key;
    replace(
      shell.legendBox,
      legendEl(
        graph.getLayers(),
        (layers) => {
          graph.setLayers(layers);
          state.layers = layers;
          x.save();
        },
        present.length ? new Set(present) : undefined,
        graph.large,
      ),
    );
  }
  graph.onChange(() => {
    if (tableShown()) renderTable();
    renderLegend(false);
  });

  function showSelection(selected: Selected): void {
    const { detailsTitle, detailsBody } = shell;
    if (!selected) {
      session.redrawDetails = undefined;
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
      session.redrawDetails = draw;
    };
    draw();
  }

  function clearFocus(): void {
    state.finding = undefined;
    state.sel = undefined;
    x.save();
    graph.clearMarks();
    graph.cy.elements().unselect();
    markSevereGaps();
    refreshFindings();
    showSelection(null);
  }

  graph.onSelect((selected) => {
    state.sel = selected ? (selected.kind === 'node' ? selected.node.id : selected.edge.id) : undefined;
    x.save();
    showSelection(selected);
    renderToolbar();
  });

  return {
    updateEmpty,
    applyFindingMarks,
    storyOf,
    setScope,
    loadGraph,
    viewFailed,
    renderGraphMeta,
    tableShown,
    renderTable,
    toggleTable,
    renderLegend,
    showSelection,
    clearFocus,
    /** The toolbar to re-render when the drawing changes. */
    setToolbar(render: () => void): void {
      renderToolbar = render;
    },
  };
}
