// `check`: import a bundle into a scratch database and ask its expected answers. The
// database given is emptied first, so it must be one kept for this (server/cli/check.ts
// starts a throw-away Neo4j, or uses a scratch database of NEO4J_URI).
import type { Database } from '../neo4j/database.js';
import { expectationsOf } from './expectations.js';
import { runExpectations, type ExpectationResult } from './expectationRun.js';
import { importBundle } from './importBundle.js';
import type { ParsedBundle } from './parse.js';
import type { Problem } from './problem.js';

export interface CheckResult {
  caseId?: string;
  /** Problems that kept the bundle (or one it needs) from importing; nothing was asked. */
  problems: Problem[];
  results: ExpectationResult[];
  passed: boolean;
}

/**
 * Empties `scratch`, imports `needs` (bundles the case points into, in order) and the
 * bundle, then asks every expectation of the bundle.
 */
export async function checkBundle(
  scratch: Database,
  bundle: ParsedBundle,
  needs: ParsedBundle[] = [],
  log: (line: string) => void = () => {},
): Promise<CheckResult> {
  await scratch.write((tx) => tx.run('MATCH (n) DETACH DELETE n'));
  log('Scratch database emptied.');
  for (const needed of needs) {
    const imported = await importBundle(scratch, needed);
    if (!imported.ok) return { problems: imported.problems, results: [], passed: false };
  }
  const imported = await importBundle(scratch, bundle);
  if (!imported.ok || !imported.caseId) return { problems: imported.problems, results: [], passed: false };
  log(`Imported case ${imported.caseId}; asking its expected answers.`);
  const results = await runExpectations(scratch, imported.caseId, expectationsOf(bundle.data));
  return { caseId: imported.caseId, problems: [], results, passed: results.every((r) => r.passed) };
}
