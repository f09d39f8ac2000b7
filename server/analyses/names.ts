// How answers name a node in their sentences: English text gives both names, Chinese text
// the Chinese one; lists are joined the way each language joins them.

export type Ref = { id: string; label?: string; name: string | null; nameZh: string | null };

/** "Zhengzhou Health Commission (郑州市卫生健康委员会)": English text names bodies in both languages. */
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
