// graph — nodes and edges ready for Cytoscape (`{ data: … }` of GraphNode / GraphEdge):
// a node's neighbourhood (neighborhood.cypher, level by level) or a whole case
// (caseGraph.cypher), as it stood at a date.
//
//   - layer: read from the model (RELATIONS by type and the label it starts from), never
//     restated here: PART_OF is STRUCTURE from a Body and DE_JURE from a Provision;
//   - inactive at `at`: a Body, Instrument, Provision or Grant certainly not in force (or not
//     existing) by the shared rule of inForce.ts (dates, repeals, amendments, restrictions,
//     holdings as the law stood; an imprecise date that straddles the day leaves it active);
//     an Action not yet started, a Statement not yet made, a Source not yet published; a
//     HOLDS_POSITION outside from…to, a SUCCEEDED_BY before its day; any edge touching an
//     inactive node. Nothing is inactive when no date is asked;
//   - parent (compound grouping): the Body a Body is PART_OF, when that body is drawn too
//     (Cytoscape needs the parent among the nodes);
//   - EVIDENCED_BY and IN_CASE are left out: sources and cases would tie every node to
//     every other; evidence is shown beside a node, not as edges.
import { dateAtPrecision } from '../dates.js';
import { RELATIONS, nodeSpec, NODES } from '../model/model.js';
import type { Database } from '../neo4j/database.js';
import { describeNodes, DESCRIBED_LABELS, UnknownNodeError, type IdsByLabel } from './evidence.js';
import {
  bodyState,
  coversState,
  grantLimits,
  instrumentState,
  limitsState,
  started,
  type BodyFacts,
  type InstrumentFacts,
  type LawFacts,
} from './inForce.js';
import { runAnalysis } from './run.js';

export const HIDDEN_RELATIONS = ['EVIDENCED_BY', 'IN_CASE'];
export const DEFAULT_GRAPH_LIMIT = 300;
export const MAX_GRAPH_LIMIT = 1000;
export const MAX_DEPTH = 4;

export interface GraphNode {
  id: string;
  label: string;
  name: string | null;
  nameZh: string | null;
  parent: string | null;
  properties: Record<string, unknown>;
  inactive: boolean;
  unsourced: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  layer: string;
  properties: Record<string, unknown>;
  inactive: boolean;
}

export interface GraphAnswer {
  nodes: GraphNode[];
  edges: GraphEdge[];
  at: string | null;
  incomplete: boolean;
}

interface NodeRow {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
  instrument: { issuedOn: string | null; effectiveFrom: string | null; effectiveTo: string | null } | null;
  parent: string | null;
}
interface EdgeRow {
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

const MODEL_LABELS = new Set(NODES.map((n) => n.label));
/** The labels neighborhood.cypher looks ids up under: those of evidence.cypher and the glossary's terms. */
const NEIGHBOUR_LABELS = [...DESCRIBED_LABELS, 'Term'];
const modelLabel = (labels: string[]) => labels.find((l) => MODEL_LABELS.has(l)) ?? labels[0] ?? 'Node';

/** The layer the model gives a relation type starting from a label. */
function layerOf(type: string, fromLabel: string): string {
  const spec = RELATIONS.find((r) => r.type === type && r.from === fromLabel) ?? RELATIONS.find((r) => r.type === type && r.from === '*');
  return spec?.layer ?? 'STRUCTURE';
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const notStarted = (at: string, p: Record<string, unknown>, key: string) => started(str(p[key]), str(p[`${key}Last`]), at) === 0;

interface FactsRow {
  id: string;
  label: string;
  law: LawFacts | null;
  instrument: InstrumentFacts | null;
  body: BodyFacts | null;
}

/** Ids of the grants, instruments, provisions and bodies certainly not in force (not existing) at `at`. */
async function notInForce(db: Database, ids: string[], at: string | null): Promise<Set<string>> {
  if (!at || !ids.length) return new Set();
  const rows = await runAnalysis<FactsRow>(db, 'inForceFacts', { ids });
  const out = new Set<string>();
  for (const r of rows) {
    const state = r.law
      ? limitsState(grantLimits(r.law, at))
      : r.instrument
        ? instrumentState(r.instrument, at)
        : r.body
          ? bodyState({ ...r.body, successions: [] }, at)
          : 2;
    if (state === 0) out.add(r.id);
  }
  return out;
}

function nodeInactive(row: NodeRow, at: string | null, lawOut: Set<string>): boolean {
  if (!at) return false;
  const p = row.props;
  switch (modelLabel(row.labels)) {
    // A body succeeded before the day is drawn active: its SUCCEEDED_BY edge says what became of it.
    case 'Body':
    case 'Instrument':
    case 'Provision':
    case 'Grant':
      return lawOut.has(row.id);
    case 'Action':
      return notStarted(at, p, 'startedAt');
    case 'Statement':
      return notStarted(at, p, 'saidOn');
    case 'Source':
      return notStarted(at, p, 'publishedAt');
    default:
      return false;
  }
}

function edgeInactive(edge: EdgeRow, at: string | null): boolean {
  if (!at) return false;
  const p = edge.props;
  if (edge.type === 'HOLDS_POSITION')
    return coversState({ from: str(p.from), fromLast: str(p.fromLast), to: str(p.to), toLast: str(p.toLast) }, at) === 0;
  if (edge.type === 'SUCCEEDED_BY') return notStarted(at, p, 'on');
  return false;
}

/**
 * A date stored with a precision (`x` the first day, `xPrecision`, `xLast`) written at it, as
 * answers write dates ('2022-04'); its storage companions are not properties of their own.
 */
function atPrecision(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(props)
      .filter(([key]) => !(/(Precision|Last)$/.test(key) && key.replace(/(Precision|Last)$/, '') in props))
      .map(([key, value]) => {
        const precision = props[`${key}Precision`];
        return [key, typeof value === 'string' && typeof precision === 'string' ? dateAtPrecision(value, precision) : value];
      }),
  );
}

/** Properties as plain JSON: dates at their precision (YYYY-MM-DD, YYYY-MM or YYYY), json-kind properties parsed. */
function propertiesOf(label: string, stored: Record<string, unknown>): Record<string, unknown> {
  const props = atPrecision(stored);
  let specs: Record<string, { kind: string }> = {};
  try {
    specs = nodeSpec(label).properties;
  } catch {
    return props;
  }
  return Object.fromEntries(
    Object.entries(props).map(([key, value]) => {
      if (specs[key]?.kind === 'json' && typeof value === 'string') {
        try {
          return [key, JSON.parse(value)];
        } catch {
          return [key, value];
        }
      }
      return [key, value];
    }),
  );
}

/** Assembles the answer from collected rows: names from evidence.cypher, layers from the model. */
async function drawing(
  db: Database,
  nodeRows: Map<string, NodeRow>,
  edgeRows: EdgeRow[],
  at: string | null,
  incomplete: boolean,
): Promise<GraphAnswer> {
  // Each node under its own label (a Term, which evidence.cypher does not name, under none).
  const byLabel: Partial<Record<string, string[]>> = {};
  for (const row of nodeRows.values()) (byLabel[modelLabel(row.labels)] ??= []).push(row.id);
  const [described, lawOut] = await Promise.all([describeNodes(db, [], byLabel as IdsByLabel), notInForce(db, [...nodeRows.keys()], at)]);
  const nodes = [...nodeRows.values()].map((row): GraphNode => {
    const label = modelLabel(row.labels);
    const ref = described.get(row.id)?.ref;
    return {
      id: row.id,
      label,
      name: ref?.name ?? (row.props.name as string | undefined) ?? null,
      nameZh: ref?.nameZh ?? (row.props.nameZh as string | undefined) ?? null,
      parent: label === 'Body' && row.parent && nodeRows.has(row.parent) ? row.parent : null,
      properties: propertiesOf(label, row.props),
      inactive: nodeInactive(row, at, lawOut),
      unsourced: row.props.unsourced === true,
    };
  });
  const inactive = new Set(nodes.filter((n) => n.inactive).map((n) => n.id));
  const seen = new Map<string, number>();
  const edges: GraphEdge[] = [];
  for (const edge of edgeRows) {
    if (!nodeRows.has(edge.from) || !nodeRows.has(edge.to)) continue;
    const base = `${edge.from}|${edge.type}|${edge.to}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const fromLabel = modelLabel(nodeRows.get(edge.from)!.labels);
    edges.push({
      id: n === 1 ? base : `${base}#${n}`,
      source: edge.from,
      target: edge.to,
      type: edge.type,
      layer: layerOf(edge.type, fromLabel),
      properties: atPrecision(edge.props),
      inactive: edgeInactive(edge, at) || inactive.has(edge.from) || inactive.has(edge.to),
    });
  }
  return { nodes, edges, at, incomplete };
}

const edgeKey = (e: EdgeRow) => `${e.from}|${e.type}|${e.to}|${JSON.stringify(e.props)}`;

type Step = { origin: NodeRow; edge: EdgeRow | null; node: NodeRow | null };

/** A node and its neighbours up to `depth` steps away, as they stood at `at`. */
export async function neighborhood(db: Database, question: { id: string; depth?: number; at?: string | null; limit?: number }): Promise<GraphAnswer> {
  const depth = Math.max(0, Math.min(question.depth ?? 1, MAX_DEPTH));
  const limit = Math.min(question.limit ?? DEFAULT_GRAPH_LIMIT, MAX_GRAPH_LIMIT);
  const at = question.at ?? null;
  // The asked node under every label; the nodes found since under their own.
  const step = (ids: string[], within: string[] | null) => {
    const byLabel: Record<string, string[]> = Object.fromEntries(NEIGHBOUR_LABELS.map((label) => [label, []]));
    for (const id of ids) {
      const row = nodeRows.get(id);
      if (row) byLabel[modelLabel(row.labels)]?.push(id);
      else for (const label of NEIGHBOUR_LABELS) byLabel[label].push(id);
    }
    return runAnalysis<Step>(db, 'neighborhood', { byLabel, hide: HIDDEN_RELATIONS, within });
  };

  const nodeRows = new Map<string, NodeRow>();
  let rows = await step([question.id], depth === 0 ? [] : null);
  if (!rows.length) throw new UnknownNodeError('node', question.id);
  nodeRows.set(question.id, rows[0].origin);
  const edges = new Map<string, EdgeRow>();
  let frontier = [question.id];
  let incomplete = false;
  for (let level = 1; level <= depth && frontier.length; level++) {
    if (level > 1) rows = await step(frontier, null);
    const next: string[] = [];
    for (const { edge, node } of rows) {
      if (!edge || !node) continue;
      if (!nodeRows.has(node.id)) {
        if (nodeRows.size >= limit) {
          incomplete = true;
          continue;
        }
        nodeRows.set(node.id, node);
        next.push(node.id);
      }
      edges.set(edgeKey(edge), edge);
    }
    frontier = next;
  }
  // The edges among the outermost ring (and back into the drawing) that no step walked.
  if (frontier.length && depth > 0) {
    for (const { edge } of await step(frontier, [...nodeRows.keys()])) if (edge) edges.set(edgeKey(edge), edge);
  }
  return drawing(db, nodeRows, [...edges.values()], at, incomplete);
}

/** Everything of a case, as it stood at `at`. */
export async function caseGraph(db: Database, question: { case: string; at?: string | null; limit?: number }): Promise<GraphAnswer> {
  const limit = Math.min(question.limit ?? DEFAULT_GRAPH_LIMIT, MAX_GRAPH_LIMIT);
  const described = await describeNodes(db, [], { Case: [question.case] });
  if (described.get(question.case)?.ref.label !== 'Case') throw new UnknownNodeError('Case', question.case);
  const rows = await runAnalysis<{ node: NodeRow; edges: (EdgeRow & { node: NodeRow })[] }>(db, 'caseGraph', {
    case: question.case,
    hide: HIDDEN_RELATIONS,
  });
  const nodeRows = new Map<string, NodeRow>();
  let incomplete = false;
  const add = (row: NodeRow) => {
    if (nodeRows.has(row.id)) return;
    if (nodeRows.size >= limit) incomplete = true;
    else nodeRows.set(row.id, row);
  };
  // The case's own nodes first, then the shared vocabulary they point at.
  for (const { node } of rows) add(node);
  for (const { edges } of rows) for (const edge of edges) add(edge.node);
  const edgeRows = rows.flatMap((r) => r.edges.map(({ node: _node, ...edge }) => edge));
  return drawing(db, nodeRows, edgeRows, question.at ?? null, incomplete);
}
