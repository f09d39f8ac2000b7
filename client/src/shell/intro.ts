// The header's case picker and the introduction, written from the case's own data: its title,
// the opening of its summary, and its most severe findings.
import { h, replace } from '../dom';
import { t } from '../messages';
import { nameEl, pick } from '../names';
import type { Finding } from '../questions';
import { writeState, type ViewState } from '../viewState';
import type { Session } from './session';
import type { Shell } from './shell';

/** The first sentences of a text, in either script, up to about `max` characters. */
function opening(text: string, max = 320): [string, string] {
  const sentences = text.match(/[^.!?。！？]+[.!?。！？]+["”’)]*\s*|[^.!?。！？]+$/g) ?? [text];
  let head = '';
  for (const sentence of sentences) {
    if (head && head.length + sentence.length > max) break;
    head += sentence;
  }
  return [head.trim(), text.slice(head.length).trim()];
}

/** Opens another case: a fresh view of it (the link names the case and nothing of the last one's view). */
export function openCase(session: Session, id: string): void {
  if (id === session.state.case) return;
  const next: ViewState = { case: id, lang: session.state.lang, tab: 'gaps', expand: [], hide: [], scope: 'story' };
  writeState(next);
  location.reload();
}

export function introduction(shell: Shell, session: Session, focusFinding: (f: Finding) => void) {
  let hidden = localStorage.getItem('quanze.introHidden') === '1';

  function renderIntro(): void {
    shell.introToggle.textContent = hidden ? t('introShow') : t('introHide');
    shell.intro.classList.toggle('collapsed', hidden);
    shell.introTitle.hidden = hidden;
    shell.introText.hidden = hidden;
    shell.introMore.querySelector('summary')!.textContent = t('caseSummary');
    const c = session.currentCase;
    shell.introTitle.textContent = c ? pick(c.title, c.titleZh) || c.id : '';
    const [head, rest] = opening(c ? pick(c.summary, c.summaryZh) : '');
    shell.introSummary.textContent = rest;
    shell.introMore.hidden = hidden || !rest;
    const top = ['HIGH', 'MEDIUM', 'LOW'].flatMap((sev) => session.findings.filter((f) => f.severity === sev)).slice(0, 3);
    replace(
      shell.introText,
      head ? h('p', { dataset: { testid: 'intro-summary' } }, head) : null,
      top.length
        ? h(
            'div',
            { class: 'intro-findings' },
            h('span', { class: 'intro-findings-label' }, t('introFindings')),
            h(
              'ul',
              {},
              top.map((f) =>
                h(
                  'li',
                  {},
                  h(
                    'button',
                    { type: 'button', class: 'link', dataset: { testid: 'intro-finding' }, onclick: () => focusFinding(f) },
                    pick(f.title, f.titleZh),
                  ),
                ),
              ),
            ),
          )
        : null,
    );
  }

  /** The case picker: every case in the database, by its title in the current language. */
  function renderCasePicker(): void {
    shell.casePickerLabel.textContent = t('casePicker');
    const { currentCase, knownCases, state } = session;
    const cases = knownCases.length ? knownCases : currentCase ? [currentCase] : [];
    replace(
      shell.casePicker,
      cases.map((c) => h('option', { value: c.id, selected: c.id === state.case }, pick(c.title, c.titleZh) || c.id)),
    );
    shell.casePicker.hidden = cases.length < 2;
    shell.caseTitle.hidden = !shell.casePicker.hidden;
    if (currentCase) replace(shell.caseTitle, nameEl({ name: currentCase.title, nameZh: currentCase.titleZh }, { tag: 'strong' }));
  }

  shell.casePicker.addEventListener('change', () => openCase(session, shell.casePicker.value));
  return {
    render(): void {
      renderIntro();
      renderCasePicker();
    },
    renderIntro,
    /** Shows or hides the introduction (remembered in this browser). */
    toggle(): void {
      hidden = !hidden;
      localStorage.setItem('quanze.introHidden', hidden ? '1' : '0');
    },
  };
}
