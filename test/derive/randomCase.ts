// Small random cases for the differential test of the derived layer: places in a tree,
// powers in a tree, body types, bodies (jurisdiction, types, a successor, an agency),
// instruments (issuers, dates, repeals), provisions and grants (modality, power, place,
// holders). Ids come from a small fixed universe, so two cases drawn independently share
// nodes, and a case "changed" from another is built by taking each node from either.
import fc from 'fast-check';
import type { ManagedTransaction } from 'neo4j-driver';

export interface NodeSpec {
  label: 'Place' | 'Power' | 'BodyType' | 'Body' | 'Instrument' | 'Provision' | 'Grant';
  id: string;
  props: Record<string, string | null>;
  /** Outgoing relationships: type, target id, target label, properties (dates as YYYY-MM-DD). */
  out: { type: string; to: string; toLabel: string; props?: Record<string, string | boolean> }[];
}
export type Graph = NodeSpec[];

const PLACES = 5;
const POWERS = 3;
const TYPES = 2;
const BODIES = 6;
const INSTRUMENTS = 3;
const GRANTS = 5;

const DATES = ['2020-01-01', '2021-06-01', '2022-04-01', '2022-06-13', '2023-01-01'];
const date = fc.option(fc.constantFrom(...DATES), { nil: null, freq: 2 });
const pick = (n: number) => fc.nat({ max: n - 1 });
const subset = (n: number) => fc.uniqueArray(pick(n), { maxLength: 3 });

const placeId = (i: number) => `rp${i}`;
const powerId = (i: number) => `rw${i}`;
const typeId = (i: number) => `rt${i}`;
const bodyId = (i: number) => `rb${i}`;
const instrumentId = (i: number) => `ri${i}`;
const provisionId = (i: number) => `ri${i}.a1`;
const grantId = (i: number) => `rg${i}`;

/** One version of every node of the universe (or its absence, for bodies, instruments and grants). */
const parts = fc.record({
  places: fc.tuple(...Array.from({ length: PLACES }, (_, i) => (i === 0 ? fc.constant(-1) : pick(i)))),
  powers: fc.tuple(...Array.from({ length: POWERS }, (_, i) => (i === 0 ? fc.constant(-1) : fc.option(pick(i), { nil: -1 })))),
  bodies: fc.tuple(
    ...Array.from({ length: BODIES }, (_, i) =>
      fc.option(
        fc.record({
          jurisdiction: fc.option(pick(PLACES), { nil: null }),
          types: subset(TYPES),
          successor: i < BODIES - 1 ? fc.option(fc.integer({ min: i + 1, max: BODIES - 1 }), { nil: null }) : fc.constant(null),
          on: fc.constantFrom(...DATES),
          actsFor: fc.option(pick(BODIES), { nil: null }),
          validFrom: date,
        }),
        { nil: null, freq: 6 },
      ),
    ),
  ),
  instruments: fc.tuple(
    ...Array.from({ length: INSTRUMENTS }, () =>
      fc.option(
        fc.record({ issuers: subset(BODIES), effectiveFrom: date, effectiveTo: date, repeals: fc.option(pick(INSTRUMENTS), { nil: null, freq: 4 }) }),
        { nil: null, freq: 8 },
      ),
    ),
  ),
  grants: fc.tuple(
    ...Array.from({ length: GRANTS }, () =>
      fc.option(
        fc.record({
          modality: fc.constantFrom('POWER', 'POWER', 'DUTY', 'PERMISSION', 'PROHIBITION'),
          instrument: pick(INSTRUMENTS),
          power: pick(POWERS),
          place: pick(PLACES),
          bodies: subset(BODIES),
          types: fc.uniqueArray(pick(TYPES), { maxLength: 1 }),
          validFrom: date,
        }),
        { nil: null, freq: 8 },
      ),
    ),
  ),
});
export type Parts = typeof parts extends fc.Arbitrary<infer T> ? T : never;

/** The graph of one drawing. */
export function graphOf(p: Parts): Graph {
  const nodes: Graph = [];
  p.places.forEach((parent, i) =>
    nodes.push({ label: 'Place', id: placeId(i), props: {}, out: parent < 0 ? [] : [{ type: 'WITHIN', to: placeId(parent), toLabel: 'Place' }] }),
  );
  p.powers.forEach((parent, i) =>
    nodes.push({
      label: 'Power',
      id: powerId(i),
      props: {},
      out: parent < 0 ? [] : [{ type: 'NARROWER_THAN', to: powerId(parent), toLabel: 'Power' }],
    }),
  );
  for (let i = 0; i < TYPES; i++) nodes.push({ label: 'BodyType', id: typeId(i), props: {}, out: [] });
  p.bodies.forEach((b, i) => {
    if (!b) return;
    const out: NodeSpec['out'] = b.types.map((t) => ({ type: 'IS_A', to: typeId(t), toLabel: 'BodyType' }));
    if (b.jurisdiction !== null) out.push({ type: 'JURISDICTION', to: placeId(b.jurisdiction), toLabel: 'Place' });
    if (b.successor !== null) out.push({ type: 'SUCCEEDED_BY', to: bodyId(b.successor), toLabel: 'Body', props: { on: b.on, how: 'RENAMED' } });
    if (b.actsFor !== null && b.actsFor !== i) out.push({ type: 'ACTS_FOR', to: bodyId(b.actsFor), toLabel: 'Body', props: { from: b.on } });
    nodes.push({ label: 'Body', id: bodyId(i), props: { validFrom: b.validFrom }, out });
  });
  p.instruments.forEach((ins, i) => {
    if (!ins) return;
    const out: NodeSpec['out'] = ins.issuers.map((b) => ({ type: 'ISSUED_BY', to: bodyId(b), toLabel: 'Body' }));
    if (ins.repeals !== null && ins.repeals !== i)
      out.push({ type: 'REPEALS', to: instrumentId(ins.repeals), toLabel: 'Instrument', props: { from: '2022-05-01' } });
    nodes.push({ label: 'Instrument', id: instrumentId(i), props: { effectiveFrom: ins.effectiveFrom, effectiveTo: ins.effectiveTo }, out });
    nodes.push({
      label: 'Provision',
      id: provisionId(i),
      props: { text: `Article 1 of ${i}` },
      out: [{ type: 'PART_OF', to: instrumentId(i), toLabel: 'Instrument' }],
    });
  });
  p.grants.forEach((g, i) => {
    if (!g) return;
    nodes.push({
      label: 'Grant',
      id: grantId(i),
      props: { modality: g.modality, validFrom: g.validFrom },
      out: [
        { type: 'CONFERRED_BY', to: provisionId(g.instrument), toLabel: 'Provision' },
        { type: 'OF', to: powerId(g.power), toLabel: 'Power' },
        { type: 'WITHIN', to: placeId(g.place), toLabel: 'Place' },
        ...g.bodies.map((b) => ({ type: 'TO', to: bodyId(b), toLabel: 'Body' })),
        ...g.types.map((t) => ({ type: 'TO', to: typeId(t), toLabel: 'BodyType' })),
      ],
    });
  });
  return nodes;
}

/** A case, and the same case changed: each node kept, or taken from a second drawing (changed, added or dropped). */
export const changedCase = fc
  .record({ before: parts, other: parts, take: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }) })
  .map(({ before, other, take }) => {
    let k = 0;
    // About one node in six is taken from the other drawing.
    const mix = <T extends readonly unknown[]>(a: T, b: T): T => a.map((x, i) => (take[k++ % take.length] && k % 3 === 0 ? b[i] : x)) as unknown as T;
    const after: Parts = {
      places: mix(before.places, other.places),
      powers: mix(before.powers, other.powers),
      bodies: mix(before.bodies, other.bodies),
      instruments: mix(before.instruments, other.instruments),
      grants: mix(before.grants, other.grants),
    };
    return { before: graphOf(before), after: graphOf(after) };
  });

const key = (n: NodeSpec) => JSON.stringify([n.label, n.props, [...n.out].map((r) => JSON.stringify(r)).sort()]);

/** What an import from `from` to `to` would do: the ids it adds, changes and drops. */
export function diff(from: Graph, to: Graph): { added: NodeSpec[]; changed: NodeSpec[]; dropped: NodeSpec[] } {
  const before = new Map(from.map((n) => [n.id, n]));
  const after = new Map(to.map((n) => [n.id, n]));
  return {
    added: to.filter((n) => !before.has(n.id)),
    changed: to.filter((n) => before.has(n.id) && key(before.get(n.id)!) !== key(n)),
    dropped: from.filter((n) => !after.has(n.id)),
  };
}

const DATE_PROPS = new Set(['validFrom', 'effectiveFrom', 'effectiveTo', 'on', 'from']);
const cypherProps = (props: Record<string, unknown>) =>
  `{${Object.keys(props)
    .map((k) => `\`${k}\`: ${DATE_PROPS.has(k) ? `date(row.props.\`${k}\`)` : `row.props.\`${k}\``}`)
    .join(', ')}}`;

/**
 * Writes a step from one graph to the next as an import would, in `tx`: drops, rewrites the
 * changed nodes with their outgoing relationships, creates the new ones, one UNWIND per label
 * and per relationship type.
 */
export async function writeStep(tx: ManagedTransaction, step: ReturnType<typeof diff>): Promise<void> {
  const ids = (nodes: NodeSpec[]) => nodes.map((n) => n.id);
  await tx.run('UNWIND $ids AS id MATCH (n {id: id}) DETACH DELETE n', { ids: ids(step.dropped) });
  await tx.run('UNWIND $ids AS id MATCH (n {id: id})-[r]->() DELETE r', { ids: ids(step.changed) });
  const byLabel = new Map<string, NodeSpec[]>();
  for (const n of [...step.changed, ...step.added]) byLabel.set(n.label, [...(byLabel.get(n.label) ?? []), n]);
  for (const [label, nodes] of byLabel) {
    const rows = nodes.map((n) => ({ id: n.id, props: n.props }));
    const keys = Object.fromEntries(nodes.flatMap((n) => Object.keys(n.props)).map((k) => [k, null]));
    await tx.run(`UNWIND $rows AS row MERGE (n:${label} {id: row.id}) SET n += ${cypherProps(keys)}`, { rows });
  }
  const byType = new Map<string, { from: string; fromLabel: string; to: string; toLabel: string; props: Record<string, unknown> }[]>();
  for (const n of [...step.changed, ...step.added])
    for (const r of n.out) {
      const k = `${n.label}|${r.type}|${r.toLabel}`;
      byType.set(k, [...(byType.get(k) ?? []), { from: n.id, fromLabel: n.label, to: r.to, toLabel: r.toLabel, props: r.props ?? {} }]);
    }
  for (const [k, rows] of byType) {
    const [fromLabel, type, toLabel] = k.split('|');
    const keys = Object.fromEntries(rows.flatMap((r) => Object.keys(r.props)).map((p) => [p, null]));
    await tx.run(
      `UNWIND $rows AS row MATCH (a:${fromLabel} {id: row.from}) MATCH (b:${toLabel} {id: row.to}) CREATE (a)-[:${type} ${cypherProps(keys)}]->(b)`,
      { rows },
    );
  }
}

export const POWER_IDS = Array.from({ length: POWERS }, (_, i) => powerId(i));
export const PLACE_IDS = Array.from({ length: PLACES }, (_, i) => placeId(i));
