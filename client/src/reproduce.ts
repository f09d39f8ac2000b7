// "Query behind this answer": the exact document sent, copyable, openable in GraphiQL,
// with the data version and the time it was computed.
import { h } from './dom';
import { t } from './messages';

export interface Versioned {
  dataVersion: number;
  computedAt: string;
  incomplete?: boolean;
}

export function reproduceEl(query: string, version?: Versioned): HTMLElement {
  const copyButton = h('button', { type: 'button', class: 'small' }, t('copy'));
  copyButton.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(query);
    } catch {
      // Clipboard refused (no permission): select the text so the user can copy it.
      const sel = getSelection();
      sel?.selectAllChildren(pre);
    }
    copyButton.textContent = t('copied');
    setTimeout(() => (copyButton.textContent = t('copy')), 1500);
  });
  const pre = h('pre', { class: 'query', tabindex: 0 }, query);
  return h(
    'details',
    { class: 'reproduce', dataset: { testid: 'reproduce' } },
    h('summary', {}, t('reproduce'), version ? h('span', { class: 'version' }, ` · ${t('dataVersion', { v: version.dataVersion })}`) : null),
    version ? h('p', { class: 'meta' }, t('computedOn', { at: version.computedAt, v: version.dataVersion })) : null,
    pre,
    h(
      'div',
      { class: 'row' },
      copyButton,
      h('a', { href: `/graphiql?query=${encodeURIComponent(query)}`, target: '_blank', rel: 'noopener', class: 'button small' }, t('openGraphiql')),
    ),
  );
}

export function incompleteEl(version: Versioned): HTMLElement | null {
  return version.incomplete ? h('p', { class: 'warning', role: 'note' }, t('incomplete')) : null;
}
