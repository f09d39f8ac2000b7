// The derive step of the findings: after an import, the finding sets it may have changed are
// computed again and stored (./findingsStore.ts), so gaps answers from the database. Which
// sets: those the import made stale (their component holds the imported case, or touches
// it), and the imported case's own, in both readings. Sets of unrelated cases stay as they
// are. The same computing serves a reader that finds a set missing or stale.
import { performance } from 'node:perf_hooks';
import type { Database } from '../../neo4j/database.js';
import { caseFindings, type CaseFindings, type Question } from '../gaps.js';
import { batchActions, forEachBatch } from '../gaps/batches.js';
import { BatchedSetWriter } from './findingsBatchStore.js';
import { componentOf, noteLinks } from './caseLinks.js';
import { dropSetsOfGoneCases, isCurrent, staleSets, storeFindings, versionFor, type StoreOptions } from './findingsStore.js';

export const READINGS: readonly Question['reading'][] = ['AS_IT_STOOD', 'AS_LATER_HELD'];

export interface FindingsDeriveReport {
  /** Wall time of the derive step, in seconds. */
  seconds: number;
  /** The finding sets computed and stored, as `case|reading`. */
  sets: string[];
  /** How many findings they hold together. */
  findings: number;
  /** Why the step failed after the import had switched over (the sets stay stale and are computed by their first reader). */
  error?: string;
}

/**
 * Computes every finding of a case and reading (`at` absent) and stores it, tagged with the
 * data version read before computing and the component read then. Returns the findings, or
 * null when the case was not imported through Quanze (then nothing is stored: see versionFor).
 */
export async function deriveSet(
  db: Database,
  q: Question,
  storeFailed?: (error: unknown) => void,
): Promise<{ all: CaseFindings; stored: boolean } | null> {
  const version = await versionFor(db, q.case);
  if (version === null) return null;
  const inputs = await componentOf(db, q.case);
  const all = await caseFindings(db, q);
  const storing = storeFindings(db, q, version, inputs, all);
  const stored = storeFailed
    ? await storing.catch((error: unknown) => {
        storeFailed(error);
        return false;
      })
    : await storing;
  return { all, stored };
}

/** How the derive computes and stores: tests ask for tiny batches, or fail a store midway. */
export interface DeriveOptions {
  /** Actions per batch (gaps/batches.ts batchActions: QUANZE_FINDINGS_BATCH_ACTIONS, else 5,000). */
  batchActions?: number;
  /** Passed to each set's store: findings per transaction, and a hook after each transaction. */
  store?: StoreOptions;
  /** Called after each batch of actions is written to every set (a test throws here to fail the derive midway). */
  afterActions?: (done: number) => void | Promise<void>;
}

/**
 * Computes the sets of a case in several readings together (the work the readings share is
 * done once), a batch of actions at a time (gaps/batches.ts), each batch written to every
 * reading's new generation as it comes; each set is then ordered and switched over
 * (./findingsBatchStore.ts). `stored` hears of each set stored.
 */
export async function deriveCase(
  db: Database,
  caseId: string,
  readings: Question['reading'][],
  stored: (reading: Question['reading'], findings: number) => void = () => undefined,
  options: DeriveOptions = {},
): Promise<void> {
  const version = await versionFor(db, caseId);
  if (version === null) return;
  const inputs = await componentOf(db, caseId);
  // Opened at the first batch, after the kinds computed whole: a derive that fails before it has
  // anything to write claims no set. Each writer renews its claim on a timer until it finishes.
  let writers: (BatchedSetWriter | null)[] | undefined;
  try {
    const { incomplete } = await forEachBatch(db, { case: caseId, at: null }, readings, batchActions(options.batchActions), async (batch, done) => {
      if (!writers) {
        writers = [];
        for (const reading of readings) writers.push(await BatchedSetWriter.open(db, { case: caseId, at: null, reading }, version, options.store));
      }
      for (const [n, writer] of writers.entries()) await writer?.write(batch[n]);
      if (done) await options.afterActions?.(done);
    });
    const open = writers ?? [];
    for (const [n, writer] of open.entries()) {
      if (!writer) continue;
      const total = writer.total;
      // Finished or failed, it holds the set no longer: nothing to abandon below.
      open[n] = null;
      await writer.finish(inputs, incomplete[n]);
      stored(readings[n], total);
    }
  } catch (error) {
    for (const writer of writers ?? []) await writer?.abandon();
    throw error;
  }
}

/**
 * The derive step after an import of `caseId` (also after an unchanged one: a missing set is
 * computed). Without `compute` only the case's links are noted (so the sets of unrelated cases
 * stay current) and the sets the import made stale are left for their first reader.
 */
export async function deriveFindings(
  db: Database,
  caseId: string,
  { compute = true, ...options }: { compute?: boolean } & DeriveOptions = {},
): Promise<FindingsDeriveReport> {
  const started = performance.now();
  await noteLinks(db, caseId);
  await dropSetsOfGoneCases(db);
  const sets: string[] = [];
  let findings = 0;
  if (compute) {
    const todo = await staleSets(db);
    for (const reading of READINGS) {
      if (!todo.some((t) => t.case === caseId && t.reading === reading) && !(await isCurrent(db, caseId, reading)))
        todo.push({ case: caseId, reading });
    }
    // One case at a time, its readings together.
    const byCase = new Map<string, Question['reading'][]>();
    for (const { case: id, reading } of todo) byCase.set(id, [...(byCase.get(id) ?? []), reading]);
    try {
      for (const [id, readings] of byCase) {
        await deriveCase(
          db,
          id,
          readings,
          (reading, count) => {
            sets.push(`${id}|${reading}`);
            findings += count;
          },
          options,
        );
      }
    } catch (error) {
      // The sets stored before the failure are current; the others stay stale for their first reader.
      const message = error instanceof Error ? error.message : String(error);
      return { seconds: secondsSince(started), sets, findings, error: message };
    }
  }
  return { seconds: secondsSince(started), sets, findings };
}

const secondsSince = (started: number) => Math.round((performance.now() - started) / 10) / 100;
