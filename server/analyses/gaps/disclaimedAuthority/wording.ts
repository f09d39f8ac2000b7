// The wording of DISCLAIMED_AUTHORITY: one finding per body and day, with the powers it
// disclaimed that it held by law and every statement. No database here.
import { refOf, type DescribedNode } from '../../evidence.js';
import { en, zh, type Ref } from '../../names.js';
import type { Holder } from '../../types.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';
import { short } from '../wording.js';

/** One row of disclaimedAuthority.cypher (see its header). */
export interface DisclaimRow {
  statement: { id: string; saidOn: string; stance: string; quote: string | null; quoteZh: string | null; speaker: string | null };
  power: Ref;
  related: string[];
  root: string;
  body: Ref;
  person: Ref | null;
  place: Ref | null;
}

/** A statement that disclaimed a power, with the body's holdings of it that day. */
export interface DisclaimHit { row: DisclaimRow; holders: Holder[] }

export function disclaimedFinding(group: DisclaimHit[], described: Map<string, DescribedNode>): Ranked {
  const { body, statement: first } = group[0]!.row;
  const powers = [...new Map(group.map((g) => [g.row.power.id, g.row.power])).values()];
  const statements = [...new Map(group.map((g) => [g.row.statement.id, g.row])).values()];
  const grantIds = [...new Set(group.flatMap((g) => g.holders.map((h) => h.grantId)))];
  const grants = grantIds.map((id) => refOf(described, id, 'Grant'));
  const said = statements.map(({ statement: row, person }) => {
    const verb = row.stance === 'DENIES_SELF'
      ? { en: 'said it does not hold it', zh: '称自己没有此权力' }
      : { en: 'said it did not know who holds it', zh: '称不清楚谁有此权力' };
    const who = person ? { en: `${en(person)} of ${en(body)}`, zh: `${zh(body)}的${zh(person)}` }
      : row.speaker ? { en: `${en(body)} (${row.speaker})`, zh: zh(body) } : { en: en(body), zh: zh(body) };
    return {
      en: `${who.en} ${verb.en}: "${row.quote ?? row.quoteZh ?? ''}"`,
      zh: `${who.zh}${verb.zh}：“${row.quoteZh ?? row.quote ?? ''}”`,
    };
  });
  const powerShort = powers.map((p) => `"${p.name ?? p.nameZh ?? p.id}"`).join(' and ');
  const powerZh = powers.map((p) => `“${zh(p)}”`).join('、');
  return findingOf('DISCLAIMED_AUTHORITY', {
    title: `${short(body)} disclaimed ${powerShort} on ${first.saidOn}, a power it holds by law`,
    titleZh: `${zh(body)}于${first.saidOn}否认其依法享有的${powerZh}权力`,
    explanation: `On ${first.saidOn} ${said.map((s) => s.en).join('; ')}. ` +
      `Yet on that day the law gave ${en(body)} ${powers.map((p) => `"${en(p)}"`).join(' and ')} or part of it: ${grants.map((g) => g.name ?? g.id).join('; ')}.`,
    explanationZh: `${first.saidOn}，${said.map((s) => s.zh).join('；')}。` +
      `但当天的规定赋予${zh(body)}${powerZh}或其一部分：${grants.map((g) => g.nameZh ?? g.id).join('；')}。`,
    nodeIds: [...statements.map((r) => r.statement.id), body.id, ...powers.map((p) => p.id)],
    power: noun({ ...powers[0]!, label: 'Power' }),
    evidence: evidenceOf(described, [...statements.map((r) => r.statement.id), ...grantIds]),
  });
}
