// The details of a selected node or link: its names, properties and evidence, and what
// can be done with it (expand, hide, pin, explain).
import { isLabel, NODE_TYPES } from '../generated/model';
import { explainCard } from '../explainCard';
import type { Explorer } from '../context';
import { h, replace } from '../dom';
import { evidenceList } from '../evidenceList';
import { t, tv } from '../messages';
import { propertyName, valueInWords } from '../prose';
import { kindName } from '../legend';
import { nameEl, namePair } from '../names';
import { picker } from '../picker';
import { askExplain, askNodeEvidence, askSources, type Evidence, type GraphEdge, type GraphNode } from '../questions';
import { reproduceEl } from '../reproduce';
import { errorEl, loadingEl } from '../status';
import { entityField } from '../entityApi';

function propertiesTable(properties: Record<string, unknown> | null | undefined): HTMLElement | null {
  const rows = Object.entries(properties ?? {}).filter(
    ([k, v]) => v !== null && v !== undefined && v !== '' && k !== 'citations' && k !== 'sourceIds',
  );
  if (!rows.length) return null;
  return h(
    'details',
    { class: 'properties' },
    h('summary', {}, t('properties')),
    h(
      'table',
      {},
      h(
        'tbody',
        {},
        rows.map(([k, v]) =>
          h('tr', {}, h('th', { scope: 'row' }, propertyName(k)), h('td', { lang: /Zh$/.test(k) ? 'zh' : undefined }, valueInWords(k, v))),
        ),
      ),
    ),
  );
}

/** What an editor's assertion without a source shows in place of evidence. */
const unsourcedEvidence = (): Evidence[] => [
  {
    unsourced: true,
    quote: null,
    quoteZh: null,
    quoteEn: null,
    locator: null,
    source: { id: '', title: '—', titleEn: null, outlet: t('evidenceUnsourced'), author: null, publishedAt: null, url: null, kind: null },
  },
];

/** Evidence of a node from the entity API (`<plural> { evidenceConnection }`). */
async function nodeEvidence(node: GraphNode): Promise<{ evidence: Evidence[]; query?: string }> {
  if (!isLabel(node.label) || !NODE_TYPES[node.label].cited) return { evidence: [] };
  const field = entityField(node.label);
  const asked = await askNodeEvidence(field, node.id);
  const found = asked.data[field]?.[0];
  const evidence = (found?.evidenceConnection.edges ?? []).map((edge): Evidence => ({
    quote: edge.properties.quote ?? null,
    quoteZh: edge.properties.quoteZh ?? null,
    quoteEn: null,
    locator: edge.properties.locator ?? null,
    unsourced: false,
    source: edge.node,
  }));
  if (!evidence.length && node.unsourced) {
    return { evidence: unsourcedEvidence(), query: asked.query };
  }
  return { evidence, query: asked.query };
}

/** Citations a link carries in its own properties (cited relations: `citations`, a list or JSON text). */
async function edgeEvidence(edge: GraphEdge): Promise<{ evidence: Evidence[]; query?: string }> {
  const p = edge.properties ?? {};
  let citations: { source?: string; quoteZh?: string; quote?: string; locator?: string }[];
  try {
    citations = typeof p.citations === 'string' ? JSON.parse(p.citations) : Array.isArray(p.citations) ? p.citations : [];
  } catch {
    citations = [];
  }
  const ids = [...new Set(citations.map((c) => c.source).filter((s): s is string => Boolean(s)))];
  if (!ids.length) return { evidence: p.unsourced ? unsourcedEvidence() : [] };
  const asked = await askSources(ids);
  const byId = new Map(asked.data.sources.map((s) => [s.id, s]));
  return {
    evidence: citations
      .filter((c) => c.source && byId.has(c.source))
      .map((c): Evidence => ({
        quoteZh: c.quoteZh ?? null,
        quote: c.quote ?? null,
        quoteEn: null,
        locator: c.locator ?? null,
        unsourced: false,
        source: byId.get(c.source!)!,
      })),
    query: asked.query,
  };
}

function evidenceBlock(load: () => Promise<{ evidence: Evidence[]; query?: string }>): HTMLElement {
  const box = h('div', { class: 'evidence-block' }, loadingEl());
  const run = () =>
    load().then(
      ({ evidence, query }) => replace(box, evidenceList(evidence), query ? reproduceEl(query) : null),
      (error) => replace(box, errorEl(error, run)),
    );
  void run();
  return box;
}

export function nodeDetails(x: Explorer, node: GraphNode, rerender: () => void): HTMLElement {
  const pinned = x.graph.pinnedIds().includes(node.id);
  const explainBox = h('div', { class: 'explain-box' });
  let explainForm: HTMLElement | null = null;
  if (node.label === 'Body' || node.label === 'Person') {
    const power = picker({ label: () => t('explainPower'), items: () => x.powers(), testid: 'explain-power' });
    void x.defaultsReady().then((d) => power.set(x.state.power ?? d.power ?? ''));
    const dateInput = h('input', {
      type: 'date',
      id: `explain-at-${node.id}`,
      value: x.state.asOf ?? x.state.at ?? x.defaults().at ?? '',
      dataset: { testid: 'explain-at' },
    });
    explainForm = h(
      'form',
      {
        class: 'explain',
        onsubmit: async (ev: Event) => {
          ev.preventDefault();
          const powerId = power.value();
          if (!powerId) return;
          replace(explainBox, loadingEl());
          try {
            const asked = await askExplain({ body: node.id, power: powerId, at: dateInput.value || undefined });
            const card = explainCard(x, asked.data.explain, asked.query);
            x.markAnswer(card.ids);
            replace(explainBox, card.el);
          } catch (error) {
            replace(explainBox, errorEl(error));
          }
        },
      },
      power.el,
      h('div', { class: 'field' }, h('label', { for: dateInput.id }, t('askDate')), dateInput),
      h('button', { type: 'submit', class: 'small', dataset: { testid: 'explain-submit' } }, t('explainButton')),
    );
  }
  return h(
    'article',
    { class: 'selection', dataset: { testid: 'node-details' } },
    h(
      'p',
      { class: 'kind' },
      h('span', { class: 'badge kind' }, kindName(node.label)),
      node.inactive ? h('span', { class: 'badge inactive' }, t('stateInactive')) : null,
    ),
    h('h2', {}, nameEl(node)),
    h(
      'div',
      { class: 'row actions', role: 'group', 'aria-label': t('nodeActions') },
      h('button', { type: 'button', class: 'small', dataset: { testid: 'expand' }, onclick: () => void x.expand(node.id) }, t('expand')),
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          dataset: { testid: 'hide' },
          onclick: () => {
            x.state.hide = [...new Set([...x.state.hide, node.id])];
            x.graph.hide(node.id);
            x.save();
            rerender();
          },
        },
        t('hide'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          dataset: { testid: 'pin' },
          onclick: () => {
            x.graph.togglePin(node.id);
            rerender();
          },
        },
        pinned ? t('unpin') : t('pin'),
      ),
    ),
    explainForm,
    explainBox,
    propertiesTable(node.properties),
    h('h3', {}, t('evidenceTitle')),
    evidenceBlock(() => nodeEvidence(node)),
  );
}

export function edgeDetails(x: Explorer, edge: GraphEdge, source?: GraphNode, target?: GraphNode): HTMLElement {
  const ends = [source, target].filter((n): n is GraphNode => Boolean(n));
  return h(
    'article',
    { class: 'selection', dataset: { testid: 'edge-details' } },
    h(
      'p',
      { class: 'kind' },
      h('span', { class: 'badge kind' }, tv('relations', edge.type)),
      ' ',
      h('span', { class: 'meta' }, tv('layerNames', edge.layer)),
    ),
    h('h2', {}, source ? nameEl(source) : edge.source, ' → ', target ? nameEl(target) : edge.target),
    propertiesTable(edge.properties),
    h('h3', {}, t('evidenceTitle')),
    evidenceBlock(async () => {
      const own = await edgeEvidence(edge);
      return own;
    }),
    h('p', { class: 'meta' }, t('evidenceEdgeFromNodes')),
    ends.map((n) =>
      h(
        'section',
        {},
        h('h4', {}, namePair(n)[0]),
        evidenceBlock(() => nodeEvidence(n)),
      ),
    ),
    h('button', { type: 'button', class: 'link', onclick: () => x.graph.select(edge.source) }, namePair(source ?? { id: edge.source })[0]),
  );
}
