// Explain's answer as a card: the verdict for a body, a power and a date, the reason, the
// conditions, the chain of law and, when it breaks, where.
import { chainEl, conditionEl, type Card } from './answerCards';
import type { Explorer } from './context';
import { basisBadge } from './basis';
import { h } from './dom';
import { t, tv } from './messages';
import { nameEl, pick } from './names';
import type { ExplainAnswer } from './questions';
import { reproduceEl } from './reproduce';

export function explainCard(x: Explorer, answer: ExplainAnswer, query: string): Card {
  const ids = new Set<string>([answer.body.id, ...answer.chain.map((s) => s.node.id), ...(answer.missingLink?.nodeIds ?? [])]);
  const el = h(
    'article',
    { class: 'card', dataset: { testid: 'explain-card' } },
    h('h3', {}, nameEl(answer.body), ' · ', nameEl(answer.power), h('span', { class: 'meta' }, ` · ${t('asOfAnswer', { date: answer.at })}`)),
    h('p', { class: `verdict verdict-${answer.verdict}` }, tv('verdicts', answer.verdict), ' ', basisBadge(answer.basis)),
    pick(answer.uncertainty, answer.uncertaintyZh) ? h('p', { class: 'note uncertainty' }, pick(answer.uncertainty, answer.uncertaintyZh)) : null,
    h('p', {}, pick(answer.reason, answer.reasonZh)),
    answer.conditions.length ? h('ul', { class: 'conditions' }, answer.conditions.map(conditionEl)) : null,
    answer.chain.length ? chainEl(x, answer.chain) : null,
    answer.missingLink
      ? h(
          'div',
          { class: 'missing' },
          h('h4', {}, t('missingLink')),
          h('p', {}, pick(answer.missingLink.explanation, answer.missingLink.explanationZh)),
        )
      : null,
    reproduceEl(query, answer),
  );
  return { el, ids: [...ids], evidence: answer.chain.flatMap((st) => st.evidence) };
}
