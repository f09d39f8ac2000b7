// The explorer object the panels use (context.ts): the details column, the focus on a finding
// or an answer, the as-of date and "expand". It reaches the panels only once main.ts has
// attached them, after it built them with this object.
import { citeEl } from '../citation';
import type { Explorer } from '../context';
import { h, replace } from '../dom';
import { evidenceList } from '../evidenceList';
import type { GraphView } from '../graphView';
import { t, tv } from '../messages';
import { nameEl, pick } from '../names';
import { askNeighborhood, type Evidence } from '../questions';
import { reproduceEl } from '../reproduce';
import { errorEl, loadingEl } from '../status';
import { graphTables } from '../tableView';
import type { Session } from './session';
import type { Shell } from './shell';

/** More nodes than this are offered as a table before they are drawn. */
const DRAW_LIMIT = 150;

/** What the explorer object calls on the rest of the page, attached once the panels exist. */
export interface PageParts {
  refreshFindings(): void;
  syncAsOf(): void;
  loadGraph(): Promise<void>;
  updateEmpty(): void;
  /** Brings an arrived answer into view (on a phone, the details take the screen). */
  reveal(): void;
}

export function createExplorer(session: Session, shell: Shell, graph: GraphView): { x: Explorer; attach(parts: PageParts): void } {
  const { state } = session;
  let page: PageParts | undefined;
  const parts = (): PageParts => {
    if (!page) throw new Error('The explorer was used before its panels were attached (main.ts start order).');
    return page;
  };
  const { detailsTitle, detailsBody } = shell;

  const x: Explorer = {
    state,
    graph,
    powers: () =>
      session
        .loadLists()
        .then((l) => l.powers)
        .catch(() => []),
    places: () =>
      session
        .loadLists()
        .then((l) => l.places)
        .catch(() => []),
    caseInfo: () => session.currentCase,
    defaults: () => session.defaults,
    defaultsReady: () => session.defaultsReady,
    cite: (question, date, evidence) =>
      citeEl(() => ({
        question,
        date,
        evidence,
        link: (x.save(), location.href),
        caseTitle: session.currentCase ? pick(session.currentCase.title, session.currentCase.titleZh) : state.case,
        dataVersion: session.graphAnswer?.answer.dataVersion,
      })),
    save: () => session.save(),
    showDetails(title, content) {
      detailsTitle.textContent = title;
      replace(detailsBody, content);
      session.redrawDetails = undefined;
      if (!content.classList.contains('state-loading')) parts().reveal();
    },
    focusFinding(finding, opts = {}) {
      state.finding = finding.id;
      state.sel = undefined;
      x.save();
      graph.clearMarks();
      // In the story view a finding may concern nodes not drawn yet: add them from the case graph.
      const missing = new Set(finding.nodeIds.filter((id) => !graph.has(id)));
      const { graphAnswer } = session;
      if (missing.size && graphAnswer)
        graph.draw({ nodes: graphAnswer.answer.nodes.filter((n) => missing.has(n.id)), edges: graphAnswer.answer.edges });
      graph.mark(finding.nodeIds, 'gap', { fade: true });
      graph.fit(finding.nodeIds);
      parts().refreshFindings();
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
        session.redrawDetails = draw;
      };
      if (opts.select !== false) draw();
    },
    showEvidence(title, evidence: Evidence[], extra?: HTMLElement) {
      const draw = () => {
        detailsTitle.textContent = t('evidenceFor', { what: title });
        replace(detailsBody, h('article', { class: 'evidence-details' }, extra, evidenceList(evidence)));
        session.redrawDetails = draw;
      };
      draw();
    },
    async setAsOf(date) {
      state.asOf = date;
      x.save();
      parts().syncAsOf();
      await parts()
        .loadGraph()
        .catch(() => {
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
          session.expanded.set(id, answer);
          graph.draw(answer);
          if (!state.expand.includes(id)) state.expand.push(id);
          x.save();
          graph.mark([id, ...answer.nodes.map((n) => n.id)], 'answer');
          graph.select(id);
          graph.fit([id, ...answer.nodes.map((n) => n.id)]);
          parts().updateEmpty();
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
      const inFinding = session.findings.find((f) => f.id === state.finding);
      if (inFinding) graph.mark(inFinding.nodeIds, 'gap');
      graph.fit(graph.markedIds('answer'));
      return n;
    },
  };
  return {
    x,
    attach(p) {
      page = p;
    },
  };
}
