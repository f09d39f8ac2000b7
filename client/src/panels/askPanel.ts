// Ask: "Who can [power] in [place] on [date]?", "Who did?", "Who says?".
import { whoCanCard, whoDidCard, whoSaysCard, type Card } from '../answerCards';
import type { Explorer } from '../context';
import { h, replace } from '../dom';
import { t } from '../messages';
import { namePair } from '../names';
import { picker } from '../picker';
import { askWhoCan, askWhoDid, askWhoSays } from '../questions';
import { errorEl, loadingEl } from '../status';

type Question = 'whoCan' | 'whoDid' | 'whoSays';

export function askPanel(x: Explorer): { el: HTMLElement; refresh(): void; run(): Promise<void> } {
  let question: Question = x.state.q ?? 'whoCan';
  const power = picker({ label: () => t('askPower'), items: () => x.powers(), testid: 'pick-power' });
  const place = picker({ label: () => t('askPlace'), items: () => x.places(), testid: 'pick-place' });
  const dateInput = h('input', { type: 'date', id: 'ask-at', value: x.state.at ?? '', dataset: { testid: 'ask-at' } });
  const fromInput = h('input', { type: 'date', id: 'ask-from', value: x.state.from ?? '' });
  const toInput = h('input', { type: 'date', id: 'ask-to', value: x.state.to ?? '' });
  const dateLabel = h('label', { for: 'ask-at' });
  const fromLabel = h('label', { for: 'ask-from' });
  const toLabel = h('label', { for: 'ask-to' });
  const dateField = h('div', { class: 'field' }, dateLabel, dateInput);
  const rangeField = h('div', { class: 'field range' }, h('div', {}, fromLabel, fromInput), h('div', {}, toLabel, toInput));
  const status = h('div', { class: 'ask-status' });
  const submit = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'ask-submit' } });
  const choices = (['whoCan', 'whoDid', 'whoSays'] as const).map((q) =>
    h(
      'label',
      { class: 'segment' },
      h('input', {
        type: 'radio',
        name: 'question',
        value: q,
        checked: q === question,
        onchange: () => {
          question = q;
          layout();
        },
      }),
      h('span', {}),
    ),
  );

  const layout = () => {
    const labels = { whoCan: t('askWhoCan'), whoDid: t('askWhoDid'), whoSays: t('askWhoSays') };
    choices.forEach((c, i) => (c.querySelector('span')!.textContent = labels[(['whoCan', 'whoDid', 'whoSays'] as const)[i]]));
    dateField.hidden = question !== 'whoCan';
    rangeField.hidden = question !== 'whoDid';
    place.el.hidden = question === 'whoSays';
    dateLabel.textContent = t('askDate');
    fromLabel.textContent = t('askFrom');
    toLabel.textContent = t('askTo');
    submit.textContent = pending ? t('stillWorking') : t('askButton');
    power.refresh();
    place.refresh();
  };

  let pending = false;
  const setPending = (on: boolean) => {
    pending = on;
    submit.disabled = on;
    submit.setAttribute('aria-busy', String(on));
    submit.textContent = on ? t('stillWorking') : t('askButton');
  };

  const run = async () => {
    if (pending) return;
    await ready;
    const powerId = power.value();
    if (!powerId) {
      replace(status, h('p', { class: 'state state-error', role: 'alert' }, t('askNeedPower')));
      return;
    }
    const placeId = question === 'whoSays' ? undefined : place.value();
    Object.assign(x.state, {
      q: question,
      power: powerId,
      place: placeId,
      at: question === 'whoCan' ? dateInput.value || undefined : undefined,
      from: question === 'whoDid' ? fromInput.value || undefined : undefined,
      to: question === 'whoDid' ? toInput.value || undefined : undefined,
    });
    x.save();
    replace(status);
    setPending(true);
    x.showDetails(t('tabAsk'), loadingEl());
    const powerName = namePair((await x.powers()).find((p) => p.id === powerId) ?? { id: powerId })[0];
    const placeName = placeId ? namePair((await x.places()).find((p) => p.id === placeId) ?? { id: placeId })[0] : '—';
    try {
      let card: Card;
      let failed: Record<string, unknown> = {};
      if (question === 'whoCan') {
        const asked = await askWhoCan({ power: powerId, place: placeId, at: x.state.at, case: x.state.case });
        failed = asked.failed ?? {};
        card = whoCanCard(x, asked.data, asked.query, t('askWhoCanSentence', { power: powerName, place: placeName, date: x.state.at ?? '' }));
      } else if (question === 'whoDid') {
        const asked = await askWhoDid({ power: powerId, place: placeId, from: x.state.from, to: x.state.to, case: x.state.case });
        failed = asked.failed ?? {};
        card = whoDidCard(x, asked.data, asked.query, `${t('askWhoDid')} ${powerName} · ${placeName}`);
      } else {
        const asked = await askWhoSays({ power: powerId, case: x.state.case });
        failed = asked.failed ?? {};
        card = whoSaysCard(x, asked.data, asked.query, `${t('askWhoSays')} ${powerName}`);
      }
      // A part that failed (e.g. the findings) is said so; the rest of the card stands.
      for (const [part, error] of Object.entries(failed)) card.el.append(h('div', { class: 'card-section' }, h('h3', {}, part), errorEl(error)));
      const heading = card.el.querySelector('h2')?.textContent ?? '';
      card.el.insertBefore(
        x.cite(heading, question === 'whoCan' ? x.state.at : undefined, card.evidence),
        card.el.querySelector('[data-testid=reproduce]'),
      );
      const marked = x.markAnswer(card.ids);
      card.el.insertBefore(
        h('p', { class: 'meta highlighted', dataset: { testid: 'highlight-count' } }, t('highlighted', { n: marked })),
        card.el.children[1] ?? null,
      );
      x.showDetails(t('tabAsk'), card.el);
    } catch (error) {
      x.showDetails(
        t('tabAsk'),
        errorEl(error, () => void run()),
      );
    } finally {
      setPending(false);
    }
  };

  const form = h(
    'form',
    {
      class: 'ask',
      'aria-label': t('tabAsk'),
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        void run();
      },
    },
    h('fieldset', { class: 'segments' }, choices),
    power.el,
    place.el,
    dateField,
    rangeField,
    submit,
    status,
  );
  // A permalink names its question; otherwise the case's own story suggests one.
  const ready = x.state.power
    ? Promise.all([power.set(x.state.power), place.set(x.state.place)])
    : x.defaultsReady().then((d) => {
        if (!dateInput.value && d.at) dateInput.value = d.at;
        return Promise.all([power.set(d.power), place.set(d.place)]);
      });
  layout();
  return { el: form, refresh: layout, run };
}
