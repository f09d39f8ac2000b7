// Explore: search by name (Chinese, English, former names, pinyin) and add what you find.
import type { Explorer } from '../context';
import { h, replace } from '../dom';
import { t } from '../messages';
import { kindName } from '../legend';
import { nameEl, refName } from '../names';
import { askSearch, type SearchAnswer } from '../questions';
import { reproduceEl } from '../reproduce';
import { emptyEl, errorEl, loadingEl } from '../status';

export function explorePanel(x: Explorer): { el: HTMLElement; refresh(): void; focus(): void } {
  const title = h('h2', {});
  const label = h('label', { for: 'explore-search' });
  const input = h('input', { type: 'search', id: 'explore-search', autocomplete: 'off', dataset: { testid: 'explore-search' } });
  const hint = h('p', { class: 'meta' });
  const body = h('div', { class: 'explore-body', 'aria-live': 'polite' });
  let last: { answer: SearchAnswer; query: string } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  const render = () => {
    title.textContent = t('exploreTitle');
    label.textContent = t('exploreSearch');
    hint.textContent = t('exploreHint');
    if (!last) return;
    const { answer, query } = last;
    if (!answer.hits.length) return replace(body, emptyEl(t('exploreNoHits', { text: answer.text })), reproduceEl(query, answer));
    replace(
      body,
      h(
        'ul',
        { class: 'hits', dataset: { testid: 'hits' } },
        answer.hits.map((hit) =>
          h(
            'li',
            { dataset: { id: hit.node.id } },
            h(
              'button',
              { type: 'button', class: 'hit', onclick: () => void x.expand(hit.node.id) },
              h('span', { class: 'badge kind' }, kindName(hit.node.label)),
              ' ',
              nameEl(hit.node),
            ),
            hit.matched ? h('span', { class: 'meta' }, ` ${t('matchedAs', { m: hit.matched })}`) : null,
            hit.successor
              ? h(
                  'span',
                  { class: 'meta successor', dataset: { successor: hit.successor.id } },
                  ` · ${t('nowCalled', { name: refName(hit.successor) })}`,
                )
              : null,
          ),
        ),
      ),
      reproduceEl(query, answer),
    );
  };

  const search = async () => {
    const text = input.value.trim();
    if (!text) return replace(body);
    const mine = ++asked;
    replace(body, loadingEl());
    try {
      const result = await askSearch({ text, limit: 25 });
      if (mine !== asked) return;
      last = { answer: result.data.search, query: result.query };
      render();
    } catch (error) {
      if (mine === asked)
        replace(
          body,
          errorEl(error, () => void search()),
        );
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(), 250);
  });
  render();
  return { el: h('section', { class: 'panel-explore' }, title, label, input, hint, body), refresh: render, focus: () => input.focus() };
}
