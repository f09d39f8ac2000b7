// Quotes with their source: Chinese verbatim, English gist, outlet, date, link.
import { h } from './dom';
import { t } from './messages';
import type { Evidence } from './questions';
import { dateInWords } from './prose';

export function evidenceList(items: Evidence[]): HTMLElement {
  if (!items.length) return h('p', { class: 'state state-empty' }, t('evidenceNone'));
  return h('ol', { class: 'evidence', dataset: { testid: 'evidence' } }, items.map(evidenceItem));
}

function evidenceItem(e: Evidence): HTMLElement {
  const zh = e.quoteZh ?? (/[\u4e00-\u9fff]/.test(e.quote ?? '') ? e.quote : undefined);
  const en = e.quoteEn ?? (e.quote && e.quote !== zh ? e.quote : undefined);
  const s = e.source;
  return h(
    'li',
    { class: e.unsourced ? 'unsourced' : '' },
    e.unsourced ? h('p', { class: 'badge' }, t('evidenceUnsourced')) : null,
    zh ? h('blockquote', { lang: 'zh' }, zh) : null,
    en ? h('blockquote', { lang: 'en', class: 'gist' }, en) : null,
    h(
      'p',
      { class: 'cite' },
      h('span', { class: 'outlet' }, s.outlet),
      s.publishedAt ? ` · ${dateInWords(s.publishedAt)}` : '',
      e.locator ? ` · ${t('evidenceLocator', { where: e.locator })}` : '',
      h('br'),
      s.url ? h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title) : h('span', {}, s.title),
      s.titleEn ? h('span', { class: 'name-other' }, s.titleEn) : null,
    ),
  );
}
