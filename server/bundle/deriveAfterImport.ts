// The last step of an import: derive what the questions read from the imported data (the
// findings of the cases the import affected, server/analyses/derived/), and say how long it
// took in the import's result. Runs after the switch-over, outside its transaction: until it
// has stored them, the affected findings read as stale and are computed by their readers.
// With `findings: 'later'` only the case's links are noted (so the sets of unrelated cases
// stay current) and the affected sets are left stale for their first reader.
import { deriveFindings, type FindingsDeriveReport } from '../analyses/derived/deriveFindings.js';
import type { Database } from '../neo4j/database.js';
import type { ImportOptions, ImportResult } from './importBundle.js';

export type { FindingsDeriveReport };

export async function deriveAfterImport(db: Database, result: ImportResult, options: Pick<ImportOptions, 'findings'> = {}): Promise<ImportResult> {
  if (!result.ok || result.dryRun || !result.caseId) return result;
  const started = Date.now();
  try {
    return { ...result, derivedFindings: await deriveFindings(db, result.caseId, { compute: options.findings !== 'later' }) };
  } catch (error) {
    // The case is switched over and answering: a failed derive leaves its finding sets stale,
    // so gaps computes them for its first reader. The import stays done and says what failed.
    const message = error instanceof Error ? error.message : String(error);
    return { ...result, derivedFindings: { seconds: (Date.now() - started) / 1000, sets: [], findings: 0, error: message } };
  }
}
