// How an analysis runs: its Cypher lives in server/analyses/<name>.cypher (parameters
// listed at its top); this module loads it once and runs it in a read transaction.
import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { projectRoot } from '../config.js';
import type { Database } from '../neo4j/database.js';
import { expandFragments } from './fragments.js';

const loaded = new Map<string, string>();

function cypherOf(name: string): string {
  let text = loaded.get(name);
  if (text === undefined) {
    // {{fragment(…)}}: the shared pieces of queries (fragments.ts).
    text = expandFragments(fs.readFileSync(path.join(projectRoot, 'server', 'analyses', `${name}.cypher`), 'utf8'));
    loaded.set(name, text);
  }
  return text;
}

/** Sees every query's rows as they are returned; the row contract test (test/server/cypherRows.test.ts) sets it. */
export type QueryObserver = (name: string, rows: Record<string, unknown>[]) => void;
let observer: QueryObserver | undefined;
export function observeQueries(next: QueryObserver | undefined): void {
  observer = next;
}

/**
 * Runs the named analysis and returns its rows as plain objects, dates as YYYY-MM-DD strings.
 * The row type `T` is checked against what the query really returns, key by key, by the row
 * contract test on the seed cases: a renamed RETURN alias fails there.
 */
export async function runAnalysis<T = Record<string, unknown>>(db: Database, name: string, params: Record<string, unknown>): Promise<T[]> {
  const rows = (await db.query(cypherOf(name), params)).map((row) => plain(row) as Record<string, unknown>);
  observer?.(name, rows);
  return rows as T[];
}

/**
 * Converts Neo4j temporal values to ISO strings, recursively, so answers are plain JSON. Every
 * value of every row passes through here: primitives leave first, and objects are copied key by
 * key without the intermediate arrays of entries (a tenth of the server's time on large answers).
 */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (neo4j.isDate(value) || neo4j.isDateTime(value) || neo4j.isLocalDateTime(value)) return String(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = plain((value as Record<string, unknown>)[key]);
  return copy;
}

/** A date argument (GraphQL Date, string or JS Date) as YYYY-MM-DD; today when absent. */
export function isoDate(value: unknown, fallback: 'today' | 'none' = 'today'): string | null {
  if (value === null || value === undefined || value === '') return fallback === 'today' ? new Date().toISOString().slice(0, 10) : null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = String(value).slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error(`Not a date: ${String(value)} (use YYYY-MM-DD)`);
  return text;
}

export interface AnswerMeta {
  dataVersion: number;
  computedAt: string;
}

/** The data version and time every answer carries, so it can be cited and reproduced. */
export async function answerMeta(db: Database): Promise<AnswerMeta> {
  const [row] = await db.query<{ version: number | null }>("OPTIONAL MATCH (m:Meta {id: 'dataVersion'}) RETURN m.version AS version");
  return { dataVersion: row?.version ?? 0, computedAt: new Date().toISOString() };
}

/** How many items a list answer holds unless asked for fewer; the API never returns more. */
export const LIST_LIMIT = 200;

/** Applies a limit and says whether it cut the list. */
export function capped<T>(items: T[], limit: number): { items: T[]; incomplete: boolean } {
  return { items: items.slice(0, limit), incomplete: items.length > limit };
}

/**
 * A JSON property as stored on a node or relationship (Grant.conditions, Action.conditionsMet,
 * a relation's citations): the parsed value, or undefined when it is absent or malformed, so
 * a bad value reads as "nothing recorded" rather than failing the whole answer.
 */
export function storedJson(json: string | null | undefined): unknown {
  if (!json) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
