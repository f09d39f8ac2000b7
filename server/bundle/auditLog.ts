// The audit log: one `AuditEntry` node per import that changed the graph, written in the same
// transaction as the change, so an entry exists exactly when its write committed. No question
// matches the label, and no case owns an entry: entries outlive the cases they describe.
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../neo4j/database.js';

/** Who wrote and through what: `api` (an editor's request), `cli` (`npm run import`) or `seed` (start-up seeding). */
export interface Writer {
  who: string;
  via: 'api' | 'cli' | 'seed';
}

export interface AuditEntry {
  id: string;
  /** When the write committed, ISO 8601 UTC. */
  at: string;
  who: string;
  via: string;
  case: string;
  created: number;
  updated: number;
  unchanged: number;
  /** Nodes that left the case and were deleted. */
  removed: number;
  relations: number;
  /** The data version the write produced. */
  dataVersion: number;
}

export const UNKNOWN_WRITER: Writer = { who: 'unknown', via: 'api' };

type Counts = Omit<AuditEntry, 'id' | 'at' | 'who' | 'via' | 'case' | 'dataVersion'>;

/** Records a write inside its own transaction; `dataVersion` is the version that transaction sets. */
export async function recordWrite(tx: ManagedTransaction, writer: Writer, caseId: string, counts: Counts, dataVersion: number): Promise<void> {
  await tx.run(
    `CREATE (:AuditEntry {id: randomUUID(), at: datetime(), who: $who, via: $via, case: $case, created: $created, updated: $updated,
       unchanged: $unchanged, removed: $removed, relations: $relations, dataVersion: $dataVersion})`,
    { ...counts, who: writer.who, via: writer.via, case: caseId, dataVersion },
  );
}

/** The newest entries first, of one case or of all. */
export async function readAuditLog(db: Database, options: { case?: string | null; limit: number }): Promise<AuditEntry[]> {
  const rows = await db.query<Record<string, unknown>>(
    `MATCH (a:AuditEntry) WHERE $case IS NULL OR a.case = $case
     RETURN a.id AS id, toString(a.at) AS at, a.who AS who, a.via AS via, a.case AS case, a.created AS created, a.updated AS updated,
            a.unchanged AS unchanged, a.removed AS removed, a.relations AS relations, a.dataVersion AS dataVersion
     ORDER BY a.at DESC LIMIT toInteger($limit)`,
    { case: options.case ?? null, limit: options.limit },
  );
  return rows.map((r) => ({
    id: String(r.id),
    at: String(r.at),
    who: String(r.who),
    via: String(r.via),
    case: String(r.case),
    created: Number(r.created),
    updated: Number(r.updated),
    unchanged: Number(r.unchanged),
    removed: Number(r.removed),
    relations: Number(r.relations),
    dataVersion: Number(r.dataVersion),
  }));
}
