// Compare: who holds a power in several places, side by side.
import type { Explorer } from '../context';
import { basisBadge } from '../basis';
import { h, replace } from '../dom';
import { t, tv } from '../messages';
import { nameEl, namePair } from '../names';
import { picker } from '../picker';
import { conditionSentence } from '../prose';
import { askCompare, type CompareAnswer, type NamedItem } from '../questions';
import { incompleteEl, reproduceEl } from '../reproduce';
import { errorEl, loadingEl } from '../status';

export function comparePanel(x: Explorer): { el: HTMLElement; refresh(): void } {
  const title = h('h2', {});
  const power = picker({ label: () => t('askPower'), items: () => x.powers(), testid: 'compare-power' });
  const placesLegend = h('legend', {});
  const placeBoxes = h('div', { class: 'place-boxes' });
  const atLabel = h('label', { for: 'compare-at' });
  const atInput = h('input', { type: 'date', id: 'compare-at', value: x.state.at ?? '' });
  const submit = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'compare-submit' } });
  const body = h('div', { class: 'compare-body', 'aria-live': 'polite' });
  let last: { answer: CompareAnswer; query: string } | undefined;

  const drawPlaces = async () => {
    // The places to set side by side: those of the level with the most places in the data
    // (the provinces of one country, the states of a federation…), unless the link names some.
    const all = await x.places();
    const counts = new Map<string, number>();
    for (const p of all) if (p.level) counts.set(p.level, (counts.get(p.level) ?? 0) + 1);
    const level = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    // By default the first four peers: those drawn in the case's graph first, then by id, so
    // the same data always offers the same places (the list's own order is the database's).
    const drawn = (p: NamedItem) => (x.graph.has(p.id) ? 0 : 1);
    const peers = all.filter((p) => p.level === level).sort((a, b) => drawn(a) - drawn(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const chosen = new Set(x.state.places ?? peers.slice(0, 4).map((p) => p.id));
    const provinces = all.filter((p) => p.level === level || chosen.has(p.id));
    replace(
      placeBoxes,
      provinces.map((p) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: p.id, checked: chosen.has(p.id) }), ' ', nameEl(p))),
    );
  };

  const render = () => {
    title.textContent = t('compareTitle');
    placesLegend.textContent = t('comparePlaces');
    atLabel.textContent = t('askDate');
    submit.textContent = t('compareButton');
    power.refresh();
    if (!last) return;
    const { answer, query } = last;
    replace(
      body,
      h(
        'table',
        { class: 'compare', dataset: { testid: 'compare-table' } },
        h('caption', {}, namePair(answer.power).filter(Boolean).join(' · '), ` · ${t('asOfAnswer', { date: answer.at })}`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('comparePlace')), h('th', { scope: 'col' }, t('compareHolders')))),
        h(
          'tbody',
          {},
          answer.rows.map((row) =>
            h(
              'tr',
              { dataset: { place: row.place.id } },
              h('th', { scope: 'row' }, nameEl(row.place)),
              h(
                'td',
                {},
                row.holders.length
                  ? h(
                      'ul',
                      {},
                      row.holders.map((hd) =>
                        h(
                          'li',
                          {},
                          nameEl(hd.body),
                          ' ',
                          h('span', { class: 'badge modality' }, tv('modalityShort', hd.modality)),
                          ' ',
                          h('span', { class: 'via' }, tv('cardHolderVia', hd.via)),
                          ' ',
                          basisBadge(hd.basis),
                          hd.conditions.length
                            ? h('span', { class: 'meta' }, ` · ${t('cardConditions')}: ${hd.conditions.map((c) => conditionSentence(c)).join('; ')}`)
                            : null,
                          hd.chain.length
                            ? h(
                                'button',
                                {
                                  type: 'button',
                                  class: 'link',
                                  onclick: () =>
                                    x.showEvidence(
                                      namePair(hd.body)[0],
                                      hd.chain.flatMap((s) => s.evidence),
                                    ),
                                },
                                t('evidenceTitle'),
                              )
                            : null,
                        ),
                      ),
                    )
                  : h('span', { class: 'state-empty' }, t('compareNoHolder')),
              ),
            ),
          ),
        ),
      ),
      incompleteEl(answer),
      reproduceEl(query, answer),
    );
  };

  /** The default power and date, set once the story's defaults are known (see below). */
  const defaultsSet = x.state.power
    ? power.set(x.state.power)
    : x.defaultsReady().then((d) => {
        if (!atInput.value && d.at) atInput.value = d.at;
        return power.set(d.power);
      });

  const run = async () => {
    // A click before the defaults arrive would otherwise ask for today with no power.
    await defaultsSet.catch(() => undefined);
    const powerId = power.value();
    if (!powerId) return replace(body, h('p', { class: 'state state-error', role: 'alert' }, t('askNeedPower')));
    const places = [...placeBoxes.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    x.state.places = places;
    x.save();
    replace(body, loadingEl());
    try {
      const asked = await askCompare({ power: powerId, places, at: atInput.value || undefined });
      last = { answer: asked.data.compare, query: asked.query };
      render();
      x.markAnswer(last.answer.rows.flatMap((r) => r.holders.map((hd) => hd.body.id)));
    } catch (error) {
      replace(
        body,
        errorEl(error, () => void run()),
      );
    }
  };

  const form = h(
    'form',
    {
      class: 'compare-form',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        void run();
      },
    },
    power.el,
    h('fieldset', {}, placesLegend, placeBoxes),
    h('div', { class: 'field' }, atLabel, atInput),
    submit,
  );
  void drawPlaces();
  render();
  return {
    el: h('section', { class: 'panel-compare' }, title, form, body),
    refresh: () => {
      render();
      void drawPlaces();
    },
  };
}
