// The wording of DISCLAIMED_AUTHORITY: one finding per body and day, with the powers it
// disclaimed that it held by law and every statement. No database here.
import type { DescribedNode } from '../../evidence.js';
import { en, zh, type Ref } from '../../names.js';
import type { Holder } from '../../types.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';
import { holdingBases, type GrantFacts } from '../grantFacts.js';
import { capitalised, onDateWords, sentence, short } from '../wording.js';

/** One row of disclaimedAuthority.cypher (see its header). */
export interface DisclaimRow {
  statement: {
    id: string;
    saidOn: string;
    saidOnPrecision?: string | null;
    stance: string;
    quote: string | null;
    quoteZh: string | null;
    speaker: string | null;
    stanceBasis?: string | null;
  };
  power: Ref;
  related: string[];
  root: string;
  body: Ref;
  person: Ref | null;
  place: Ref | null;
}

/** A statement that disclaimed a power, with the body's holdings of it that day. */
export interface DisclaimHit {
  row: DisclaimRow;
  holders: Holder[];
}

export function disclaimedFinding(group: DisclaimHit[], described: Map<string, DescribedNode>, facts: Map<string, GrantFacts> = new Map()): Ranked {
  const { body, statement: first } = group[0].row;
  const powers = [...new Map(group.map((g) => [g.row.power.id, g.row.power])).values()];
  const statements = [...new Map(group.map((g) => [g.row.statement.id, g.row])).values()];
  const holders = group.flatMap((g) => g.holders);
  const grantIds = [...new Set(holders.map((h) => h.grantId))];
  // The instruments the holdings are read from (a grant has no name of its own).
  const instruments = [
    ...new Map(holders.flatMap((h) => h.chain.filter((c) => c.kind === 'INSTRUMENT').map((c) => [c.node.id, c.node] as const))).values(),
  ];
  const reading = holdingBases(holders, facts).some((b) => b === 'EDITOR_READING')
    ? { en: ', as an editor reads them,', zh: '（据编者解读）' }
    : { en: '', zh: '' };
  const said = statements.map(({ statement: row, person }) => {
    const verb =
      row.stance === 'DENIES_SELF' ? { en: 'said it does not hold it', zh: '称自己没有此权力' } : { en: 'said it did not know', zh: '称不清楚' };
    const who = person
      ? { en: `${en(person)} of ${en(body)}`, zh: `${zh(body)}的${zh(person)}` }
      : row.speaker
        ? { en: `${en(body)} (${row.speaker})`, zh: zh(body) }
        : { en: en(body), zh: zh(body) };
    return {
      en: `${who.en} ${verb.en}: "${row.quote ?? row.quoteZh ?? ''}"`,
      zh: `${who.zh}${verb.zh}：“${row.quoteZh ?? row.quote ?? ''}”`,
    };
  });
  const day = onDateWords(first.saidOn, first.saidOnPrecision);
  const powerShort = powers.map((p) => `"${p.name ?? p.nameZh ?? p.id}"`).join(' and ');
  const powerZh = powers.map((p) => `“${zh(p)}”`).join('、');
  return findingOf('DISCLAIMED_AUTHORITY', {
    title: `${short(body)} disclaimed ${powerShort} ${day.en}, which the recorded grants give it`,
    titleZh: `${zh(body)}于${day.zh}否认其有${powerZh}权力，而本案所录规定赋予其此权力`,
    explanation:
      `${sentence(`${capitalised(day.en)} ${said.map((s) => s.en).join('; ')}`, 'en')} ` +
      `Yet the grants in force that day${reading.en} gave ${en(body)} ${powers.map((p) => `"${en(p)}"`).join(' and ')} or part of it` +
      `${instruments.length ? `: ${instruments.map((i) => `the ${i.name ?? i.nameZh}`).join('; ')}` : ''}.`,
    explanationZh:
      sentence(`${day.zh}，${said.map((s) => s.zh).join('；')}`, 'zh') +
      `但当天有效的规定${reading.zh}赋予${zh(body)}${powerZh}或其一部分${instruments.length ? `：${instruments.map((i) => `《${i.nameZh ?? i.name}》`).join('、')}` : ''}。`,
    nodeIds: [...statements.map((r) => r.statement.id), body.id, ...powers.map((p) => p.id)],
    power: noun({ ...powers[0], label: 'Power' }),
    evidence: evidenceOf(described, [...statements.map((r) => r.statement.id), ...grantIds]),
    bases: [...statements.map((r) => r.statement.stanceBasis), ...holdingBases(holders, facts)],
  });
}
