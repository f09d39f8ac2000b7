// "Cite this": a citation a scholar can paste for any answer or finding — the question, the
// date it answers for, the data version, the permalink and the sources quoted — as plain
// text and as BibTeX.
import { h } from './dom';
import { t } from './messages';
import type { Evidence } from './questions';

export interface Citable {
  /** The question asked, or the finding's title. */
  question: string;
  caseTitle: string;
  /** The date the answer is for, if any. */
  date?: string;
  dataVersion?: number;
  link: string;
  evidence: Evidence[];
}

function sourcesOf(evidence: Evidence[]): string[] {
  const seen = new Map<string, string>();
  for (const e of evidence) {
    const s = e.source;
    if (!s?.id || seen.has(s.id)) continue;
    seen.set(s.id, [s.outlet, s.title, s.publishedAt, s.url].filter(Boolean).join(', '));
  }
  return [...seen.values()];
}

export function plainCitation(c: Citable, accessed = new Date().toISOString().slice(0, 10)): string {
  const sources = sourcesOf(c.evidence);
  return [
    `Quanze, “${c.question}”, ${c.caseTitle}${c.date ? `, as of ${c.date}` : ''}, data version ${c.dataVersion ?? '?'}. ${c.link} (accessed ${accessed}).`,
    sources.length ? `Sources quoted: ${sources.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

const bib = (s: string) => s.replace(/[{}\\]/g, '').replace(/([%&#_$])/g, '\\$1');

export function bibtexCitation(c: Citable, accessed = new Date().toISOString().slice(0, 10)): string {
  const sources = sourcesOf(c.evidence);
  const key = `quanze-${(c.caseTitle.match(/[A-Za-z0-9]+/g) ?? ['case']).slice(0, 2).join('-').toLowerCase()}-v${c.dataVersion ?? 0}`;
  return [
    `@misc{${key},`,
    `  title = {{${bib(c.question)}}},`,
    `  author = {{Quanze}},`,
    `  howpublished = {${bib(c.caseTitle)}${c.date ? `, as of ${c.date}` : ''}, data version ${c.dataVersion ?? '?'}},`,
    `  url = {${c.link}},`,
    `  urldate = {${accessed}},`,
    sources.length ? `  note = {Sources quoted: ${bib(sources.join('; '))}},` : null,
    '}',
  ]
    .filter(Boolean)
    .join('\n');
}

/** A "Cite this" disclosure with both forms, each with a copy button. */
export function citeEl(get: () => Citable): HTMLElement {
  const body = h('div', { class: 'cite-body' });
  const box = h('details', { class: 'cite-this', dataset: { testid: 'cite-this' } }, h('summary', {}, t('citeThis')), body);
  box.addEventListener('toggle', () => {
    if (!box.open) return;
    const c = get();
    const block = (label: string, text: string, testid: string) => {
      const pre = h('pre', { class: 'citation', tabindex: 0, dataset: { testid } }, text);
      const copy = h(
        'button',
        {
          type: 'button',
          class: 'small',
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(text);
              copy.textContent = t('copied');
            } catch {
              getSelection()?.selectAllChildren(pre);
            }
          },
        },
        t('copy'),
      );
      return h('div', {}, h('p', { class: 'meta' }, label, ' ', copy), pre);
    };
    body.replaceChildren(block(t('citePlain'), plainCitation(c), 'cite-plain'), block('BibTeX', bibtexCitation(c), 'cite-bibtex'));
  });
  return box;
}
