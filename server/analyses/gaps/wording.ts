// Shared wording of findings: how an action, a purpose, a condition and a body are named in
// titles and explanations, in English and Chinese. Each kind's own sentences live beside it.
//
// Titles name their subject in the reader's words: the action (what was done, to whom, when:
// "Red codes for 1,317 depositors (from 2022-06-11)"), the body, the power. Purposes are shown
// in plain words (PURPOSES below; an unknown one with its hyphens as spaces).
import type { Ref } from '../names.js';
import type { Condition } from '../types.js';

/** A short name for a title: the English name alone (the explanation gives both languages). */
export function short(ref: Ref | null | undefined): string {
  if (!ref) return 'an unknown body';
  return ref.name ?? ref.nameZh ?? ref.id;
}

/** Known purposes in plain words; anything else is shown with its hyphens as spaces. */
const PURPOSES: Record<string, { en: string; zh: string }> = {
  'epidemic-control': { en: 'epidemic control', zh: '疫情防控' },
  'stop-depositors-rights-defence': { en: 'stopping depositors from pressing their claims', zh: '阻止储户维权' },
  'complaint-handling': { en: 'handling complaints', zh: '处理投诉' },
  accountability: { en: 'holding officials to account', zh: '追责问责' },
};

export function purposeText(purpose: string): { en: string; zh: string } {
  const spaced = purpose.replace(/-/g, ' ');
  return PURPOSES[purpose] ?? { en: spaced, zh: spaced };
}

/** What gaps.ts needs of an action to name it (the `action` map of the gaps/*.cypher files). */
export interface ActionFacts {
  id: string;
  summary: string;
  summaryZh: string;
  startedAt: string;
  endedAt?: string | null;
  purpose?: string | null;
  affectedCount?: number | null;
  groups?: { name: string | null; nameZh: string | null }[];
  powers?: string[];
}

const lastSegment = (id: string) => id.split('.').at(-1) ?? id;

/** Whether the action gave or changed people's codes (a power whose id ends in .assign or .convert). */
export function touchesCodes(action: ActionFacts): boolean {
  return (action.powers ?? []).some((p) => ['assign', 'convert'].includes(lastSegment(p)));
}

/** The first clause of a summary, cut at a word boundary. */
export function clause(text: string, max: number): string {
  const first = text.split(/;\s|\.\s|,\s(?=[a-z])/)[0]!.trim().replace(/\.$/, '');
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
export function clauseZh(text: string, max: number): string {
  const parts = text.split(/[，；。：]/).map((p) => p.trim()).filter(Boolean);
  // A clause that is only a date ("2022年6月13日") names nothing.
  const first = parts.find((p) => !/^\d{4}年\d{1,2}月\d{1,2}日$/.test(p)) ?? text;
  return first.length <= max ? first : `${first.slice(0, max)}…`;
}

/** The summary's first clause: what tells apart two actions whose subjects read alike. */
export function actionDetail(action: ActionFacts): { en: string; zh: string } {
  return { en: clause(action.summary, 60), zh: clauseZh(action.summaryZh, 20) };
}

/** The longest common ending of Chinese names ("储户"), or the common first word of English ones ("Depositors"). */
export function commonNoun(groups: { name: string | null; nameZh: string | null }[]): { en: string; zh: string } | null {
  if (!groups.length) return null;
  const words = groups.map((g) => (g.name ?? '').split(' ')[0]!.toLowerCase());
  const zhNames = groups.map((g) => g.nameZh ?? '');
  let suffix = zhNames[0]!;
  for (const n of zhNames) while (suffix && !n.endsWith(suffix)) suffix = suffix.slice(1);
  // "入郑…的储户" and "未在郑…的储户" share "…的储户": the noun is what follows the last 的.
  suffix = suffix.slice(suffix.lastIndexOf('的') + 1);
  if (!words[0] || words.some((w) => w !== words[0]) || !suffix) return null;
  return { en: words[0], zh: suffix };
}

/**
 * The action in the reader's words: what was done (for codes, "Red codes" / "Codes turned
 * green", the colour read from the summary; otherwise the summary's first clause), to whom
 * (the affected count and the groups' common noun, or the one group's name) and when.
 */
export function actionSubject(action: ActionFacts): { en: string; zh: string } {
  const kinds = (action.powers ?? []).map(lastSegment);
  const text = `${action.summary} ${action.summaryZh}`;
  let what: { en: string; zh: string };
  if (kinds.includes('assign')) {
    what = /红码|变红|red/i.test(text) ? { en: 'Red codes', zh: '赋红码' } : /黄码|yellow/i.test(text) ? { en: 'Yellow codes', zh: '赋黄码' } : { en: 'Codes assigned', zh: '赋码' };
  } else if (kinds.includes('convert')) {
    what = /绿|green/i.test(text) ? { en: 'Codes turned green', zh: '转绿码' } : { en: 'Codes converted', zh: '转码' };
  } else {
    what = { en: clause(action.summary, 90), zh: clauseZh(action.summaryZh, 24) };
  }
  const groups = action.groups ?? [];
  const noun1 = commonNoun(groups);
  let whom: { en: string; zh: string } | null = null;
  if (action.affectedCount != null) {
    whom = { en: `${action.affectedCount.toLocaleString('en')} ${noun1?.en ?? 'people'}`, zh: `${action.affectedCount}${noun1 ? `名${noun1.zh}` : '人'}` };
  } else if (groups.length === 1 && groups[0]!.name) {
    const g = groups[0]!;
    whom = { en: g.name!.charAt(0).toLowerCase() + g.name!.slice(1), zh: g.nameZh ?? g.name! };
  }
  const end = action.endedAt && action.endedAt !== action.startedAt ? action.endedAt : null;
  const when = end
    ? { en: `${action.startedAt} to ${end}`, zh: `${action.startedAt}至${end}` }
    : action.endedAt ? { en: action.startedAt, zh: action.startedAt } : { en: `from ${action.startedAt}`, zh: `${action.startedAt}起` };
  const isCodes = kinds.includes('assign') || kinds.includes('convert');
  return {
    en: `${what.en}${whom && isCodes ? ` for ${whom.en}` : ''} (${whom && !isCodes ? `${whom.en}, ` : ''}${when.en})`,
    zh: `${what.zh}（${whom ? `${whom.zh}，` : ''}${when.zh}）`,
  };
}

export function conditionText(c: Condition): { en: string; zh: string } {
  const en1 = c.description ?? [c.kind.toLowerCase(), c.param, c.min != null ? `≥ ${c.min}` : null, c.max != null ? `≤ ${c.max}` : null].filter(Boolean).join(' ');
  return { en: en1, zh: c.descriptionZh ?? en1 };
}
