// The wording of CONFLICTING_ATTRIBUTION: who named whom as holding one power, and who said a
// named body does not hold it. No database here.
import type { DescribedNode } from '../../evidence.js';
import { en, zh, type Ref } from '../../names.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';
import { dateWords, short } from '../wording.js';

/** One row of conflictingAttribution.cypher (see its header). */
export interface ConflictStatement {
  id: string;
  stance: string;
  saidOn: string;
  saidOnPrecision?: string | null;
  basis?: string | null;
  by: Ref;
}

export interface ConflictRow {
  power: Ref;
  holders: { body: Ref; statements: ConflictStatement[]; deniedBy?: ConflictStatement[] }[];
}

/** The days of some statements in words, each once, in the order given (English, Chinese). */
function daysOf(statements: ConflictStatement[]): { en: string[]; zh: string[] } {
  const days = [...new Map(statements.map((s) => [`${s.saidOn}|${s.saidOnPrecision ?? ''}`, dateWords(s.saidOn, s.saidOnPrecision)])).values()];
  return { en: days.map((d) => d.en), zh: days.map((d) => d.zh) };
}

/** The speakers of some statements, each with the days they spoke. */
function speakers(statements: ConflictStatement[]): { by: Ref; days: { en: string[]; zh: string[] } }[] {
  const bySpeaker = new Map<string, { by: Ref; said: ConflictStatement[] }>();
  for (const s of statements) {
    const entry = bySpeaker.get(s.by.id) ?? { by: s.by, said: [] };
    entry.said.push(s);
    bySpeaker.set(s.by.id, entry);
  }
  return [...bySpeaker.values()].map(({ by, said }) => ({ by, days: daysOf(said) }));
}

export function conflictingFinding(r: ConflictRow, described: Map<string, DescribedNode>): Ranked {
  const all = r.holders.flatMap((h) => [...h.statements, ...(h.deniedBy ?? [])]);
  const statementIds = all.map((s) => s.id);
  // Who named whom: each holder with the speakers who named it (or itself, when it claimed it).
  const parts = r.holders.map((h) => {
    const claims = h.statements.filter((s) => s.stance === 'CLAIMS_SELF');
    const namers = speakers(h.statements.filter((s) => s.stance !== 'CLAIMS_SELF'));
    const deniers = speakers(h.deniedBy ?? []);
    return {
      en: `${en(h.body)}: ${[
        claims.length ? `claimed by itself (${daysOf(claims).en.join(', ')})` : '',
        namers.length ? `named by ${namers.map((n) => `${en(n.by)} (${n.days.en.join(', ')})`).join(' and ')}` : '',
        deniers.length ? `said not to hold it by ${deniers.map((n) => `${en(n.by)} (${n.days.en.join(', ')})`).join(' and ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')}`,
      zh: `${zh(h.body)}：${[
        claims.length ? `自称（${daysOf(claims).zh.join('、')}）` : '',
        namers.length ? `由${namers.map((n) => `${zh(n.by)}（${n.days.zh.join('、')}）`).join('、')}指认` : '',
        deniers.length ? `${deniers.map((n) => `${zh(n.by)}（${n.days.zh.join('、')}）`).join('、')}称其没有此权力` : '',
      ]
        .filter(Boolean)
        .join('；')}`,
    };
  });
  const several = r.holders.length >= 2;
  const denied = r.holders.find((h) => h.deniedBy?.length);
  const powerName = r.power.name ?? r.power.nameZh ?? '';
  return findingOf('CONFLICTING_ATTRIBUTION', {
    title: several
      ? `${r.holders.length} different bodies named as holding "${powerName}"`
      : `"${powerName}": ${short(denied?.body)} named as holding it, and said not to`,
    titleZh: several ? `“${zh(r.power)}”被指向${r.holders.length}个不同机构` : `“${zh(r.power)}”：${zh(denied?.body)}被指有此权力，又被指没有`,
    explanation:
      (several
        ? `Asked who holds "${en(r.power)}", the statements of this case name ${r.holders.length} different bodies. `
        : `The statements of this case disagree on whether ${en(denied?.body)} holds "${en(r.power)}". `) +
      `${parts.map((p) => p.en).join('. ')}. ` +
      'A referral ("ask them") counts only when the same speaker also said that body holds the power.',
    explanationZh:
      (several
        ? `关于“${zh(r.power)}”归谁，本案各方说法指向${r.holders.length}个不同机构。`
        : `关于${zh(denied?.body)}是否有“${zh(r.power)}”权力，本案各方说法不一。`) +
      `${parts.map((p) => p.zh).join('。')}。` +
      '仅让去“问他们”的说法，只有当同一说话方也称该机构有此权力时才计入。',
    nodeIds: [r.power.id, ...r.holders.map((h) => h.body.id)],
    power: noun({ ...r.power, label: 'Power' }),
    evidence: evidenceOf(described, statementIds),
    bases: all.map((s) => s.basis),
  });
}
