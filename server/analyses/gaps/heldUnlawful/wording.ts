// The wording of HELD_UNLAWFUL: an action that a court or a later instrument held invalid or
// unlawful, quoting the holding. HIGH: the question is no longer what the analysis reads from
// the grants but what a body with the standing to decide it held. No database here.
import { citationEvidence, type DescribedNode } from '../../evidence.js';
import { docKindText, enList, titleOf, zhList, type Ref } from '../../names.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';
import { actionDetail, actionSubject, capitalised, onDateWords, sentence, summarySentence, type ActionFacts, type PurposeLabel } from '../wording.js';

/** One row of heldUnlawful.cypher (see its header). */
export interface HeldRow {
  action: ActionFacts;
  instrument: { id: string; title: string | null; titleZh: string | null; docType?: string | null; kind?: PurposeLabel | null };
  holding: { from: string; fromPrecision?: string | null; retroactive: boolean | null; citations: string | null; unsourced: boolean | null };
  issuers: Ref[];
}

export function heldUnlawfulFinding(rows: HeldRow[], described: Map<string, DescribedNode>): Ranked {
  const { action } = rows[0];
  const subject = actionSubject(action);
  const held = rows.map((r) => {
    const title = titleOf(r.instrument);
    const kind = docKindText(r.instrument.docType, r.instrument.kind);
    const quote = citationEvidence(r.holding.citations, r.holding.unsourced, described)[0];
    const by = r.issuers.length ? { en: ` of ${enList(r.issuers)}`, zh: `${zhList(r.issuers)}的` } : { en: '', zh: '' };
    const day = onDateWords(r.holding.from, r.holding.fromPrecision);
    const voidText = r.holding.retroactive ? { en: ', void from the start', zh: '，自始无效' } : { en: '', zh: '' };
    return {
      en:
        `${capitalised(day.en)} the ${kind.en}${by.en} "${title.en}" held it invalid or unlawful${voidText.en}` +
        (quote && (quote.quoteEn ?? quote.quote) ? `: "${quote.quoteEn ?? quote.quote}"` : ''),
      zh:
        `${day.zh}，${by.zh}${kind.zh}《${title.zh}》认定其无效或违法${voidText.zh}` +
        (quote && (quote.quoteZh ?? quote.quote) ? `：“${quote.quoteZh ?? quote.quote}”` : ''),
      title,
    };
  });
  return findingOf('HELD_UNLAWFUL', {
    title: `${subject.en}: held unlawful by ${held.map((h) => `the ${h.title.en}`).join(' and ')}`,
    titleZh: `${subject.zh}：被${held.map((h) => `《${h.title.zh}》`).join('、')}认定无效或违法`,
    explanation: `${summarySentence(action, 'en')} ${held.map((h) => sentence(h.en, 'en')).join(' ')}`.trim(),
    explanationZh: `${summarySentence(action, 'zh')}${held.map((h) => sentence(h.zh, 'zh')).join('')}`,
    nodeIds: [action.id, ...rows.map((r) => r.instrument.id)],
    power: action.powers?.[0] ? noun({ ...action.powers[0], label: 'Power' }) : null,
    evidence: evidenceOf(
      described,
      [action.id],
      rows.flatMap((r) => [
        ...citationEvidence(r.holding.citations, r.holding.unsourced, described),
        ...(described.get(r.instrument.id)?.evidence ?? []),
      ]),
    ),
    affected: action.affectedCount,
    detail: actionDetail(action),
  });
}
