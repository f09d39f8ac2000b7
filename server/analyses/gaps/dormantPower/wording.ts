// The wording of DORMANT_POWER. No database here.
import { refOf, type DescribedNode } from '../../evidence.js';
import { en, zh } from '../../names.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';
import { dateWords, roleText, short } from '../wording.js';
import type { Dormant } from './judge.js';

export function dormantFinding({ body, root, holders, rows: exercised }: Dormant, described: Map<string, DescribedNode>): Ranked {
  const family = refOf(described, root, 'Power');
  const hasDuty = holders.some((h) => h.modality === 'DUTY');
  const hasPower = holders.some((h) => h.modality === 'POWER');
  const modality =
    hasDuty && hasPower ? { en: 'duties and powers', zh: '职责和职权' } : hasDuty ? { en: 'a duty', zh: '职责' } : { en: 'powers', zh: '职权' };
  const held = holders.map((h) => {
    // Named by the instrument it is read from (a grant has no name of its own).
    const instrument = h.chain.find((s) => s.kind === 'INSTRUMENT')?.node;
    const from = instrument
      ? { en: ` (${instrument.name ?? instrument.nameZh})`, zh: `（《${instrument.nameZh ?? instrument.name}》）` }
      : { en: '', zh: '' };
    return {
      en: `${h.modality === 'DUTY' ? 'a duty' : 'the power'} to "${en(h.power)}"${h.grantPlace ? ` in ${en(h.grantPlace)}` : ''}${from.en}`,
      zh: `${h.grantPlace ? `在${zh(h.grantPlace)}` : ''}“${zh(h.power)}”的${h.modality === 'DUTY' ? '职责' : '职权'}${from.zh}`,
    };
  });
  // The period others acted in, from the first day to the last, each in words at its precision.
  const days = exercised.flatMap((r) => r.days).sort((a, b) => a.day.localeCompare(b.day));
  const [first, last] = [dateWords(days[0].day, days[0].precision), dateWords(days.at(-1)!.day, days.at(-1)!.precision)];
  const period = first.en === last.en ? first : { en: `${first.en} to ${last.en}`, zh: `${first.zh}至${last.zh}` };
  // Who acted, by their actual part: only a body that decided or carried it out exercised the power.
  const others = exercised.map((r) => {
    const parts = r.parts?.length ? r.parts : r.actors.map((body) => ({ body, role: 'EXECUTED' }));
    return {
      en: `in ${en(r.place)}, on "${en(r.power)}": ${parts.map((p) => `${en(p.body)} ${roleText(p.role).en}`).join('; ')}`,
      zh: `在${zh(r.place)}就“${zh(r.power)}”：${parts.map((p) => `${zh(p.body)}${roleText(p.role).zh}`).join('，')}`,
    };
  });
  return findingOf('DORMANT_POWER', {
    title: `${short(body)} held ${modality.en} over "${family.name ?? root}" but is not shown acting on them`,
    titleZh: `${zh(body)}对“${zh(family)}”负有${modality.zh}却未见作为`,
    explanation:
      `${en(body)} held ${held.map((h) => h.en).join('; ')}, yet nothing in this case shows it, any of its parts or any official posted in them acting on it, ` +
      `while others did (${period.en}): ${others.map((o) => o.en).join('; ')}.`,
    explanationZh: `${zh(body)}负有${held.map((h) => h.zh).join('；')}，但本案没有其本身、其内设部门或其任职人员作为的记录，而其他机构却行动了（${period.zh}）：${others.map((o) => o.zh).join('；')}。`,
    // "Not shown acting": a conclusion from what the record leaves out.
    bases: ['INFERRED'],
    nodeIds: [body.id, ...holders.map((h) => h.grantId)],
    power: noun({ ...family, label: 'Power' }),
    evidence: evidenceOf(
      described,
      holders.map((h) => h.grantId),
      holders.flatMap((h) => h.chain.flatMap((s) => s.evidence)),
    ),
  });
}
