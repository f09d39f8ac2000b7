// How a claim in an answer is known: STATED by a source, an EDITOR_READING of a source, or
// INFERRED by an analysis. An answer built of several steps is as weak as its weakest step.
import { BASES } from '../model/model.js';

export type Basis = (typeof BASES)[number];

/** The weakest of the given bases (absent = STATED, the stored default). */
export function weakestBasis(...bases: (string | null | undefined)[]): Basis {
  let weakest = 0;
  for (const basis of bases) weakest = Math.max(weakest, BASES.indexOf((basis ?? 'STATED') as Basis));
  return BASES[weakest];
}

/** How a basis other than STATED reads at the end of a sentence, in each language. */
export const BASIS_WORDS: Record<Exclude<Basis, 'STATED'>, { en: string; zh: string }> = {
  EDITOR_READING: { en: "the editor's reading of the sources, not their words", zh: '编辑对来源的解读，并非来源原话' },
  INFERRED: { en: 'inferred by the analysis, not stated by any source', zh: '由分析推断，并无来源明言' },
};
