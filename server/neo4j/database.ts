import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** Transaction timeout applied to every read and write. */
  timeoutMs?: number;
}

/** Neo4j is down (being restarted, or unreachable): answered at once, never waited for. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
}

/** The request's deadline passed: no further transaction is started for it. */
export class DeadlineExceededError extends Error {
  readonly code = 'QUERY_TIMEOUT';
}

/** What the driver says when it cannot reach the server; these become DATABASE_UNAVAILABLE. */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  return (
    error instanceof DatabaseUnavailableError ||
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    /Could not perform discovery|Connection was closed|connect ECONNREFUSED|Failed to connect to server/i.test(
      (error as Error | undefined)?.message ?? '',
    )
  );
}

/** Shared between a Database and the per-request views made by withDeadline. */
interface Health {
  down?: string;
}

/**
 * The one way the product talks to Neo4j: managed read and write transactions, so
 * routing (`neo4j://`) to a cluster or Aura works unchanged and retries are the driver's.
 */
export class Database {
  readonly driver: Driver;
  readonly name?: string;
  private readonly timeoutMs: number;
  private readonly health: Health;
  /** Epoch ms after which this view starts no transaction (set by withDeadline). */
  private deadline?: number;

  constructor(options: DatabaseOptions);
  constructor(options: DatabaseOptions, shared: { driver: Driver; health: Health; deadline?: number });
  constructor(options: DatabaseOptions, shared?: { driver: Driver; health: Health; deadline?: number }) {
    this.driver =
      shared?.driver ??
      neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
        disableLosslessIntegers: true,
        connectionAcquisitionTimeout: 10_000,
        maxConnectionLifetime: 30 * 60_000,
        // The driver's default retries a lost server for 30 s: a request should fail fast instead.
        maxTransactionRetryTime: 5_000,
      });
    this.name = options.database;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.health = shared?.health ?? {};
    this.deadline = shared?.deadline;
    this.options = options;
  }

  private readonly options: DatabaseOptions;

  /** Why Neo4j is down, or undefined while it is up. */
  get unavailable(): string | undefined {
    return this.health.down;
  }

  /** Marks Neo4j down (every transaction fails at once) or, with undefined, up again. */
  setUnavailable(reason: string | undefined): void {
    this.health.down = reason;
  }

  /** The same database for one request: every transaction's timeout is cut to what is left of `ms`. */
  withDeadline(ms: number): Database {
    return new Database(this.options, { driver: this.driver, health: this.health, deadline: Date.now() + ms });
  }

  /** Drops this view's deadline: a write (an import) is bounded by its own transaction timeout instead. */
  liftDeadline(): void {
    this.deadline = undefined;
  }

  /** The transaction timeout to use now: the configured one, or what is left of the request's deadline. */
  timeoutNow(timeoutMs = this.timeoutMs): number {
    if (this.health.down) throw new DatabaseUnavailableError(`The database is unavailable (${this.health.down}). Try again in a few seconds.`);
    if (this.deadline === undefined) return timeoutMs;
    const left = this.deadline - Date.now();
    if (left <= 0)
      throw new DeadlineExceededError('The request ran out of time. Narrow the question (a place, a date range, a smaller limit) and try again.');
    return Math.min(timeoutMs, Math.max(left, 1));
  }

  read<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.withSession('READ', (session, timeout) => session.executeRead(work, { timeout }), timeoutMs);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.withSession('WRITE', (session, timeout) => session.executeWrite(work, { timeout }), timeoutMs);
  }

  /** Runs one read query and returns its records as plain objects. */
  async query<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.read(async (tx) => (await tx.run(cypher, params)).records.map((r) => r.toObject() as T));
  }

  /** True when Neo4j answers a trivial query within `timeoutMs`. */
  async ping(timeoutMs = 5000): Promise<boolean> {
    if (this.health.down) return false;
    const attempt = this.query('RETURN 1 AS ok').then(
      () => true,
      () => false,
    );
    const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    return Promise.race([attempt, timer]);
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async withSession<T>(
    mode: 'READ' | 'WRITE',
    work: (session: ReturnType<Driver['session']>, timeoutMs: number) => Promise<T>,
    timeoutMs = this.timeoutMs,
  ): Promise<T> {
    const timeout = this.timeoutNow(timeoutMs);
    const session = this.driver.session({
      database: this.name,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      return await work(session, timeout);
    } catch (error) {
      if (isUnavailable(error) && !(error instanceof DatabaseUnavailableError)) {
        throw new DatabaseUnavailableError(`The database is unavailable (${(error as Error).message.split('.')[0]}). Try again in a few seconds.`);
      }
      throw error;
    } finally {
      await session.close();
    }
  }
}
