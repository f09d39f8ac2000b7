// The claim a store holds on a set of findings while it writes it (./findingsStore.ts,
// ./findingsBatchStore.ts): the FindingSet's `writer` (the store's generation) and
// `writerSeen`, when the claim was last renewed. One store of a set writes at a time; another
// waits. A live store renews its claim on a timer (keepClaim) whatever it is doing, so a slow
// batch never loses it; a claim left unrenewed for longer than the lease is a dead store's,
// and the next store of the set takes it over (and removes what the dead one wrote).
import type { Database } from '../../neo4j/database.js';
import { renewEvery } from '../../neo4j/renewEvery.js';
import { CASE_META } from './caseLinks.js';

/**
 * A claim unrenewed for this long is taken for a dead store's: another store may take the set
 * over (and remove what it wrote). A live store renews its claim on a timer (keepClaim), so a
 * slow batch does not lose it and a dead store's set is taken over within this time.
 */
export const LEASE_SECONDS = 120;
/** How often a live store renews its claim: four times a lease, so a renewal or two delayed by load does not lose it. */
const RENEW_EVERY_MS = (LEASE_SECONDS * 1000) / 4;
/** How long a store waits before asking again whether the set's writer has finished. */
const WAIT_MS = 1000;

/**
 * Takes the set for this store, waiting while another store of it writes. Returns the
 * generations a failed store left behind, or null when the set is kept (stored from a later
 * version) or the case was not imported through Quanze.
 */
export async function claimSet(
  db: Database,
  key: string,
  caseId: string,
  version: number,
  generation: string,
): Promise<{ orphans: string[] } | null> {
  for (;;) {
    const row = await tryClaim(db, key, caseId, version, generation);
    if (!row || row.later) return null;
    if (!row.busy) return { orphans: row.orphans };
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
  }
}

/**
 * One attempt at claimSet: `busy` when another store holds the set (its claim renewed within
 * `lease` seconds), `later` when a set from a later version is stored; else the set is this
 * store's. Undefined when the case was not imported through Quanze.
 */
export async function tryClaim(
  db: Database,
  key: string,
  caseId: string,
  version: number,
  generation: string,
  lease = LEASE_SECONDS,
): Promise<{ later: boolean; busy: boolean; orphans: string[] } | undefined> {
  const [row] = await db.write(async (tx) => {
    const result = await tx.run(
      // The first SET locks the set: what follows reads it as the last store left it.
      `MATCH (:Meta {id: $meta}) MERGE (s:FindingSet {key: $key}) ON CREATE SET s.computedVersion = -1
       SET s.claimedAt = datetime()
       WITH s, s.computedVersion > $version AS later,
            s.writer IS NOT NULL AND s.writerSeen > datetime() - duration({seconds: $lease}) AS busy
       FOREACH (_ IN CASE WHEN later OR busy THEN [] ELSE [1] END |
         SET s.writer = $generation, s.writerSeen = datetime(), s.generations = coalesce(s.generations, []) + $generation)
       RETURN later, busy, [g IN coalesce(s.generations, []) WHERE g <> $generation AND g <> coalesce(s.generation, '')] AS orphans`,
      { key, meta: CASE_META + caseId, version, generation, lease },
    );
    return result.records.map((r) => ({ later: r.get('later') as boolean, busy: r.get('busy') as boolean, orphans: r.get('orphans') as string[] }));
  });
  return row;
}

/**
 * Renews this store's claim on the set every `everyMs` until the returned function is called
 * (on every way out; it resolves once no renewal is under way). A renewal that fails is left
 * to the store's next write, which finds out whether it still holds the set.
 */
export function keepClaim(db: Database, key: string, generation: string, everyMs = RENEW_EVERY_MS): () => Promise<void> {
  return renewEvery(everyMs, () => renewClaim(db, key, generation));
}

/** Renews the claim if this store still holds the set; returns whether it does. */
export async function renewClaim(db: Database, key: string, generation: string): Promise<boolean> {
  const [n] = await db.write(async (tx) => {
    const result = await tx.run(`MATCH (s:FindingSet {key: $key}) WHERE s.writer = $generation SET s.writerSeen = datetime() RETURN count(*) AS n`, {
      key,
      generation,
    });
    return result.records.map((r) => Number(r.get('n')));
  });
  return (n ?? 0) > 0;
}

/** Frees the set after a failed store, if this store still holds it. */
export async function release(db: Database, key: string, generation: string): Promise<void> {
  await db.write((tx) => tx.run(`MATCH (s:FindingSet {key: $key}) WHERE s.writer = $generation SET s.writer = null`, { key, generation }));
}

export const lostClaim = (key: string) =>
  new Error(`The findings of ${key} were not stored: another store took the set over after this one's claim went unrenewed for ${LEASE_SECONDS} s.`);
