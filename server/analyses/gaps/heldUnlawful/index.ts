// HELD_UNLAWFUL: actions a court or a later instrument held invalid or unlawful.
import type { Database } from '../../../neo4j/database.js';
import { citationSourceIds, describeNodes } from '../../evidence.js';
import { runAnalysis } from '../../run.js';
import type { Question, Ranked } from '../finding.js';
import { heldUnlawfulFinding, type HeldRow } from './wording.js';

/** The findings about `actions`. */
export async function heldUnlawfulFindings(db: Database, question: Question, actions: string[]): Promise<Ranked[]> {
  const rows = await runAnalysis<HeldRow>(db, 'gaps/heldUnlawful/heldUnlawful', {
    case: question.case,
    at: question.at,
    actions,
    laterHeld: question.reading === 'AS_LATER_HELD',
  });
  if (!rows.length) return [];
  const described = await describeNodes(
    db,
    rows.flatMap((r) => [r.action.id, r.instrument.id, ...citationSourceIds(r.holding.citations)]),
  );
  // One finding per action, with every holding against it.
  const byAction = new Map<string, HeldRow[]>();
  for (const r of rows) byAction.set(r.action.id, [...(byAction.get(r.action.id) ?? []), r]);
  return [...byAction.values()].map((held) => heldUnlawfulFinding(held, described));
}
