// Time: the case's events in order, and the "as of" date the graph is drawn for.
import type { Explorer } from '../context';
import { h, replace } from '../dom';
import { t, tv } from '../messages';
import { nameEl, pick } from '../names';
import { dateInWords, lastDayOf } from '../prose';
import { askTimeline, type TimelineAnswer } from '../questions';
import { incompleteEl, reproduceEl } from '../reproduce';
import { emptyEl, errorEl, loadingEl } from '../status';

export function timePanel(x: Explorer): { el: HTMLElement; load(): Promise<void>; refresh(): void; syncAsOf(): void } {
  const title = h('h2', {});
  const asOfLabel = h('label', { for: 'as-of' });
  const asOfInput = h('input', { type: 'date', id: 'as-of', value: x.state.asOf ?? '', dataset: { testid: 'as-of' } });
  const slider = h('input', { type: 'range', min: '0', max: '0', value: '0', 'aria-label': 'as-of slider', class: 'as-of-slider' });
  const allButton = h('button', { type: 'button', class: 'small', onclick: () => void x.setAsOf(undefined) });
  const hint = h('p', { class: 'meta' });
  const hideLabel = h('span', {});
  const hideBox = h('input', { type: 'checkbox', onchange: () => x.graph.setHideInactive(hideBox.checked) });
  const body = h('div', { class: 'timeline-body' });
  let last: { answer: TimelineAnswer; query: string } | undefined;
  let dates: string[] = [];

  asOfInput.addEventListener('change', () => void x.setAsOf(asOfInput.value || undefined));
  slider.addEventListener('change', () => void x.setAsOf(dates[Number(slider.value)]));

  const render = () => {
    title.textContent = t('timeTitle');
    asOfLabel.textContent = t('asOf');
    allButton.textContent = t('asOfAll');
    hint.textContent = t('asOfHint');
    hideLabel.textContent = t('hideInactive');
    if (!last) return;
    const events = last.answer.events;
    if (!events.length) return replace(body, emptyEl(t('timelineNone')), reproduceEl(last.query, last.answer));
    replace(
      body,
      h(
        'ol',
        { class: 'timeline', dataset: { testid: 'timeline' } },
        events.map((e) =>
          h(
            'li',
            { class: `event kind-${e.kind}${x.state.asOf && e.date > x.state.asOf ? ' later' : ''}` },
            h(
              'button',
              {
                type: 'button',
                class: 'event-button',
                onclick: () => {
                  void x.setAsOf(lastDayOf(e.date)).then(() => x.markAnswer([e.node.id, ...e.nodeIds]));
                  if (e.evidence.length) x.showEvidence(pick(e.title, e.titleZh), e.evidence);
                },
              },
              h('time', { datetime: e.date }, dateInWords(e.date)),
              h('span', { class: 'event-kind' }, tv('eventKinds', e.kind)),
              h('span', { class: 'event-title' }, pick(e.title, e.titleZh)),
            ),
            h('div', { class: 'event-node' }, nameEl(e.node)),
          ),
        ),
      ),
      incompleteEl(last.answer),
      reproduceEl(last.query, last.answer),
    );
  };

  const syncAsOf = () => {
    asOfInput.value = x.state.asOf ?? '';
    const i = x.state.asOf ? dates.findIndex((d) => d >= x.state.asOf!) : dates.length - 1;
    slider.value = String(i < 0 ? dates.length - 1 : i);
    render();
  };

  const load = async () => {
    replace(body, loadingEl());
    try {
      const asked = await askTimeline({ case: x.state.case });
      last = { answer: asked.data.timeline, query: asked.query };
      dates = [...new Set(last.answer.events.map((e) => lastDayOf(e.date)))].sort();
      slider.max = String(Math.max(0, dates.length - 1));
      syncAsOf();
    } catch (error) {
      replace(body, errorEl(error));
      throw error;
    }
  };

  const el = h(
    'section',
    { class: 'panel-time' },
    title,
    h('div', { class: 'as-of' }, asOfLabel, asOfInput, allButton, slider),
    hint,
    h('label', { class: 'check' }, hideBox, hideLabel),
    body,
  );
  render();
  return { el, load, refresh: render, syncAsOf };
}
