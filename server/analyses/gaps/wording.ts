// Shared wording of findings: how an action, a purpose, a condition and a body are named in
// titles and explanations, in English and Chinese. Each kind's own sentences live beside it.
//
// Titles name their subject in the reader's words: the action (what was done, to whom, in
// which months), the body, the power. Purposes are shown with the labels of the case's PURPOSE
// terms; a purpose the case does not declare is never shown by its slug. Nothing here knows
// the words of any one case: what bears on people, and what a purpose is called, is data.
import { dateAtPrecision, formatDate, onDate } from '../../dates.js';
import type { Ref } from '../names.js';
import type { Condition } from '../types.js';

/** A short name for a title: the English name alone (the explanation gives both languages). */
export function short(ref: Ref | null | undefined): string {
  if (!ref) return 'an unknown body';
  return ref.name ?? ref.nameZh ?? ref.id;
}

/** A PURPOSE term's labels, as the case declares them (absent when it declares none). */
export interface PurposeLabel {
  label: string | null;
  labelZh: string | null;
}

/** What the reader is shown for a purpose the case does not declare: never its slug. */
export const UNDESCRIBED_PURPOSE = { en: 'a purpose the case does not describe', zh: '案例未说明的用途' };

/** A purpose in the reader's words, from the case's PURPOSE term (each language falls back to the other). */
export function purposeText(term: PurposeLabel | null | undefined): { en: string; zh: string } {
  if (!term || (!term.label && !term.labelZh)) return UNDESCRIBED_PURPOSE;
  return { en: term.label ?? term.labelZh!, zh: term.labelZh ?? term.label! };
}

/** What gaps needs of an action to name and weigh it (the `action` map of the gaps Cypher files). */
export interface ActionFacts {
  id: string;
  summary: string | null;
  summaryZh: string | null;
  /** A short name of the action where the case gives one. */
  title?: string | null;
  titleZh?: string | null;
  startedAt: string;
  /** YEAR or MONTH when the start is known only that far (startedAt is then its first day). */
  startedAtPrecision?: string | null;
  endedAt?: string | null;
  purpose?: string | null;
  purposeLabel?: PurposeLabel | null;
  /** STATED (or absent) when a source states the purpose; EDITOR_READING when an editor read it. */
  purposeBasis?: string | null;
  affectedCount?: number | null;
  groups?: { name: string | null; nameZh: string | null }[];
  /** The powers it exercised, with whether exercising them bears on people. */
  powers?: (Ref & { affectsPeople?: boolean | null })[];
}

/** Whether the action bears on people: it exercised a power the case declares `affectsPeople`. */
export function affectsPeople(action: ActionFacts): boolean {
  return (action.powers ?? []).some((p) => p.affectsPeople === true);
}

/** "for holding officials to account", hedged when the purpose is an editor's reading. */
export function purposePhrase(action: ActionFacts): { en: string; zh: string } {
  const p = purposeText(action.purposeLabel);
  return action.purposeBasis === 'EDITOR_READING'
    ? { en: `for what an editor reads as ${p.en} (no source states the purpose)`, zh: `据编者解读，目的是${p.zh}（来源未明言其目的）` }
    : { en: `for ${p.en}`, zh: `目的是${p.zh}` };
}

/** The first clause of a summary, cut at a word boundary. */
export function clause(text: string, max: number): string {
  const first = text
    .split(/;\s|\.\s|,\s(?=[a-z])/)[0]
    .trim()
    .replace(/\.$/, '');
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
export function clauseZh(text: string, max: number): string {
  const parts = text
    .split(/[，；。：]/)
    .map((p) => p.trim())
    .filter(Boolean);
  // A clause that is only a date ("2022年6月13日") names nothing.
  const first = parts.find((p) => !/^\d{4}年\d{1,2}月\d{1,2}日$/.test(p)) ?? text;
  return first.length <= max ? first : `${first.slice(0, max)}…`;
}

/** The summary's first clause: what tells apart two actions whose subjects read alike. */
export function actionDetail(action: ActionFacts): { en: string; zh: string } {
  const en1 = action.summary ? clause(action.summary, 60) : null;
  const zh1 = action.summaryZh ? clauseZh(action.summaryZh, 20) : null;
  // A case written in one language lends its words to the other, quoted as its own words.
  const day = dateWords(action.startedAt, action.startedAtPrecision);
  return { en: en1 ?? (zh1 ? `“${zh1}”` : day.en), zh: zh1 ?? (en1 ? `“${en1}”` : day.zh) };
}

/** The longest common ending of Chinese names ("…的X" and "…的X" give X), or the common first word of English ones. */
export function commonNoun(groups: { name: string | null; nameZh: string | null }[]): { en: string; zh: string } | null {
  if (!groups.length) return null;
  const words = groups.map((g) => (g.name ?? '').split(' ')[0].toLowerCase());
  const zhNames = groups.map((g) => g.nameZh ?? '');
  let suffix = zhNames[0];
  for (const n of zhNames) while (suffix && !n.endsWith(suffix)) suffix = suffix.slice(1);
  // Names that share "…的X" share the noun X: what follows the last 的.
  suffix = suffix.slice(suffix.lastIndexOf('的') + 1);
  if (!words[0] || words.some((w) => w !== words[0]) || !suffix) return null;
  return { en: words[0], zh: suffix };
}

/** A day as its month, in each language ("June 2022", "2022年6月"). */
export function monthOf(day: string): { en: string; zh: string; year: string; month: number } {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  return { en: formatDate(day.slice(0, 7), 'en'), zh: formatDate(day.slice(0, 7), 'zh'), year, month };
}

/**
 * A stored date in the reader's words, at the precision it was stored with (a date in a
 * sentence is never ISO): "11 June 2022" or "June 2022"; "2022年6月11日" or "2022年6月".
 */
export function dateWords(first: string, precision?: string | null): { en: string; zh: string } {
  const value = dateAtPrecision(first, precision);
  return { en: formatDate(value, 'en'), zh: formatDate(value, 'zh') };
}

/** The same with the English preposition its precision takes: "on 11 June 2022", "in June 2022" (Chinese needs none). */
export function onDateWords(first: string, precision?: string | null): { en: string; zh: string } {
  const value = dateAtPrecision(first, precision);
  return { en: onDate(value), zh: formatDate(value, 'zh') };
}

/** A phrase made the start of a sentence ("on 11 June 2022" gives "On 11 June 2022"). */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The months an action spans, for a title ("June 2022", "June–July 2022", "2022年6月至7月"). */
export function periodOf(startedAt: string, endedAt?: string | null): { en: string; zh: string } {
  const from = monthOf(startedAt);
  const to = endedAt ? monthOf(endedAt) : null;
  if (!to || (to.year === from.year && to.month === from.month)) return { en: from.en, zh: from.zh };
  if (to.year === from.year) return { en: `${from.en.replace(/ \d{4}$/, '')}–${to.en}`, zh: `${from.zh}至${to.month}月` };
  return { en: `${from.en} to ${to.en}`, zh: `${from.zh}至${to.zh}` };
}

/** A name for a title, without a trailing bracketed gloss ("Assign a code (including red)" gives "Assign a code"). */
export function bare(name: string): string {
  return name.replace(/\s*[(（][^()（）]*[)）]$/, '') || name;
}

/**
 * The action in the reader's words, for a title: what was done (the action's own short title
 * where the case gives one, else the name of the power it exercised), to whom (the affected
 * count and the groups' common noun, or the one group's name) and when (its months).
 */
export function actionSubject(action: ActionFacts): { en: string; zh: string } {
  const power = action.powers?.[0];
  const detail = actionDetail(action);
  const what = {
    en: action.title ?? (power ? bare(power.name ?? power.nameZh ?? '') : '') ?? '',
    zh: action.titleZh ?? (power ? bare(power.nameZh ?? power.name ?? '') : '') ?? '',
  };
  const groups = action.groups ?? [];
  const noun1 = commonNoun(groups);
  let whom: { en: string; zh: string } | null = null;
  if (action.affectedCount != null) {
    whom = {
      en: `${action.affectedCount.toLocaleString('en')} ${noun1?.en ?? 'people'}`,
      zh: `${action.affectedCount}${noun1 ? `名${noun1.zh}` : '人'}`,
    };
  } else if (groups.length === 1 && (groups[0].name || groups[0].nameZh)) {
    const g = groups[0];
    whom = { en: g.name ? g.name.charAt(0).toLowerCase() + g.name.slice(1) : g.nameZh!, zh: g.nameZh ?? g.name! };
  }
  const when = periodOf(action.startedAt, action.endedAt);
  return {
    en: `${what.en || detail.en} (${whom ? `${whom.en}, ` : ''}${when.en})`,
    zh: `${what.zh || detail.zh}（${whom ? `${whom.zh}，` : ''}${when.zh}）`,
  };
}

/** A sentence as given, with its closing mark added only when it has none. */
export function sentence(text: string, language: 'en' | 'zh'): string {
  const t = text.trim();
  if (language === 'en') return /[.!?]["”')]?$/.test(t) ? t : `${t}.`;
  // A sentence borrowed from a case written in English keeps its own closing mark.
  return /[。！？.!?][”」）"')]?$/.test(t) ? t : `${t}。`;
}

/** The action's own summary as a sentence, in the asked language (the other when it has none). */
export function summarySentence(action: ActionFacts, language: 'en' | 'zh'): string {
  const text = language === 'en' ? (action.summary ?? action.summaryZh) : (action.summaryZh ?? action.summary);
  return text ? sentence(text, language) : '';
}

/** A condition in the reader's words: its description, else what it requires in plain words. */
export function conditionText(c: Condition): { en: string; zh: string } {
  const kinds: Record<string, { en: string; zh: string }> = {
    THRESHOLD: { en: 'a threshold', zh: '数量条件' },
    CONSENT: { en: 'a consent', zh: '同意' },
    APPROVAL: { en: 'an approval', zh: '批准' },
    PROCEDURE: { en: 'a procedure', zh: '程序' },
  };
  const kind = kinds[c.kind] ?? { en: 'a condition', zh: '条件' };
  const range = {
    en: [c.min != null ? `at least ${c.min}` : null, c.max != null ? `at most ${c.max}` : null].filter(Boolean).join(' and '),
    zh: [c.min != null ? `不少于${c.min}` : null, c.max != null ? `不超过${c.max}` : null].filter(Boolean).join('且'),
  };
  const by = c.body ? { en: ` of ${c.body.name ?? c.body.nameZh}`, zh: `${c.body.nameZh ?? c.body.name}的` } : { en: '', zh: '' };
  const generic = { en: `${kind.en}${by.en}${range.en ? ` (${range.en})` : ''}`, zh: `${by.zh}${kind.zh}${range.zh ? `（${range.zh}）` : ''}` };
  // A description is a phrase here, inside a sentence: its own closing mark is dropped.
  const phrase = (text: string | null) => (text ? text.trim().replace(/[.。;；]+$/, '') : null);
  return { en: phrase(c.description) ?? phrase(c.descriptionZh) ?? generic.en, zh: phrase(c.descriptionZh) ?? phrase(c.description) ?? generic.zh };
}

/** An actor's part in an action, in the reader's words (never the role's enum value). */
export function roleText(role: string): { en: string; zh: string } {
  const roles: Record<string, { en: string; zh: string }> = {
    DECIDED: { en: 'decided it', zh: '决定' },
    EXECUTED: { en: 'carried it out', zh: '执行' },
    REQUESTED: { en: 'asked for it', zh: '提出要求' },
    COMMUNICATED: { en: 'told people of it', zh: '传达' },
  };
  return roles[role] ?? { en: 'took part', zh: '参与' };
}
