// The page's parts, built once and empty: the header, the introduction, the panels' tabs, the
// graph with its toolbar, zoom buttons and legend, the details column, the footer and the
// phone's tab bar. Other modules fill them; none of them holds state.
import { h } from '../dom';

export type PhoneView = 'findings' | 'graph' | 'ask' | 'details';
export const PHONE_VIEWS: PhoneView[] = ['findings', 'graph', 'ask', 'details'];

export function buildShell(app: HTMLElement) {
  app.className = 'explorer';
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
  const zoomButton = (testid: string, text: string) => h('button', { type: 'button', class: 'zoom-button', dataset: { testid } }, text);
  const zoomIn = zoomButton('zoom-in', '+');
  const zoomOut = zoomButton('zoom-out', '−');
  const zoomFit = zoomButton('zoom-fit', '⤢');
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

  const detailsTitle = h('h2', { class: 'details-title', id: 'details-title' });
  const detailsBody = h('div', { class: 'details-body', 'aria-live': 'polite', dataset: { testid: 'details' } });
  const details = h('aside', { class: 'details', 'aria-labelledby': 'details-title' }, detailsTitle, detailsBody);

  const footer = h('footer', { class: 'bottom' });

  // On a phone the four parts take turns on one screen, chosen from a tab bar at the bottom.
  const phoneButtons = new Map<PhoneView, HTMLButtonElement>();
  const phoneTabs = h('nav', { class: 'phone-tabs', dataset: { testid: 'phone-tabs' } });
  for (const view of PHONE_VIEWS) {
    const button = h('button', { type: 'button', dataset: { testid: `phone-${view}` } });
    phoneButtons.set(view, button);
    phoneTabs.append(button);
  }

  app.append(header, intro, h('main', { class: 'layout' }, nav, graphArea, details), footer, phoneTabs);
  return {
    app,
    brand,
    caseTitle,
    casePickerLabel,
    casePicker,
    versionEl,
    copyLinkButton,
    langButton,
    intro,
    introTitle,
    introText,
    introSummary,
    introMore,
    introToggle,
    tabList,
    panelsBox,
    nav,
    graphContainer,
    graphEmpty,
    tableBox,
    asOfChip,
    toolbar,
    graphQueryBox,
    legendBox,
    viewError,
    zoomIn,
    zoomOut,
    zoomFit,
    zoomControls,
    detailsTitle,
    detailsBody,
    details,
    footer,
    phoneButtons,
    phoneTabs,
  };
}

export type Shell = ReturnType<typeof buildShell>;
