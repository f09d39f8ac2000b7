// Evidence and node references for every analysis (evidence.cypher): the citations of
// nodes (EVIDENCED_BY → Source) and of cited relationships (their `citations` JSON), and
// the NodeRef every answer uses to name a node. Analyses gather the ids they need and
// describe them in one query.
import type { Database } from '../neo4j/database.js';
import { runAnalysis, storedJson } from './run.js';
import type { Evidence, EvidenceSource, NodeRef } from './types.js';

export interface DescribedNode {
  ref: NodeRef;
  /** The node's own citations, oldest source first; an `unsourced` entry when an editor asserted it without one. */
  evidence: Evidence[];
  /** The source's fields when the node is a Source. */
  source: EvidenceSource | null;
}

interface Row {
  id: string;
  label: string;
  name: string | null;
  nameZh: string | null;
  unsourced: boolean;
  citations: { quoteZh: string | null; quote: string | null; locator: string | null; source: EvidenceSource }[];
  source: EvidenceSource | null;
}

/** One citation as stored in a relationship's `citations` JSON (see importBundle). */
export interface StoredCitation {
  source: string;
  quoteZh?: string | null;
  quote?: string | null;
  locator?: string | null;
}

/** Stands in for a source when an editor asserted a fact without one; the UI marks it. */
export const UNSOURCED_SOURCE: EvidenceSource = {
  id: 'unsourced',
  title: '编辑断言，无来源',
  titleEn: "Editor's assertion without a source",
  outlet: 'Quanze editors',
  author: null,
  publishedAt: null,
  url: null,
  kind: 'UNSOURCED',
};

const UNSOURCED_EVIDENCE: Evidence = {
  quote: null,
  quoteZh: null,
  quoteEn: null,
  locator: null,
  source: UNSOURCED_SOURCE,
  unsourced: true,
};

/** A node id that the question names but the data does not hold (or holds as another type). */
export class UnknownNodeError extends Error {
  constructor(
    readonly label: string,
    readonly id: string,
  ) {
    super(`No ${label} with id "${id}"`);
    this.name = 'UnknownNodeError';
  }
}

function evidenceOf(citation: { quoteZh?: string | null; quote?: string | null; locator?: string | null }, source: EvidenceSource): Evidence {
  const quoteZh = citation.quoteZh ?? null;
  const quoteEn = citation.quote ?? null;
  return { quote: quoteZh ?? quoteEn, quoteZh, quoteEn, locator: citation.locator ?? null, source, unsourced: false };
}

/** Oldest source first, then by source and locator, so answers are reproducible. */
function byPublication(a: Evidence, b: Evidence): number {
  return (
    (a.source.publishedAt ?? '').localeCompare(b.source.publishedAt ?? '') ||
    a.source.id.localeCompare(b.source.id) ||
    (a.locator ?? '').localeCompare(b.locator ?? '') ||
    (a.quote ?? '').localeCompare(b.quote ?? '')
  );
}

/** The labels evidence.cypher looks ids up under. */
export const DESCRIBED_LABELS = [
  'Body',
  'Person',
  'Place',
  'BodyType',
  'Power',
  'Instrument',
  'Provision',
  'Grant',
  'Action',
  'Statement',
  'Group',
  'Source',
  'Case',
] as const;
export type DescribedLabel = (typeof DESCRIBED_LABELS)[number];

/** Ids whose label the caller knows, by label (an id that may be one of two labels is under both). */
export type IdsByLabel = Partial<Record<DescribedLabel, Iterable<string>>>;

const usable = (id: unknown): id is string => typeof id === 'string' && id !== '';

/**
 * NodeRef, evidence and (for sources) source fields of each id found; unknown ids are absent
 * from the map. `ids` are looked up under every label; `known` under the label given only, one
 * index seek each (a node of another label with that id is not found).
 */
export async function describeNodes(db: Database, ids: Iterable<string>, known: IdsByLabel = {}): Promise<Map<string, DescribedNode>> {
  const anyLabel = [...new Set([...ids].filter(usable))];
  const byLabel = Object.fromEntries(
    DESCRIBED_LABELS.map((label) => [label, [...new Set([...anyLabel, ...[...(known[label] ?? [])].filter(usable)])]]),
  );
  const described = new Map<string, DescribedNode>();
  if (!Object.values(byLabel).some((list) => list.length)) return described;
  const rows = await runAnalysis<Row>(db, 'evidence', { byLabel });
  for (const row of rows) {
    const evidence = row.citations.map((c) => evidenceOf(c, row.source ?? c.source)).sort(byPublication);
    if (row.unsourced && !evidence.length) evidence.push(UNSOURCED_EVIDENCE);
    described.set(row.id, {
      ref: { id: row.id, label: row.label, name: row.name, nameZh: row.nameZh },
      evidence,
      source: row.source,
    });
  }
  return described;
}

export async function evidenceForNodes(db: Database, ids: string[]): Promise<Map<string, Evidence[]>> {
  const described = await describeNodes(db, ids);
  return new Map(ids.map((id) => [id, described.get(id)?.evidence ?? []]));
}

/** Parses a relationship's `citations` JSON; a malformed value reads as no citations. */
function parseCitations(citationsJson: string | null | undefined): StoredCitation[] {
  const parsed = storedJson(citationsJson);
  return Array.isArray(parsed) ? parsed.filter((c): c is StoredCitation => typeof c?.source === 'string') : [];
}

/** The source ids a relationship's citations name, to describe them along with other ids in one query. */
export function citationSourceIds(citationsJson: string | null | undefined): string[] {
  return parseCitations(citationsJson).map((c) => c.source);
}

/**
 * Evidence of a cited relationship from its `citations` JSON, given the described sources
 * (from describeNodes on citationSourceIds). A citation whose source is missing is skipped.
 */
export function citationEvidence(
  citationsJson: string | null | undefined,
  unsourced: boolean | null | undefined,
  described: Map<string, DescribedNode>,
): Evidence[] {
  const evidence: Evidence[] = [];
  for (const citation of parseCitations(citationsJson)) {
    const source = described.get(citation.source)?.source;
    if (source) evidence.push(evidenceOf(citation, source));
  }
  evidence.sort(byPublication);
  if (unsourced && !evidence.length) evidence.push(UNSOURCED_EVIDENCE);
  return evidence;
}

export async function evidenceFromCitations(db: Database, citationsJson: string | null, unsourced = false): Promise<Evidence[]> {
  return citationEvidence(citationsJson, unsourced, await describeNodes(db, citationSourceIds(citationsJson)));
}

/** The NodeRef of `id`, which must be a node of `label`; throws UnknownNodeError otherwise. */
export function requireNode(described: Map<string, DescribedNode>, label: string, id: string): NodeRef {
  const node = described.get(id);
  if (!node || node.ref.label !== label) throw new UnknownNodeError(label, id);
  return node.ref;
}

/** A NodeRef for an id the map may lack (deleted meanwhile): never invent names. */
export function refOf(described: Map<string, DescribedNode>, id: string, label = 'Unknown'): NodeRef {
  return described.get(id)?.ref ?? { id, label, name: null, nameZh: null };
}
