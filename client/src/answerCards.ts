// Answers as short cards in plain language: "By law: …; in fact: …; the gap: …", each
// line opening its evidence. Cards translate the answer; they decide nothing.
import type { Explorer } from './context';
import { basisBadge } from './basis';
import { h } from './dom';
import { evidenceList } from './evidenceList';
import { lang, t, tv } from './messages';
import { nameEl, pick, refName } from './names';
import type {
  Evidence,
  ActionResult,
  ChainStep,
  Condition,
  Finding,
  Holder,
  NodeRef,
  StatementResult,
  WhoCanCard,
  WhoDidAnswer,
  WhoDidCard,
  WhoSaysCard,
} from './questions';
import { incompleteEl, reproduceEl } from './reproduce';
import { conditionSentence, dateInWords } from './prose';
import { kindName } from './legend';
import { findingEl } from './findingEl';

/** An answer as a card: its element, the ids it rests on, and the evidence it quotes (for citing it). */
export interface Card {
  el: HTMLElement;
  ids: string[];
  evidence: Evidence[];
}

const list = (names: string[]) => (lang() === 'zh' ? names.join('、') : names.join(', '));
const unique = (names: string[]) => [...new Set(names.filter(Boolean))];

function evidenceButton(x: Explorer, title: string, step: { evidence: Parameters<typeof evidenceList>[0] }, label?: string): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'link', onclick: () => x.showEvidence(title, step.evidence) },
    label ?? `${t('evidenceTitle')} (${step.evidence.length})`,
  );
}

export function conditionEl(c: Condition): HTMLElement {
  return h(
    'li',
    { class: `condition status-${c.status}` },
    conditionSentence(c),
    h('span', { class: 'status' }, ` (${tv('conditionStatus', c.status)})`),
  );
}

export function chainEl(x: Explorer, chain: ChainStep[]): HTMLElement {
  return h(
    'ol',
    { class: 'chain' },
    chain.map((step) =>
      h(
        'li',
        {},
        h('span', { class: 'step-kind' }, kindName(step.node.label)),
        ' ',
        nameEl(step.node),
        basisBadge(step.basis),
        pick(step.text, step.textZh) ? h('p', { class: 'step-text' }, pick(step.text, step.textZh)) : null,
        step.evidence.length ? evidenceButton(x, refName(step.node), step) : null,
      ),
    ),
  );
}

function holderEl(x: Explorer, holder: Holder): HTMLElement {
  const chainEvidence = holder.chain.flatMap((s) => s.evidence);
  return h(
    'li',
    { class: 'holder' },
    h(
      'p',
      {},
      nameEl(holder.body, { tag: 'strong' }),
      ' ',
      h('span', { class: 'badge modality' }, tv('modalityShort', holder.modality)),
      ' ',
      h('span', { class: 'via' }, tv('cardHolderVia', holder.via)),
      basisBadge(holder.basis),
      holder.power ? [' · ', nameEl(holder.power)] : null,
    ),
    pick(holder.note, holder.noteZh) ? h('p', { class: 'note' }, pick(holder.note, holder.noteZh)) : null,
    holder.conditions.length
      ? h('div', {}, h('span', { class: 'label' }, t('cardConditions')), h('ul', { class: 'conditions' }, holder.conditions.map(conditionEl)))
      : null,
    holder.chain.length
      ? h('details', { class: 'chain-details' }, h('summary', {}, `${t('cardChain')} (${holder.chain.length})`), chainEl(x, holder.chain))
      : null,
    chainEvidence.length ? evidenceButton(x, refName(holder.body), { evidence: chainEvidence }) : null,
  );
}

function actionEl(x: Explorer, action: ActionResult): HTMLElement {
  const evidence = [...action.evidence, ...action.actors.flatMap((a) => a.evidence)];
  return h(
    'li',
    { class: 'action' },
    h(
      'p',
      {},
      h(
        'time',
        { datetime: action.startedAt },
        dateInWords(action.startedAt) + (action.endedAt && action.endedAt !== action.startedAt ? ` – ${dateInWords(action.endedAt)}` : ''),
      ),
      ' ',
      pick(action.summary, action.summaryZh),
      action.affectedCount ? h('span', { class: 'count' }, ` (${t('affected', { n: action.affectedCount.toLocaleString() })})`) : null,
      basisBadge(action.basis, { en: action.basisNote, zh: action.basisNoteZh }),
    ),
    action.actors.length
      ? h(
          'ul',
          { class: 'actors' },
          action.actors.map((a) =>
            h(
              'li',
              {},
              h('span', { class: `role role-${a.role}` }, tv('roles', a.role)),
              ': ',
              nameEl(a.who),
              pick(a.position, a.positionZh) ? h('span', { class: 'position' }, `, ${pick(a.position, a.positionZh)}`) : null,
              a.through ? [` (${t('through')} `, nameEl(a.through), ')'] : null,
            ),
          ),
        )
      : null,
    evidence.length ? evidenceButton(x, pick(action.summary, action.summaryZh), { evidence }) : null,
  );
}

/** The findings an answer touches, by title (each opens its explanation and evidence), not their whole text. */
function gapSection(x: Explorer, findings: Finding[]): HTMLElement {
  return h(
    'section',
    { class: 'card-section gap' },
    h('h3', {}, `${t('cardTheGap')} (${findings.length})`),
    findings.length
      ? h(
          'ul',
          { class: 'findings' },
          findings.map((f) => findingEl(x, f, { compact: true })),
        )
      : h('p', { class: 'state-empty' }, t('cardNoGap')),
  );
}

/** The findings an answer about these nodes should mention: the ones about its power or its nodes. */
function relevantFindings(findings: Finding[], powerId: string, ids: Set<string>): Finding[] {
  return findings.filter((f) => f.power?.id === powerId || f.nodeIds.some((id) => ids.has(id)));
}

function lead(parts: [string, string][]): HTMLElement {
  return h(
    'p',
    { class: 'lead', dataset: { testid: 'answer-lead' } },
    parts.map(([label, text], i) => [i ? (lang() === 'zh' ? '；' : '; ') : '', h('strong', {}, `${label}${lang() === 'zh' ? '：' : ': '}`), text]),
  );
}

function names(refs: NodeRef[]): string {
  return list(unique(refs.map(refName)));
}

const noActions: WhoDidAnswer = {
  actions: [],
  power: { id: '', label: 'Power', name: null, nameZh: null },
  place: null,
  from: null,
  to: null,
  dataVersion: 0,
  computedAt: '',
  incomplete: false,
};

export function whoCanCard(x: Explorer, answer: WhoCanCard, query: string, question: string): Card {
  const { whoCan } = answer;
  const whoDid = answer.whoDid ?? noActions;
  const gaps = answer.gaps ?? { findings: [] as Finding[] };
  const deciders = whoDid.actions.flatMap((a) => a.actors.filter((r) => r.role === 'DECIDED' || r.role === 'EXECUTED').map((r) => r.who));
  const ids = new Set<string>([
    ...whoCan.holders.flatMap((hd) => [hd.body.id, ...hd.chain.map((s) => s.node.id)]),
    ...whoDid.actions.flatMap((a) => [a.id, ...a.actors.flatMap((r) => [r.who.id, r.through?.id ?? ''])]),
  ]);
  const findings = relevantFindings(gaps.findings, whoCan.power.id, ids);
  findings.forEach((f) => f.nodeIds.forEach((id) => ids.add(id)));
  const el = h(
    'article',
    { class: 'card', dataset: { testid: 'answer-card' } },
    h('h2', {}, question),
    h('p', { class: 'card-date', dataset: { testid: 'card-date' } }, t('cardAnswersFor', { date: whoCan.at })),
    lead([
      [t('cardByLaw'), whoCan.holders.length ? names(whoCan.holders.map((hd) => hd.body)) : t('cardNoHolders')],
      [
        t('cardInFact'),
        deciders.length
          ? names(deciders)
          : whoDid.actions.length
            ? list(whoDid.actions.map((a) => pick(a.summary, a.summaryZh)))
            : t('cardNoActions'),
      ],
      [t('cardTheGap'), findings.length ? pick(findings[0].title, findings[0].titleZh) : t('cardNoGap')],
    ]),
    h(
      'section',
      { class: 'card-section law' },
      h('h3', {}, t('cardByLaw'), h('span', { class: 'meta' }, ` · ${t('asOfAnswer', { date: whoCan.at })}`)),
      whoCan.holders.length
        ? h(
            'ul',
            { class: 'holders' },
            whoCan.holders.map((hd) => holderEl(x, hd)),
          )
        : h('p', { class: 'state-empty' }, t('cardNoHolders')),
    ),
    h(
      'section',
      { class: 'card-section fact' },
      h('h3', {}, t('cardInFact'), h('span', { class: 'meta' }, ` · ${t('cardUpTo', { date: whoCan.at })}`)),
      whoDid.actions.length
        ? h(
            'ul',
            { class: 'actions' },
            whoDid.actions.map((a) => actionEl(x, a)),
          )
        : h('p', { class: 'state-empty' }, t('cardNoActions')),
    ),
    gapSection(x, findings),
    incompleteEl(whoCan),
    answer.whoDid ? incompleteEl(answer.whoDid) : null,
    reproduceEl(query, whoCan),
  );
  const evidence = [
    ...whoCan.holders.flatMap((hd) => hd.chain.flatMap((st) => st.evidence)),
    ...whoDid.actions.flatMap((a) => a.evidence),
    ...findings.flatMap((f) => f.evidence),
  ];
  return { el, ids: [...ids].filter(Boolean), evidence };
}

export function whoDidCard(x: Explorer, answer: WhoDidCard, query: string, question: string): Card {
  const { whoDid } = answer;
  const gaps = answer.gaps ?? { findings: [] as Finding[] };
  const ids = new Set<string>(whoDid.actions.flatMap((a) => [a.id, ...a.actors.flatMap((r) => [r.who.id, r.through?.id ?? ''])]));
  const findings = relevantFindings(gaps.findings, whoDid.power.id, ids);
  findings.forEach((f) => f.nodeIds.forEach((id) => ids.add(id)));
  const deciders = whoDid.actions.flatMap((a) => a.actors.filter((r) => r.role === 'DECIDED').map((r) => r.who));
  const el = h(
    'article',
    { class: 'card', dataset: { testid: 'answer-card' } },
    h('h2', {}, question),
    lead([
      [
        t('cardInFact'),
        deciders.length
          ? `${t('cardDecidedBy')} ${names(deciders)}`
          : whoDid.actions.length
            ? list(whoDid.actions.map((a) => pick(a.summary, a.summaryZh)))
            : t('cardNoActions'),
      ],
      [t('cardTheGap'), findings.length ? pick(findings[0].title, findings[0].titleZh) : t('cardNoGap')],
    ]),
    h(
      'section',
      { class: 'card-section fact' },
      h('h3', {}, t('cardInFact')),
      whoDid.actions.length
        ? h(
            'ul',
            { class: 'actions' },
            whoDid.actions.map((a) => actionEl(x, a)),
          )
        : h('p', { class: 'state-empty' }, t('cardNoActions')),
    ),
    gapSection(x, findings),
    incompleteEl(whoDid),
    reproduceEl(query, whoDid),
  );
  return { el, ids: [...ids].filter(Boolean), evidence: [...whoDid.actions.flatMap((a) => a.evidence), ...findings.flatMap((f) => f.evidence)] };
}

function statementEl(x: Explorer, s: StatementResult): HTMLElement {
  return h(
    'li',
    { class: `statement stance-${s.stance}` },
    h(
      'p',
      {},
      h('time', { datetime: s.saidOn }, dateInWords(s.saidOn)),
      ' ',
      nameEl(s.saidBy, { tag: 'strong' }),
      s.speaker ? h('span', { class: 'speaker' }, ` (${s.speaker})`) : null,
      ' ',
      h('span', { class: 'stance' }, tv('stances', s.stance)),
      s.names.length ? [' → ', s.names.map((n, i) => [i ? ', ' : '', nameEl(n)])] : null,
      basisBadge(s.basis, { en: s.basisNote, zh: s.basisNoteZh }),
    ),
    s.quoteZh ? h('blockquote', { lang: 'zh' }, s.quoteZh) : null,
    s.quote ? h('blockquote', { lang: 'en', class: 'gist' }, s.quote) : null,
    s.evidence.length ? evidenceButton(x, refName(s.saidBy), s) : null,
  );
}

export function whoSaysCard(x: Explorer, answer: WhoSaysCard, query: string, question: string): Card {
  const { accountability } = answer;
  const referralPaths = answer.referralPaths ?? { paths: [] };
  const statements = accountability.stances.flatMap((s) => s.statements);
  const ids = new Set<string>(statements.flatMap((s) => [s.id, s.saidBy.id, ...s.names.map((n) => n.id)]));
  referralPaths.paths.forEach((p) => p.nodeIds.forEach((id) => ids.add(id)));
  const counted = accountability.stances.filter((s) => s.count > 0);
  const el = h(
    'article',
    { class: 'card', dataset: { testid: 'answer-card' } },
    h('h2', {}, question),
    lead([
      [
        t('cardWhoSays'),
        counted.length ? list(counted.map((s) => `${s.speakers.length || s.count} ${tv('stances', s.stance)}`)) : t('cardNoStatements'),
      ],
    ]),
    h(
      'section',
      { class: 'card-section says' },
      h(
        'table',
        { class: 'stances' },
        h(
          'tbody',
          {},
          counted.map((s) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, tv('stances', s.stance)),
              h('td', { class: 'num' }, String(s.count)),
              h(
                'td',
                {},
                s.speakers.map((sp, i) => [i ? ', ' : '', nameEl(sp)]),
              ),
            ),
          ),
        ),
      ),
      h(
        'ul',
        { class: 'statements' },
        statements.map((s) => statementEl(x, s)),
      ),
    ),
    referralPaths.paths.length
      ? h(
          'section',
          { class: 'card-section referrals' },
          h('h3', {}, t('referralPaths')),
          h(
            'ul',
            {},
            referralPaths.paths.map((p) =>
              h(
                'li',
                {},
                h('p', {}, h('strong', {}, tv('referralOutcome', p.outcome)), ': ', pick(p.explanation, p.explanationZh)),
                h(
                  'p',
                  { class: 'path' },
                  p.steps.map((s, i) => [i ? ' → ' : '', nameEl(s.from), s.to ? null : ' ✕']),
                  p.steps.at(-1)?.to ? [' → ', nameEl(p.steps.at(-1)!.to!)] : null,
                ),
              ),
            ),
          ),
        )
      : null,
    incompleteEl(accountability),
    reproduceEl(query, accountability),
  );
  return { el, ids: [...ids], evidence: statements.flatMap((st) => st.evidence) };
}
