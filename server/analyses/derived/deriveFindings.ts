// The derive step of the findings: after an import, the finding sets it may have changed are
// computed again and stored (./findingsStore.ts), so gaps answers from the database. Which
// sets: those the import made stale (their component holds the imported case, or touches
// it), and the imported case's own, in both readings. Sets of unrelated cases stay as they
// are. The same computing serves a reader that finds a set missing or stale.
import { performance } from 'node:perf_hooks';
import type { Database } from '../../neo4j/database.js';
import { caseFindings, type CaseFindings, type Question } from '../gaps.js';
import { componentOf, noteLinks } from './caseLinks.js';
import { dropSetsOfGoneCases, isCurrent, staleSets, storeFindings, versionFor } from './findingsStore.js';

export const READINGS: readonly Question['reading'][] = ['AS_IT_STOOD', 'AS_LATER_HELD'];

export interface FindingsDeriveReport {
  /** Wall time of the derive step, in seconds. */
  seconds: number;
  /** The finding sets computed and stored, as `case|reading`. */
  sets: string[];
  /** How many findings they hold together. */
  findings: number;
}

/**
 * Computes every finding of a case and reading (`at` absent) and stores it, tagged with the
 * data version read before computing and the component read then. Returns the findings, or
 * null when the case was not imported through Quanze (then nothing is stored: see versionFor).
 */
export async function deriveSet(
  db: Database,
  q: Question,
  storeFailed?: (error: unknown) => void,
): Promise<{ all: CaseFindings; stored: boolean } | null> {
  const version = await versionFor(db, q.case);
  if (version === null) return null;
  const inputs = await componentOf(db, q.case);
  const all = await caseFindings(db, q);
  const storing = storeFindings(db, q, version, inputs, all);
  const stored = storeFailed
    ? await storing.catch((error: unknown) => {
        storeFailed(error);
        return false;
      })
    : await storing;
  return { all, stored };
}

/** The derive step after an import of `caseId` (also after an unchanged one: a missing set is computed). */
export async function deriveFindings(db: Database, caseId: string): Promise<FindingsDeriveReport> {
  const started = performance.now();
  await noteLinks(db, caseId);
  await dropSetsOfGoneCases(db);
  const todo = await staleSets(db);
  for (const reading of READINGS) {
    if (!todo.some((t) => t.case === caseId && t.reading === reading) && !(await isCurrent(db, caseId, reading)))
      todo.push({ case: caseId, reading });
  }
  const sets: string[] = [];
  let findings = 0;
  for (const { case: id, reading } of todo) {
    const derived = await deriveSet(db, { case: id, at: null, reading });
    if (!derived) continue;
    sets.push(`${id}|${reading}`);
    findings += derived.all.findings.length;
  }
  return { seconds: Math.round((performance.now() - started) / 10) / 100, sets, findings };
}
