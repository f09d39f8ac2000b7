// How the gaps question is answered: from the stored findings when they are current (paged in
// Neo4j, so the first page of a huge case comes at once), otherwise computed as gaps.ts does,
// and stored for the next reader when `at` is absent.
import type { Database } from '../../neo4j/database.js';
import { describeNodes, requireNode } from '../evidence.js';
import { gaps, pageOf, type GapsAnswer, type GapsQuestion } from '../gaps.js';
import { deriveSet } from './deriveFindings.js';
import { storedPage } from './findingsStore.js';

export async function answerGaps(db: Database, question: GapsQuestion): Promise<GapsAnswer> {
  const q = { case: question.case, at: question.at ?? null, reading: question.reading ?? 'AS_IT_STOOD' } as const;
  const paging = { ...q, limit: question.limit, after: question.after };
  // A date asks what had happened by then: computed each time, never stored.
  if (q.at !== null) return gaps(db, question);
  const caseRef = requireNode(await describeNodes(db, [q.case]), 'Case', q.case);
  const stored = await storedPage(db, paging);
  if (stored) return { case: caseRef, at: null, reading: q.reading, ...stored };
  // A failed store (a deadline, a lost connection) does not cost the reader the answer.
  const derived = await deriveSet(db, q, (error) => console.warn(`Findings of ${q.case} not stored: ${(error as Error).message}`));
  return derived ? pageOf(derived.all, paging) : gaps(db, question);
}
