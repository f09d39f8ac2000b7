// One finding in a list: its severity, kind, how it is known and its title; a click focuses it.
import type { Explorer } from './context';
import { basisBadge } from './basis';
import { h } from './dom';
import { tv } from './messages';
import { pick } from './names';
import type { Finding } from './questions';

export function findingEl(x: Explorer, f: Finding, opts: { compact?: boolean } = {}): HTMLElement {
  return h(
    'li',
    { class: `finding severity-${f.severity}` },
    h(
      'button',
      { type: 'button', class: 'finding-button', dataset: { testid: 'finding', finding: f.id }, onclick: () => x.focusFinding(f, { select: true }) },
      h('span', { class: `badge severity severity-${f.severity}` }, tv('severity', f.severity)),
      ' ',
      h('span', { class: 'finding-kind' }, tv('gapKinds', f.kind)),
      basisBadge(f.basis),
      h('strong', { class: 'finding-title' }, pick(f.title, f.titleZh)),
    ),
    opts.compact ? null : h('p', { class: 'explanation' }, pick(f.explanation, f.explanationZh)),
  );
}
