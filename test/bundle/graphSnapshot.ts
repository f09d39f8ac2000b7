// A whole-graph snapshot for comparing the database before and after: every node with its
// labels and properties, every relationship with its ends and properties, in a stable order.
import type { Database } from '../../server/neo4j/database.js';

export interface GraphSnapshot {
  nodes: string[];
  relationships: string[];
}

/**
 * `withMeta: false` leaves out the data-version node and the audit log, which every import that
 * writes moves on, and the findings stored after each import (tagged with that version).
 */
export async function graphSnapshot(db: Database, { withMeta = true } = {}): Promise<GraphSnapshot> {
  const nodes = await db.query<{ labels: string[]; props: Record<string, unknown> }>(
    `MATCH (n) WHERE $withMeta OR NOT (n:Meta OR n:AuditEntry OR n:FindingSet OR n:StoredFinding) RETURN labels(n) AS labels, properties(n) AS props`,
    { withMeta },
  );
  const relationships = await db.query<{ from: string; type: string; to: string; props: Record<string, unknown> }>(
    'MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props',
  );
  return {
    nodes: nodes.map((n) => `${n.labels.sort().join(':')} ${stable(n.props)}`).sort(),
    relationships: relationships.map((r) => `${r.from} -${r.type}-> ${r.to} ${stable(r.props)}`).sort(),
  };
}

/** JSON with sorted keys; Neo4j temporal values print as their ISO text. */
function stable(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value.constructor && value.constructor !== Object) return JSON.stringify(String(value));
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}
