import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** Transaction timeout applied to every read and write. */
  timeoutMs?: number;
}

/**
 * The one way the product talks to Neo4j: managed read and write transactions, so
 * routing (`neo4j://`) to a cluster or Aura works unchanged and retries are the driver's.
 */
export class Database {
  readonly driver: Driver;
  readonly name?: string;
  private readonly timeoutMs: number;

  constructor(options: DatabaseOptions) {
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: true,
      connectionAcquisitionTimeout: 10_000,
      maxConnectionLifetime: 30 * 60_000,
    });
    this.name = options.database;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.withSession('READ', (session) => session.executeRead(work, { timeout: this.timeoutMs }));
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.withSession('WRITE', (session) => session.executeWrite(work, { timeout: timeoutMs }));
  }

  /** Runs one read query and returns its records as plain objects. */
  async query<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.read(async (tx) => (await tx.run(cypher, params)).records.map((r) => r.toObject() as T));
  }

  /** True when Neo4j answers a trivial query within `timeoutMs`. */
  async ping(timeoutMs = 5000): Promise<boolean> {
    const attempt = this.query('RETURN 1 AS ok').then(() => true, () => false);
    const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    return Promise.race([attempt, timer]);
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async withSession<T>(mode: 'READ' | 'WRITE', work: (session: ReturnType<Driver['session']>) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.name,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  }
}
