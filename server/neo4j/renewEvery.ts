// A lease kept alive on a timer: the import's lease (server/bundle/importBundle.ts) and a
// findings store's claim (server/analyses/derived/findingsClaim.ts). One renewal at a time: a
// renewal can wait minutes for a lock (the switch-over deletes the import's lease and holds it
// until its commit), and renewals started meanwhile would each hold a connection.

/**
 * Calls `renew` every `everyMs`, unless the previous call is still under way; its failures are
 * left to whoever reads the lease. Returns the stop: it ends the timer and resolves once no
 * renewal is under way. The timer never keeps the process alive.
 */
export function renewEvery(everyMs: number, renew: () => Promise<unknown>): () => Promise<void> {
  let renewing: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    renewing ??= renew()
      .catch(() => undefined)
      .finally(() => (renewing = null));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await renewing;
  };
}
