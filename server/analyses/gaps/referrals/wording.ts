// The judgement and wording of REFERRAL_LOOP and DEAD_END from the referral paths of a case:
// one DEAD_END per (power family, body where trails end), listing every path that ends there,
// and one REFERRAL_LOOP per distinct cycle. A DEAD_END needs at least one referral step: a
// body asked directly that did not know is not a trail (it is counted by the accountability
// summary, and by DISCLAIMED_AUTHORITY when it held the power). No database here.
import { en, zh } from '../../names.js';
import { ENDING, type ReferralPath } from '../../referralPaths.js';
import type { NodeRef } from '../../types.js';
import { evidenceOf, findingOf, type Ranked } from '../finding.js';
import { short } from '../wording.js';

/** Where a path ends: the body that spoke last when the trail stops there, else the body last named. */
export function pathEnd(path: ReferralPath): { body: NodeRef; how: { en: string; zh: string } } {
  const last = path.steps[path.steps.length - 1];
  if (!last.to) return { body: last.from, how: ENDING[last.statement.stance] ?? ENDING.UNKNOWN };
  return { body: last.to, how: { en: 'nobody is recorded as asking it after that', zh: '此后无向其求证的记录' } };
}

/** The bodies of a loop's cycle, from the first visit of the body it returns to. */
export function cycleOf(path: ReferralPath): NodeRef[] {
  const back = path.steps[path.steps.length - 1].to!;
  const start = path.steps.findIndex((s) => s.from.id === back.id);
  return path.steps.slice(Math.max(start, 0)).map((s) => s.from);
}

export function referralFindingsOf(paths: ReferralPath[]): Ranked[] {
  const referred = (p: ReferralPath) => p.steps.some((s) => s.to && (s.statement.stance === 'REFERS' || s.statement.stance === 'ATTRIBUTES'));
  const groups = new Map<
    string,
    { kind: 'REFERRAL_LOOP' | 'DEAD_END'; paths: ReferralPath[]; end?: ReturnType<typeof pathEnd>; cycle?: NodeRef[] }
  >();
  for (const p of paths) {
    if (p.outcome === 'LOOP') {
      const cycle = cycleOf(p);
      const key = `LOOP|${p.power?.id ?? ''}|${cycle
        .map((b) => b.id)
        .sort()
        .join(',')}`;
      const entry = groups.get(key) ?? { kind: 'REFERRAL_LOOP', paths: [], cycle };
      entry.paths.push(p);
      groups.set(key, entry);
    } else if (p.outcome === 'DEAD_END' && referred(p)) {
      const end = pathEnd(p);
      const key = `END|${p.power?.id ?? ''}|${end.body.id}`;
      const entry = groups.get(key) ?? { kind: 'DEAD_END', paths: [], end };
      entry.paths.push(p);
      groups.set(key, entry);
    }
  }
  return [...groups.values()].map(({ kind, paths, end, cycle }) => {
    const power = paths[0].power;
    const family = { en: power ? `"${power.name ?? power.id}"` : 'the power', zh: power ? `“${zh(power)}”` : '此权力' };
    const listed = {
      en: paths.length === 1 ? paths[0].explanation : paths.map((p, n) => `(${n + 1}) ${p.explanation}`).join(' '),
      zh: paths.length === 1 ? paths[0].explanationZh : paths.map((p, n) => `（${n + 1}）${p.explanationZh}`).join(''),
    };
    const common = {
      // A trail is put together by the analysis from separate statements.
      bases: ['INFERRED'],
      nodeIds: paths.flatMap((p) => p.nodeIds),
      power,
      evidence: evidenceOf(
        new Map(),
        [],
        paths.flatMap((p) => p.steps.flatMap((s) => s.statement.evidence)),
      ),
    };
    if (kind === 'REFERRAL_LOOP') {
      const ring = { en: [...cycle!, cycle![0]].map(short).join(' → '), zh: [...cycle!, cycle![0]].map(zh).join(' → ') };
      return findingOf(kind, {
        title: `Asked who holds ${family.en}, the referrals go round in a circle: ${ring.en}`,
        titleZh: `问${family.zh}归谁，推来推去绕成一圈：${ring.zh}`,
        explanation: `${paths.length} referral path${paths.length > 1 ? 's go' : ' goes'} round this circle. ${listed.en}`,
        explanationZh: `${paths.length}条推诿路径绕成这一圈。${listed.zh}`,
        ...common,
      });
    }
    return findingOf(kind, {
      title: `Asked who holds ${family.en}, the referrals end at ${short(end!.body)}: ${end!.how.en}`,
      titleZh: `问${family.zh}归谁，问到${zh(end!.body)}为止：${end!.how.zh}`,
      explanation: `${paths.length} referral path${paths.length > 1 ? 's end' : ' ends'} at ${en(end!.body)}, and no body claims the power. ${listed.en}`,
      explanationZh: `${paths.length}条推诿路径止于${zh(end!.body)}，没有任何机构承认自己有此权力。${listed.zh}`,
      ...common,
    });
  });
}
