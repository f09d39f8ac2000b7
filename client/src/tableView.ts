// What the graph shows, as tables: for screen readers, for copying, and for results too
// large to draw well. Every row can select its element.
import { h } from './dom';
import { t, tv } from './messages';
import { kindName } from './legend';
import type { GraphEdge, GraphNode } from './questions';

export function graphTables(drawn: { nodes: GraphNode[]; edges: GraphEdge[] }, onSelect?: (id: string) => void): HTMLElement {
  const byId = new Map(drawn.nodes.map((n) => [n.id, n]));
  const nameOf = (id: string) => {
    const n = byId.get(id);
    return n ? [n.nameZh, n.name].filter(Boolean).join(' · ') || id : id;
  };
  const selectButton = (id: string) => (onSelect ? h('button', { type: 'button', class: 'small', onclick: () => onSelect(id) }, t('select')) : null);
  return h(
    'div',
    { class: 'tables', dataset: { testid: 'graph-table' } },
    h(
      'table',
      {},
      h('caption', {}, `${t('tableNodes')} (${drawn.nodes.length})`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t('colKind'), t('colNameZh'), t('colNameEn'), t('colState'), ''].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        drawn.nodes.map((n) =>
          h(
            'tr',
            {},
            h('td', {}, kindName(n.label)),
            h('td', { lang: 'zh' }, n.nameZh ?? ''),
            h('td', { lang: 'en' }, n.name ?? n.id),
            h('td', {}, n.inactive ? t('stateInactive') : t('stateActive')),
            h('td', {}, selectButton(n.id)),
          ),
        ),
      ),
    ),
    h(
      'table',
      {},
      h('caption', {}, `${t('tableEdges')} (${drawn.edges.length})`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t('colFrom'), t('colLink'), t('colTo'), t('colLayer'), ''].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        drawn.edges.map((e) =>
          h(
            'tr',
            {},
            h('td', {}, nameOf(e.source)),
            h('td', {}, tv('relations', e.type)),
            h('td', {}, nameOf(e.target)),
            h('td', {}, tv('layerNames', e.layer)),
            h('td', {}, selectButton(e.id)),
          ),
        ),
      ),
    ),
  );
}
