// How the model appears in a case bundle: one list per node type, relations written on
// the node they start from. Everything here is read off model.ts.
import { NODES, type NodeSpec, type RelationSpec, relationsFrom } from '../model/model.js';

export const BUNDLE_FORMAT = 'quanze-bundle/1';

/**
 * Types shared between cases: a bundle may point at one of these without defining it,
 * provided the database already has it (docs/bundle-format.md).
 */
export const SHARED_VOCABULARY: readonly string[] = ['Place', 'Power', 'BodyType', 'Term'];

/** Node types that a bundle lists; the Case itself is the bundle's `case` key. */
export const LISTED_NODES: readonly NodeSpec[] = NODES.filter((n) => n.label !== 'Case');

/** Properties computed on import, never written in a bundle. */
export const COMPUTED_PROPERTIES: readonly string[] = ['pinyin'];

/** Relations written in a bundle on a node of this type (IN_CASE is implied by the bundle). */
export function bundleRelations(label: string): RelationSpec[] {
  return relationsFrom(label).filter((r) => r.type !== 'IN_CASE');
}

export function writtenProperties(spec: NodeSpec): [string, NodeSpec['properties'][string]][] {
  return Object.entries(spec.properties).filter(([key]) => !COMPUTED_PROPERTIES.includes(key));
}

/** The source of a citation and what it quotes. */
export interface Citation {
  source: string;
  quoteZh?: string;
  quote?: string;
  locator?: string;
}

/** One written reference from a node to another, in either of its two spellings. */
export interface Reference {
  id: string;
  properties: Record<string, unknown>;
  evidence: Citation[];
  unsourced: boolean;
  /** Path of the reference inside its node, e.g. ['succeededBy'] or ['positions', 0]. */
  at: (string | number)[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The references under one relation field of a node; ill-formed entries are skipped (the schema reports them). */
export function referencesOf(item: Record<string, unknown>, relation: RelationSpec): Reference[] {
  const written = item[relation.field];
  if (written === undefined || written === null) return [];
  const entries: [unknown, (string | number)[]][] = Array.isArray(written)
    ? written.map((w, i) => [w, [relation.field, i]])
    : [[written, [relation.field]]];
  const refs: Reference[] = [];
  for (const [entry, at] of entries) {
    if (typeof entry === 'string') {
      refs.push({ id: entry, properties: {}, evidence: [], unsourced: false, at });
    } else if (isObject(entry) && typeof entry.id === 'string') {
      const properties: Record<string, unknown> = {};
      for (const key of Object.keys(relation.properties ?? {})) {
        if (entry[key] !== undefined && entry[key] !== null) properties[key] = entry[key];
      }
      const evidence = Array.isArray(entry.evidence) ? (entry.evidence.filter(isObject) as unknown as Citation[]) : [];
      refs.push({ id: entry.id, properties, evidence, unsourced: entry.unsourced === true, at });
    }
  }
  return refs;
}

/** One node written in a bundle, with where it is. */
export interface BundleItem {
  spec: NodeSpec;
  item: Record<string, unknown>;
  /** ['bodies', 3], or ['case'] for the case. */
  at: (string | number)[];
}

/** Every node of the bundle with an id, the case first; ill-formed entries are skipped (the schema reports them). */
export function itemsOf(bundle: unknown): BundleItem[] {
  if (!isObject(bundle)) return [];
  const items: BundleItem[] = [];
  const caseSpec = NODES.find((n) => n.label === 'Case')!;
  if (isObject(bundle.case) && typeof bundle.case.id === 'string') items.push({ spec: caseSpec, item: bundle.case, at: ['case'] });
  for (const spec of LISTED_NODES) {
    const list = bundle[spec.plural];
    if (!Array.isArray(list)) continue;
    list.forEach((item, index) => {
      if (isObject(item) && typeof item.id === 'string') items.push({ spec, item, at: [spec.plural, index] });
    });
  }
  return items;
}
