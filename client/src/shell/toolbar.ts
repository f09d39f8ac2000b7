// The graph's toolbar (view, date, fit, layout, clear, table, exports) and the figures it
// exports: the drawing with a title, the case, the date, the band headings, a legend of what
// is shown, the data version and a source line.
import { download, h, replace } from '../dom';
import { figurePng, figureSvg, type FigureParts } from '../figure';
import type { GraphView } from '../graphView';
import { BAND_LOOKS } from '../graphStyle';
import { kindName } from '../legend';
import { t, tv } from '../messages';
import { pick } from '../names';
import type { ViewState } from '../viewState';
import type { Session } from './session';
import type { Shell } from './shell';

export interface ToolbarActions {
  setScope(scope: ViewState['scope']): Promise<void>;
  clearFocus(): void;
  toggleTable(): void;
  tableShown(): boolean;
}

export function toolbar(shell: Shell, session: Session, graph: GraphView, actions: ToolbarActions) {
  const { state } = session;

  /** What the figure is of: the chosen finding, the answer asked, or the story of the case. */
  function figureSubtitle(): string {
    const { currentCase, findings } = session;
    const c = currentCase ? pick(currentCase.title, currentCase.titleZh) : state.case;
    const focus = findings.find((f) => f.id === state.finding);
    const what = focus
      ? pick(focus.title, focus.titleZh)
      : graph.markedIds('answer').length && state.q
        ? (shell.detailsBody.querySelector('.card h2')?.textContent ?? '')
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
        (session.graphAnswer?.answer.nodes ?? [])
          .filter((n) => n.label === 'Source')
          .map((n) => String(n.properties?.outlet ?? n.name ?? ''))
          .filter(Boolean),
      ),
    ];
    const shown = outlets.slice(0, 10).join('; ');
    return t('figureSources', { sources: outlets.length > 10 ? `${shown} ${t('andMore', { n: outlets.length - 10 })}` : shown || '—' });
  }

  async function exportFigure(kind: 'png' | 'svg'): Promise<void> {
    const titles = {
      law: [t('bandLaw'), t('bandLawSub')],
      fact: [t('bandFact'), t('bandFactSub')],
      says: [t('bandSays'), t('bandSaysSub')],
    } as const;
    const present = new Set(graph.cy.nodes(':visible').map((n) => n.data('label') as string));
    const { currentCase, graphAnswer } = session;
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
      solidLinks: graph.large,
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

  function render(): void {
    const { graphAnswer } = session;
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
          onclick: () => void actions.setScope(scope),
        },
        label,
      );
    replace(
      shell.toolbar,
      h(
        'span',
        { class: 'scope', role: 'group', 'aria-label': t('scopeLabel') },
        scopeButton('story', t('scopeStory'), t('scopeStoryHint')),
        scopeButton('whole', t('scopeWhole', { n: graphAnswer?.answer.nodes.length ?? '…' })),
      ),
      shell.asOfChip,
      button(t('fit'), 'fit', () => graph.fit()),
      button(t('relayout'), 'relayout', () => graph.layout(true)),
      button(t('clearFocus'), 'clear', actions.clearFocus),
      graph.hiddenIds().length
        ? button(`${t('showHidden')} (${graph.hiddenIds().length})`, 'show-hidden', () => {
            graph.showAll();
            state.hide = [];
            session.save();
            render();
          })
        : null,
      button(actions.tableShown() ? t('graphView') : t('tableView'), 'table-toggle', actions.toggleTable, {
        'aria-pressed': String(actions.tableShown()),
      }),
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

  return { render };
}
