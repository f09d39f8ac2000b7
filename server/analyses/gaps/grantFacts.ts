// The condition ids and basis of grants (grantFacts.cypher), for the kinds that judge holdings.
import type { Database } from '../../neo4j/database.js';
import { runAnalysis, storedJson } from '../run.js';
import type { Holder } from '../types.js';

export interface GrantFacts {
  /** The ids of its conditions, in the order whoCan lists them. */
  conditionIds: string[];
  basis: string | null;
}

export async function grantFacts(db: Database, grantIds: string[]): Promise<Map<string, GrantFacts>> {
  const facts = new Map<string, GrantFacts>();
  if (!grantIds.length) return facts;
  const rows = await runAnalysis<{ id: string; conditions: string | null; basis: string | null }>(db, 'gaps/grantFacts', {
    ids: [...new Set(grantIds)],
  });
  for (const row of rows) {
    const parsed = storedJson(row.conditions);
    const list = (Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : []) as { kind?: unknown; id?: unknown }[];
    const conditionIds = list.filter((c) => typeof c?.kind === 'string').map((c, n) => (typeof c.id === 'string' ? c.id : `${row.id}#${n + 1}`));
    facts.set(row.id, { conditionIds, basis: row.basis });
  }
  return facts;
}

/** The bases a holding rests on: its grant's, and INFERRED when it is held through a type, a succession or a delegation. */
export function holdingBases(holders: Holder[], facts: Map<string, GrantFacts>): string[] {
  return holders.flatMap((h) => [facts.get(h.grantId)?.basis ?? h.basis ?? 'STATED', h.via === 'DIRECT' ? 'STATED' : 'INFERRED']);
}
