// Gaps: the findings of the case, most severe first; a click focuses the graph on them.
import { findingEl } from '../findingEl';
import type { Explorer } from '../context';
import { h, replace } from '../dom';
import { t, tv } from '../messages';
import { askGaps, type Finding, type GapsAnswer } from '../questions';
import { incompleteEl, reproduceEl } from '../reproduce';
import { emptyEl, errorEl, loadingEl } from '../status';

export function gapsPanel(x: Explorer, onLoaded: (findings: Finding[]) => void): { el: HTMLElement; load(): Promise<void>; refresh(): void } {
  const body = h('div', { class: 'gaps-body', 'aria-live': 'polite' });
  const title = h('h2', {});
  const intro = h('p', { class: 'meta' });
  let last: { answer: GapsAnswer; query: string } | undefined;

  const render = () => {
    title.textContent = t('gapsTitle');
    intro.textContent = t('gapsIntro');
    if (!last) return;
    const findings = last.answer.findings;
    if (!findings.length) return replace(body, emptyEl(t('gapsNone')), reproduceEl(last.query, last.answer));
    // Grouped by severity, most severe first; the server's order (by people affected) holds within a group.
    const groups = ['HIGH', 'MEDIUM', 'LOW'].map((sev) => [sev, findings.filter((f) => f.severity === sev)] as const).filter(([, fs]) => fs.length);
    replace(
      body,
      groups.map(([sev, fs]) =>
        h(
          'section',
          { class: 'severity-group' },
          h('h3', { class: `severity-${sev}` }, `${tv('severity', sev)} (${fs.length})`),
          h(
            'ul',
            { class: 'findings', dataset: { testid: 'findings' } },
            fs.map((f) => findingEl(x, f, { compact: true })),
          ),
        ),
      ),
      incompleteEl(last.answer),
      reproduceEl(last.query, last.answer),
    );
    markActive();
  };

  const markActive = () => {
    body
      .querySelectorAll<HTMLElement>('[data-finding]')
      .forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.finding === x.state.finding)));
  };

  const load = async () => {
    replace(body, loadingEl());
    try {
      const asked = await askGaps({ case: x.state.case });
      last = { answer: asked.data.gaps, query: asked.query };
      render();
      onLoaded(last.answer.findings);
    } catch (error) {
      replace(body, errorEl(error));
      onLoaded([]);
      throw error;
    }
  };

  return {
    el: h('section', { class: 'panel-gaps' }, title, intro, body),
    load,
    refresh: () => {
      render();
      markActive();
    },
  };
}
