// The judgement of DORMANT_POWER: a body with a duty or power for a power family in a place
// and period that did not act on it while others did; one per (body, power family), merging
// its duty and power grants. A body is not dormant when it, a body PART_OF* it, or an official
// posted in it or in one of its parts took part in an action on that family: an HQ whose
// division decided the act is not dormant. No database here.
import type { Ref } from '../../names.js';
import type { Holder } from '../../types.js';

/** One row of dormantPower.cypher (see its header). */
export interface DormantRow {
  power: Ref;
  powerChain: string[];
  root: string;
  place: Ref;
  dates: string[];
  /** The same days with the precision each was stored at, for the wording. */
  days: { day: string; precision: string | null }[];
  actions: string[];
  actors: Ref[];
  parts?: { body: Ref; role: string }[];
  actedThrough: string[];
}

export interface Dormant {
  body: Ref;
  root: string;
  holders: Holder[];
  rows: DormantRow[];
}

/** The dormant holders, given who held each row's power on each of its days. */
export async function judgeDormant(rows: DormantRow[], holdersOf: (row: DormantRow, day: string) => Promise<Holder[]>): Promise<Dormant[]> {
  // A body acted on a power family when it, one of its parts or an official posted in either
  // took part in an action exercising any power of that family.
  const actedOn = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const id of row.actedThrough) actedOn.set(id, new Set([...(actedOn.get(id) ?? []), row.root]));
  }
  // One finding per holder and power family: what it held, and what others did meanwhile.
  const dormant = new Map<string, Dormant>();
  for (const row of rows) {
    if (!row.actors.length) continue; // "while others did": someone must be known to have acted
    for (const day of row.dates) {
      for (const holder of await holdersOf(row, day)) {
        if ((holder.modality !== 'DUTY' && holder.modality !== 'POWER') || actedOn.get(holder.body.id)?.has(row.root)) continue;
        const key = `${holder.body.id}|${row.root}`;
        const entry = dormant.get(key) ?? { body: holder.body, root: row.root, holders: [], rows: [] };
        if (!entry.holders.some((h) => h.grantId === holder.grantId)) entry.holders.push(holder);
        if (!entry.rows.includes(row)) entry.rows.push(row);
        dormant.set(key, entry);
      }
    }
  }
  return [...dormant.values()];
}
