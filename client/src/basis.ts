// How a claim is known, shown where the claim is: a badge for an editor's reading or an
// inference (a statement of a source needs none), with a sentence saying what that means.
import { h } from './dom';
import { lang } from './messages';
import { pick } from './names';
import type { Basis } from './questions';

const WORDS: Record<Exclude<Basis, 'STATED'>, { en: string; zh: string; enLong: string; zhLong: string }> = {
  EDITOR_READING: {
    en: "editor's reading",
    zh: '编者解读',
    enLong: 'No source says this in so many words: it is how the case editor reads the sources.',
    zhLong: '没有来源直接这样说：这是案例编者对来源的解读。',
  },
  INFERRED: {
    en: 'inferred',
    zh: '推断',
    enLong: 'Quanze inferred this from the recorded facts; no source states it.',
    zhLong: '这是 Quanze 根据已记录的事实推断的，没有来源直接陈述。',
  },
};

/** A badge for a reading or an inference; nothing for what a source states. */
export function basisBadge(basis: Basis | null | undefined, note?: { en?: string | null; zh?: string | null }): HTMLElement | null {
  if (!basis || basis === 'STATED') return null;
  const words = WORDS[basis];
  const zh = lang() === 'zh';
  const title = pick(note?.en, note?.zh) || (zh ? words.zhLong : words.enLong);
  return h('span', { class: `badge basis basis-${basis}`, title, dataset: { testid: 'basis', basis } }, zh ? words.zh : words.en);
}
