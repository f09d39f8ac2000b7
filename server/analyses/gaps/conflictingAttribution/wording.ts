// The wording of CONFLICTING_ATTRIBUTION: who named whom as holding one power. No database here.
import type { DescribedNode } from '../../evidence.js';
import { en, zh, type Ref } from '../../names.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';

/** One row of conflictingAttribution.cypher (see its header). */
export interface ConflictRow {
  power: Ref;
  holders: { body: Ref; statements: { id: string; stance: string; saidOn: string; by: Ref }[] }[];
}

export function conflictingFinding(r: ConflictRow, described: Map<string, DescribedNode>): Ranked {
  const statementIds = r.holders.flatMap((h) => h.statements.map((s) => s.id));
  // Who named whom: each holder with the speakers who named it (or itself, when it claimed it).
  const parts = r.holders.map((h) => {
    const claims = h.statements.filter((s) => s.stance === 'CLAIMS_SELF');
    const named = h.statements.filter((s) => s.stance !== 'CLAIMS_SELF');
    const bySpeaker = new Map<string, { by: Ref; days: string[] }>();
    for (const s of named) {
      const entry = bySpeaker.get(s.by.id) ?? { by: s.by, days: [] };
      if (!entry.days.includes(s.saidOn)) entry.days.push(s.saidOn);
      bySpeaker.set(s.by.id, entry);
    }
    const namers = [...bySpeaker.values()];
    return {
      en: `${en(h.body)}: ${[
        claims.length ? `claimed by itself (${claims.map((s) => s.saidOn).join(', ')})` : '',
        namers.length ? `named by ${namers.map((n) => `${en(n.by)} (${n.days.join(', ')})`).join(' and ')}` : '',
      ].filter(Boolean).join('; ')}`,
      zh: `${zh(h.body)}：${[
        claims.length ? `自称（${claims.map((s) => s.saidOn).join('、')}）` : '',
        namers.length ? `由${namers.map((n) => `${zh(n.by)}（${n.days.join('、')}）`).join('、')}指认` : '',
      ].filter(Boolean).join('；')}`,
    };
  });
  return findingOf('CONFLICTING_ATTRIBUTION', {
    title: `${r.holders.length} different bodies named as holding "${r.power.name ?? r.power.id}"`,
    titleZh: `“${zh(r.power)}”被指向${r.holders.length}个不同机构`,
    explanation: `Asked who holds "${en(r.power)}", the statements of this case name ${r.holders.length} different bodies. ` +
      `${parts.map((p) => p.en).join('. ')}. ` +
      'A referral ("ask them") counts only when the same speaker also said that body holds the power.',
    explanationZh: `关于“${zh(r.power)}”归谁，本案各方说法指向${r.holders.length}个不同机构。${parts.map((p) => p.zh).join('。')}。` +
      '仅让去“问他们”的说法，只有当同一说话方也称该机构有此权力时才计入。',
    nodeIds: [r.power.id, ...r.holders.map((h) => h.body.id)],
    power: noun({ ...r.power, label: 'Power' }),
    evidence: evidenceOf(described, statementIds),
  });
}
