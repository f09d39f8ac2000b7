// Names side by side: the current language first, the other after it.
import { h } from './dom';
import { lang, t } from './messages';
import type { NodeRef } from './questions';

export interface Named {
  id?: string;
  name?: string | null;
  nameZh?: string | null;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The two names in reading order for the current language, without repeats. */
export function namePair(item: Named): [string, string | undefined] {
  const zh = item.nameZh?.trim() || undefined;
  const en = item.name?.trim() || undefined;
  const first = (lang() === 'zh' ? (zh ?? en) : (en ?? zh)) ?? item.id ?? t('unnamed');
  const second = lang() === 'zh' ? en : zh;
  return [first, second && second !== first ? second : undefined];
}

/** A name as an inline element: primary name, the other language quieter. */
export function nameEl(item: Named, opts: { tag?: 'span' | 'strong' } = {}): HTMLElement {
  const [first, second] = namePair(item);
  const firstLang = lang() === 'zh' && item.nameZh ? 'zh' : item.name ? 'en' : 'zh';
  return h(
    opts.tag ?? 'span',
    { class: 'name' },
    h('span', { lang: firstLang }, first),
    second ? h('span', { class: 'name-other', lang: firstLang === 'zh' ? 'en' : 'zh' }, second) : null,
  );
}

/** The caption drawn under a node: both names on two lines, clipped. */
export function caption(item: Named, suffix = '', max = 40): string {
  const [first, second] = namePair(item);
  return [clip(first, max) + suffix, second ? clip(second, max + 4) : undefined].filter(Boolean).join('\n');
}

export function refName(ref: NodeRef | null | undefined): string {
  return ref ? namePair(ref)[0] : '';
}

/** A language's text of a pair of fields (title/titleZh, explanation/explanationZh…). */
export function pick(en: string | null | undefined, zh: string | null | undefined): string {
  return (lang() === 'zh' ? zh || en : en || zh) ?? '';
}
