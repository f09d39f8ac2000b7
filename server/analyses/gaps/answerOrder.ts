// The order of the findings in an answer, and how two whose titles read alike are told apart.
// Both need every finding of the set, so they are done once the last batch is in: in memory
// for an answer computed in the process (../gaps.ts caseFindings), and on the few keys kept of
// each finding for a set stored a batch at a time (../derived/findingsBatchStore.ts). Both use
// alikeOf, tellApart and inAnswerOrder, so the two cannot drift apart.
import { SEVERITY_ORDER, type Finding, type Ranked } from './finding.js';

/** What tells apart two findings whose subjects read alike (same kind of act, people and day), in both languages. */
export interface Detail {
  en: string;
  zh: string;
}

/** What findings are ordered by in an answer: severity, people affected (most first), title, id. */
export type OrderKeys = Pick<Ranked, 'severity' | 'affected' | 'title' | 'id'>;

/** The findings with distinct ids; of two with one id, the later (the store of batches does the same). */
export const uniqueById = <T extends { id: string }>(all: T[]): T[] => [...new Map(all.map((f) => [f.id, f])).values()];

/** A title that reads like another's, with the detail that tells them apart (the Chinese title too, where it is kept). */
export function tellApart(f: { title: string; titleZh?: string }, detail: Detail): void {
  f.title = `${f.title} — ${detail.en}`;
  if (f.titleZh !== undefined) f.titleZh = `${f.titleZh}——${detail.zh}`;
}

/** The answer's order; titles compared by localeCompare, in Node (Neo4j's ORDER BY would differ). */
export const inAnswerOrder = (a: OrderKeys, b: OrderKeys): number =>
  SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
  b.affected - a.affected ||
  a.title.localeCompare(b.title) ||
  a.id.localeCompare(b.id);

/**
 * The findings that take their detail: each whose title reads like another's in the set (the
 * same text exactly) and that has a detail (`hasDetail`), in the order given.
 */
export function alikeOf<T extends { title: string }>(all: T[], hasDetail: (f: T) => boolean): T[] {
  const titles = new Map<string, number>();
  for (const f of all) titles.set(f.title, (titles.get(f.title) ?? 0) + 1);
  return all.filter((f) => (titles.get(f.title) ?? 0) > 1 && hasDetail(f));
}

/**
 * Puts every finding of a set in the answer's order, in place: first each one whose title reads
 * like another's in the set, and that has a detail, takes it (tellApart), then all are sorted.
 * Returns the findings told apart. A store that keeps only keys in memory does the same steps
 * (alikeOf, tellApart, inAnswerOrder) with each detail read back from the database.
 */
export function tellApartAndOrder<T extends OrderKeys & { titleZh?: string; detail?: Detail }>(all: T[]): T[] {
  const alike = alikeOf(all, (f) => f.detail !== undefined);
  for (const f of alike) tellApart(f, f.detail!);
  all.sort(inAnswerOrder);
  return alike;
}

/** A finding as answered: without what it is ordered and told apart by. */
export const unranked = ({ affected: _affected, detail: _detail, ...finding }: Ranked): Finding => finding;
