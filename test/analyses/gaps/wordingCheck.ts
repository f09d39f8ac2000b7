// What makes a reader-facing sentence wrong, whatever finding it belongs to: the other
// language outside a quotation or a bracketed name, a raw enum value, an internal id or
// slug, an ISO date (dates are written in words), a doubled punctuation mark. Used by the seed walk (findingsWording.test.ts) and by
// the database-free tests of each kind.

export interface WordingContext {
  /** Ids and slugs that must never be shown (node ids, purpose values). */
  ids: readonly string[];
  /** Enum values that must never be shown. */
  enums: readonly string[];
  /** Names of nodes, which may carry their own punctuation ("Co., Ltd.") or another script. */
  names?: readonly string[];
  /**
   * The case's own words in the other language, shown because the asked one is missing (a
   * body with only an English name in a Chinese sentence): the documented fallback, not a leak.
   */
  otherLanguage?: readonly string[];
}

/**
 * Latin script that Chinese text may carry: a proper name or an abbreviation, each word
 * capitalised or a number ("Boris Johnson", "CBIRC", "Court of Appeal", "s. 2(1)"), with only
 * the short joining words of names in between. A lowercase English phrase is a leak.
 */
const JOINING = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'de', 'upon', 'at']);
function isProperName(run: string): boolean {
  const words = run.split(/\s+/);
  return words.every((w, i) => /^[A-Z0-9]/.test(w) || (i > 0 && i < words.length - 1 && JOINING.has(w)));
}

/** Quoted passages and names: “…”, "…", 《…》, and for English text (…) after a name. */
function withoutQuotes(text: string): string {
  return text
    .replace(/“[^”]*”/g, '“”')
    .replace(/"[^"]*"/g, '""')
    .replace(/《[^》]*》/g, '《》');
}

export function wordingProblems(text: string, language: 'en' | 'zh', context: WordingContext): string[] {
  const problems: string[] = [];
  // A name's own inner punctuation ("Co., Ltd.") is not a doubled mark; its last character stays.
  let plain = text;
  for (const name of [...(context.names ?? [])].sort((a, b) => b.length - a.length)) {
    if (name.length > 3 && /[.,;:，。；：、]./.test(name)) plain = plain.split(name.slice(0, -1)).join('N');
  }
  const named = plain;
  for (const words of [...(context.otherLanguage ?? [])].sort((a, b) => b.length - a.length)) {
    if (words.length > 1) plain = plain.split(words).join('N');
  }
  const unquoted = withoutQuotes(plain);
  if (language === 'zh') {
    const latin = (unquoted.match(/[A-Za-z][A-Za-z0-9.'’-]*(?:\s+[A-Za-z0-9][A-Za-z0-9.'’-]*)*/g) ?? []).filter(
      (run) => /[A-Za-z]{3,}/.test(run) && (!isProperName(run) || context.enums.includes(run)),
    );
    if (latin.length) problems.push(`English in Chinese text: ${latin.join(' | ')}`);
  } else {
    const cjk = unquoted.replace(/\([^()]*\)/g, '()').match(/[\u3400-\u9fff]+/g);
    if (cjk) problems.push(`Chinese outside a quotation or bracketed name: ${cjk.join(' | ')}`);
    if (/^[^A-Za-z"“(]*[\u3400-\u9fff]/.test(plain)) problems.push('English sentence leads with Chinese');
  }
  for (const value of context.enums) {
    if (new RegExp(`(^|[^A-Za-z_])${value}([^A-Za-z_]|$)`).test(unquoted)) problems.push(`raw enum value ${value}`);
  }
  // A date is written in words at its precision ("11 June 2022", "2022年6月"), never as ISO.
  const iso = unquoted.match(/(?<![\w-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])/g);
  if (iso) problems.push(`ISO date in text: ${iso.join(' | ')}`);
  // An id or slug: dotted, numbered (#), or of three or more hyphenated parts; a two-part one
  // ("health-code") can be an ordinary English compound, so it is not flagged.
  for (const id of context.ids) {
    const looksLikeId = /[.#_]/.test(id) || id.split('-').length >= 3 || /-\d/.test(id);
    if (!looksLikeId || id.length <= 4) continue;
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^A-Za-z0-9.#_-])${escaped}($|[^A-Za-z0-9#_-])`).test(text)) problems.push(`internal id or slug ${id}`);
  }
  // Checked before the borrowed words are set aside: a borrowed sentence's full stop followed by "。" is doubled.
  const doubled = named.match(/[。，；：、！？][。，；：、！？]|[.,;:!?]\s*[.,;:!?](?!\d)|[.,;:!?][。，；：、！？]|\)\s*\.\s*\.|（）|\(\)/g);
  if (doubled) problems.push(`doubled punctuation: ${doubled.join(' | ')}`);
  return problems;
}
