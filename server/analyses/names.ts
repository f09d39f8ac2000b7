// How answers name a node in their sentences: English text gives both names, Chinese text
// the Chinese one; lists are joined the way each language joins them.

export type Ref = { id: string; label?: string; name: string | null; nameZh: string | null };

/** "Harbour City Health Commission (港市卫健委)": English text names bodies in both languages. */
export function en(ref: Ref | null | undefined): string {
  if (!ref) return 'an unknown body';
  if (ref.name && ref.nameZh && ref.name !== ref.nameZh) return `${ref.name} (${ref.nameZh})`;
  return ref.name ?? ref.nameZh ?? ref.id;
}
export function zh(ref: Ref | null | undefined): string {
  if (!ref) return '未知机构';
  return ref.nameZh ?? ref.name ?? ref.id;
}
export function enList(refs: Ref[]): string {
  const names = refs.map(en);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
export function zhList(refs: Ref[]): string {
  return refs.map(zh).join('、');
}

/** A kind of instrument in readers' words: a DOC_TYPE term's labels when the case declares one, else the built-in value's. */
const DOC_KINDS: Record<string, { en: string; zh: string }> = {
  CONSTITUTION: { en: 'constitution', zh: '宪法' },
  TREATY: { en: 'treaty', zh: '条约' },
  STATUTE: { en: 'statute', zh: '法律' },
  LAW: { en: 'law', zh: '法律' },
  REGULATION: { en: 'regulation', zh: '法规' },
  DECREE: { en: 'decree', zh: '法令' },
  EXECUTIVE_ORDER: { en: 'executive order', zh: '行政命令' },
  ORDER: { en: 'order', zh: '命令' },
  PROCLAMATION: { en: 'proclamation', zh: '公告' },
  MEASURE: { en: 'measures', zh: '办法' },
  NOTICE: { en: 'notice', zh: '通知' },
  GUIDELINE: { en: 'guideline', zh: '指引' },
  INTERNAL_DECISION: { en: 'internal decision', zh: '内部决定' },
  JUDGMENT: { en: 'judgment', zh: '判决' },
  CONVENTION: { en: 'constitutional convention', zh: '宪法惯例' },
};

export function docKindText(
  docType: string | null | undefined,
  term?: { label: string | null; labelZh: string | null } | null,
): { en: string; zh: string } {
  if (term && (term.label || term.labelZh)) return { en: term.label ?? term.labelZh!, zh: term.labelZh ?? term.label! };
  return DOC_KINDS[docType ?? ''] ?? { en: 'instrument', zh: '文件' };
}

/** An instrument's title in each language (the other when one is missing). */
export function titleOf(i: { title?: string | null; titleZh?: string | null; id: string }): { en: string; zh: string } {
  return { en: i.title ?? i.titleZh ?? i.id, zh: i.titleZh ?? i.title ?? i.id };
}

/**
 * A provision's reference for Chinese text: its `refZh` when it has one, else its `ref` unless
 * that is an English phrase (a ref like "s. 12(1)" or 第三条 is kept; "local rules clause" is left out).
 */
export function refForZh(ref: string | null | undefined, refZh?: string | null): string {
  if (refZh) return refZh;
  return ref && !/[A-Za-z]{3,}/.test(ref) ? ref : '';
}
