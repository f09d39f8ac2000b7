// search (search.cypher): find a node by any of its names, or a statement, action or source
// by its words, with the text that matched and, for a body renamed or replaced, its
// successor (searching a bureau's former name shows the bureau and the body it became).
import neo4j from 'neo4j-driver';
import type { Database } from '../neo4j/database.js';
import { describeNodes, refOf, type IdsByLabel } from './evidence.js';
import { runAnalysis } from './run.js';
import type { NodeRef } from './types.js';

export interface SearchHit {
  node: NodeRef;
  score: number;
  matched: string | null;
  successor: NodeRef | null;
}

export interface SearchAnswer {
  text: string;
  hits: SearchHit[];
  incomplete: boolean;
}

export const DEFAULT_SEARCH_LIMIT = 20;

/** Lucene's query syntax characters, escaped so user text is searched as text ("(" or '"' never breaks the query). */
function escapeLucene(text: string): string {
  return text.replace(/[\\+\-!():^[\]"{}~*?|&/]/g, '\\$&');
}

/** The parameters of search.cypher for a user's text. */
function searchParameters(text: string, limit: number) {
  const plain = text.trim().toLowerCase().replace(/\s+/g, ' ');
  // Lowercase keeps AND / OR / NOT from being read as operators; the analyzer lowercases anyway.
  const indexable = /[\p{L}\p{N}]/u.test(plain);
  const latin = /^[a-z\s']+$/.test(plain) && plain.replace(/[\s']/g, '').length >= 2;
  return {
    lucene: indexable ? escapeLucene(plain) : null,
    text: plain,
    contains: [...plain].length === 1 ? plain : null,
    pinyin: latin ? plain.replace(/[\s']/g, '') : null,
    tokens: plain.split(' ').filter((t) => t.length > 0),
    // The hits that hold the text in order, scored as the text alone scores them (the phrase adds nothing: ^0).
    phrase: indexable ? `+"${escapeLucene(plain)}"^0 (${escapeLucene(plain)})` : null,
    // One more than shown, to tell whether the list was cut; an integer, as LIMIT requires.
    limit: neo4j.int(limit + 1),
  };
}

interface Row {
  id: string;
  label: string;
  score: number;
  matched: string | null;
  successor: string | null;
  bound: number | null;
}

/** Hits taken from each full-text query at first, per row asked: most questions are answered by the first take. */
const FIRST_TAKE_PER_ROW = 4;

export async function search(db: Database, question: { text: string; limit?: number }): Promise<SearchAnswer> {
  const limit = question.limit ?? DEFAULT_SEARCH_LIMIT;
  const params = searchParameters(question.text, limit);
  if (!params.text) return { text: question.text, hits: [], incomplete: false };
  // Take the best hits of each full-text query, and more only while a hit not taken could still reach the page.
  let take = Math.max(50, FIRST_TAKE_PER_ROW * (limit + 1));
  let rows = await runAnalysis<Row>(db, 'search', { ...params, take: neo4j.int(take) });
  while (!pageSettled(rows, limit + 1)) {
    take *= 8;
    rows = await runAnalysis<Row>(db, 'search', { ...params, take: neo4j.int(take) });
  }
  // Each hit under its own label, a successor as the Body it is.
  const byLabel: Partial<Record<string, string[]>> = { Body: rows.flatMap((r) => (r.successor ? [r.successor] : [])) };
  for (const r of rows) (byLabel[r.label] ??= []).push(r.id);
  const described = await describeNodes(db, [], byLabel as IdsByLabel);
  const hits = rows.slice(0, limit).map((r) => ({
    node: refOf(described, r.id),
    score: Math.round(r.score * 1000) / 1000,
    matched: r.matched,
    successor: r.successor ? refOf(described, r.successor, 'Body') : null,
  }));
  return { text: question.text, hits, incomplete: rows.length > limit };
}

/**
 * Whether the rows are the page every hit would give: each full-text query was read to its end,
 * or the page is full and its last row scores above the best a hit not taken could reach (a tie
 * could go either way, by id).
 */
function pageSettled(rows: Row[], wanted: number): boolean {
  const bound = rows[0]?.bound ?? null;
  if (bound === null) return true;
  return rows.length >= wanted && rows[wanted - 1].score > bound;
}
