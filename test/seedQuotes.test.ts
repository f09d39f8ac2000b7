// Every quotation in the seed bundles is checkable against the source text kept in
// seed/sources/: each citation's quoteZh (and, for an English source, its quote) must appear
// verbatim in the cited source after stripping HTML tags and normalising whitespace.
// Statements' own quoteZh and provisions' textZh must appear in one of the sources they cite.
// No database is needed.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../server/config.js';

const SEED_DIR = path.join(projectRoot, 'seed');
const SOURCE_DIR = path.join(SEED_DIR, 'sources');

/**
 * Which file in seed/sources/ holds the text of each source id. The model has no property
 * for a local file (sources are cited by outlet, title and date), so the map lives here.
 */
const SOURCE_FILES: Record<string, string> = {
  'src-21jingji-2022-06-15': '000_74bf80b084c16b39.txt',
  'src-jiemian-2022-07-08': '001_216c09a340ba6e20.txt',
  'src-yicai-2022-06-15': '002_711575c35465774e.txt',
  'src-fengmian-2022-06-16': '003_97e5425a2587d7fd.txt',
  'src-tianmu-2022-06-15': '004_f0c34efe4a3a4b1d.txt',
  'src-millbrook-minutes-2024-03-04': 'illustrative-millbrook-minutes-2024-03-04.txt',
  // The UK case keeps extracts (marked as such, with URL and date) of the pages it quotes.
  'src-leg-ftpa-2011-s2': 'uk-legislation-ftpa-2011-s2.txt',
  'src-leg-ftpa-2011-s3': 'uk-legislation-ftpa-2011-s3.txt',
  'src-leg-ftpa-2011-s6': 'uk-legislation-ftpa-2011-s6.txt',
  'src-ftpa-2011-notes': 'uk-ftpa-2011-explanatory-notes.txt',
  'src-leg-epgea-2019': 'uk-legislation-epgea-2019.txt',
  'src-leg-dcpa-2022': 'uk-legislation-dcpa-2022.txt',
  'src-vlex-dcpa-2022': 'uk-vlex-dcpa-2022.txt',
  'src-dcpa-2022-notes': 'uk-dcpa-2022-explanatory-notes.txt',
  'src-bailii-2019-uksc-41': 'uk-bailii-2019-uksc-41.txt',
  'src-itcu-2019-09-24': 'uk-itcu-2019-09-24.txt',
  'src-clb-2019-09-24': 'uk-civillitigationbrief-2019-09-24.txt',
  'src-thestar-2019-09-24': 'uk-thestar-2019-09-24.txt',
  'src-inews-2019-08-28': 'uk-inews-2019-08-28.txt',
  'src-ht-2019-08-28': 'uk-hindustantimes-2019-08-28.txt',
  'src-pm-letter-2019-08-28': 'uk-pm-letter-2019-08-28.txt',
  'src-commons-library-cbp-8589': 'uk-commons-library-cbp-8589.txt',
  'src-parliament-news-2019-09-04': 'uk-parliament-news-2019-09-04.txt',
  'src-labourlist-2019-09-09': 'uk-labourlist-2019-09-09.txt',
  'src-telegraphindia-2019-09-10': 'uk-telegraphindia-2019-09-10.txt',
  'src-hansard-2019-09-09-p88': 'uk-hansard-2019-09-09-p88.txt',
  'src-politick-2019-09-10': 'uk-politick-2019-09-10.txt',
  'src-metro-2022-05-03': 'uk-metro-2022-05-03.txt',
  'src-museumofpm-johnson': 'uk-museumofpm-johnson.txt',
  'src-sussexexpress-2022-09-08': 'uk-sussexexpress-2022-09-08.txt',
  'src-refinery29-2022-09-08': 'uk-refinery29-2022-09-08.txt',
};

const BUNDLES = ['henan-red-code-2022.yaml', 'illustrative-millbrook-demolition-permit.yaml', 'uk-prorogation-2019.yaml'];

/** Private individuals the reports mention by surname or pseudonym; none may appear in a bundle. */
const PRIVATE_MARKERS = [
  '李先生',
  '章先生',
  '张先生',
  '汪先生',
  '姚先生',
  '小涛',
  // The law scholar 廖藏宜 is named: a public figure speaking on the record to the media (docs/seed-case.md).
  '李墨轩',
  '邓健',
  // The claimant in the English prorogation proceedings is a private person: "the claimant".
  'Gina',
  'Miller',
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Collapse every run of whitespace (ASCII, ideographic U+3000, no-break) to one space. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, ' ').trim();
}

/** The readable text of a source file: tags, comments and styles removed, entities decoded. */
export function sourceText(raw: string): string {
  const text = raw
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&([a-z]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m);
  return normaliseWhitespace(text);
}

interface Citation {
  source?: string;
  quoteZh?: string;
  quote?: string;
  locator?: string;
}
interface Found {
  at: string;
  citation: Citation;
}

/** Every `evidence` list anywhere in a bundle (on nodes and on cited relations). */
function citationsIn(value: unknown, at: string, out: Found[] = []): Found[] {
  if (Array.isArray(value)) value.forEach((v, i) => citationsIn(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'evidence' && Array.isArray(v)) v.forEach((c: Citation, i) => out.push({ at: `${at}.evidence[${i}]`, citation: c }));
      else citationsIn(v, `${at}.${key}`, out);
    }
  }
  return out;
}

const texts = new Map<string, string>();
function textOf(sourceId: string): string {
  const file = SOURCE_FILES[sourceId];
  if (!file) throw new Error(`No file in seed/sources is mapped to source "${sourceId}" (see SOURCE_FILES)`);
  if (!texts.has(sourceId)) texts.set(sourceId, sourceText(readFileSync(path.join(SOURCE_DIR, file), 'utf8')));
  return texts.get(sourceId)!;
}

type Bundle = Record<string, unknown> & { sources?: { id: string; language: string }[] };

for (const bundleFile of BUNDLES) {
  const raw = readFileSync(path.join(SEED_DIR, bundleFile), 'utf8');
  const bundle = parse(raw) as Bundle;
  const languages = new Map((bundle.sources ?? []).map((s) => [s.id, s.language]));
  const citations = citationsIn(bundle, '');

  describe(`quotations in seed/${bundleFile}`, () => {
    it('cite only sources the bundle defines and the test can read', () => {
      const unknown = citations.filter(({ citation }) => !citation.source || !languages.has(citation.source) || !SOURCE_FILES[citation.source]);
      expect(unknown.map((f) => `${f.at}: ${f.citation.source}`)).toEqual([]);
      expect(citations.length).toBeGreaterThan(0);
    });

    it('quote their sources verbatim (after stripping tags and normalising whitespace)', () => {
      const missing: string[] = [];
      for (const { at, citation } of citations) {
        const text = textOf(citation.source!);
        if (citation.quoteZh !== undefined && !text.includes(normaliseWhitespace(citation.quoteZh))) missing.push(`${at}: ${citation.quoteZh}`);
        if (languages.get(citation.source!) === 'en' && citation.quote !== undefined && !text.includes(normaliseWhitespace(citation.quote))) {
          missing.push(`${at}: ${citation.quote}`);
        }
      }
      expect(missing).toEqual([]);
    });

    it('keep quotations short and whole: no ellipses, at most 100 Chinese or 160 English characters', () => {
      const bad: string[] = [];
      for (const { at, citation } of citations) {
        const english = languages.get(citation.source!) === 'en';
        const verbatim = english ? citation.quote : citation.quoteZh;
        if (verbatim === undefined) continue;
        if (/…|\.\.\./.test(verbatim) || [...verbatim].length > (english ? 160 : 100)) bad.push(`${at}: ${verbatim}`);
      }
      expect(bad).toEqual([]);
    });

    it("give each statement's quote verbatim from a source it cites", () => {
      const statements = (bundle.statements ?? []) as { id: string; quoteZh?: string; quote?: string; evidence?: Citation[] }[];
      const bad: string[] = [];
      for (const s of statements) {
        const sources = (s.evidence ?? []).map((c) => c.source!);
        const verbatim = sources.every((id) => languages.get(id) === 'en') ? s.quote : s.quoteZh;
        if (verbatim === undefined) continue;
        if (!sources.some((id) => textOf(id).includes(normaliseWhitespace(verbatim)))) bad.push(`${s.id}: ${verbatim}`);
      }
      expect(bad).toEqual([]);
    });

    it('give verbatim provision texts only where a cited source prints them', () => {
      const provisions = (bundle.provisions ?? []) as { id: string; textZh?: string; evidence?: Citation[] }[];
      const bad = provisions
        .filter((p) => p.textZh !== undefined)
        .filter((p) => !(p.evidence ?? []).some((c) => textOf(c.source!).includes(normaliseWhitespace(p.textZh!))))
        .map((p) => p.id);
      expect(bad).toEqual([]);
    });

    it('name no private individual and hold no long number', () => {
      expect(PRIVATE_MARKERS.filter((m) => raw.includes(m))).toEqual([]);
      expect(raw.match(/\d{11,}/g) ?? []).toEqual([]);
    });
  });
}

describe('source text normalisation', () => {
  it('strips tags and collapses ideographic spaces', () => {
    expect(sourceText('<p cms-style="x">\u3000\u3000一<font>二</font>\n三&#123;</p>')).toBe('一 二 三{');
  });
});
