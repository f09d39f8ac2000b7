// One request's reads, gathered: the reads a question starts together (in one turn of the event
// loop, e.g. with Promise.all) run in ONE read transaction, their statements sent one after
// another on one connection without waiting for each answer, instead of one session and one
// transaction each. A question's statements then cost one round trip per round of reads, as the
// same Cypher would through the raw driver, rather than a begin, a commit and a session apiece.
import { Neo4jError, type ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../neo4j/database.js';

interface PendingRead {
  work: (tx: ManagedTransaction) => Promise<unknown>;
  timeoutMs?: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The request's database, with reads started in the same turn run together in one transaction,
 * in the order they were started (Neo4j runs a transaction's statements in that order, so a read
 * started first, such as the data version, is read first). Writes and everything else are the
 * request's own.
 */
export function batchedReads(db: Database): Database {
  let pending: PendingRead[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    if (batch.length === 1) {
      const [only] = batch;
      db.read(only.work, only.timeoutMs).then(only.resolve, only.reject);
      return;
    }
    const timeouts = batch.map((r) => r.timeoutMs).filter((t): t is number => t !== undefined);
    // Each read is answered as soon as its rows are in, before the commit. A read whose own code
    // throws (an unknown id, say) fails alone; a failure of the database fails the transaction
    // (the driver retries it whole when the failure is transient), and the reads not yet
    // answered hear that failure.
    const own = (r: PendingRead) => (error: unknown) => {
      if (error instanceof Neo4jError) throw error;
      r.reject(error);
    };
    db.read((tx) => Promise.all(batch.map((r) => r.work(tx).then(r.resolve, own(r)))), timeouts.length ? Math.min(...timeouts) : undefined).catch(
      (error: unknown) => batch.forEach((r) => r.reject(error)),
    );
  };
  const view = Object.create(db) as Database;
  view.read = <T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number) =>
    new Promise<T>((resolve, reject) => {
      // setImmediate, not a microtask: reads an async function starts a few awaits later in the same turn still join.
      if (!pending.length) setImmediate(flush);
      pending.push({ work, timeoutMs, resolve, reject });
    });
  return view;
}
