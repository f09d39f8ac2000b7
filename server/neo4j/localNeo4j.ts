// Provisions and runs a genuine Neo4j Community server assembled from Maven Central
// artifacts, for when the user brings no NEO4J_URI. See docs/decisions.md for why this
// route (the server tarball is not on Maven Central; the jars are).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensurePassword, passwordFile, settlePassword, USER, writeInitialPassword } from './localCredentials.js';
import { DataFolderInUseError, HOW_TO_BRING_YOUR_OWN, installNeo4j, NEO4J_VERSION, ProvisioningError } from './neo4jInstall.js';

export { passwordFile } from './localCredentials.js';
export { APOC_VERSION, DataFolderInUseError, NEO4J_VERSION, ProvisioningError } from './neo4jInstall.js';

export interface LocalNeo4jOptions {
  /** Folder holding downloaded jars, shared by every instance and reused across starts. */
  home: string;
  /** Folder holding this instance's configuration, data and logs. */
  dataDir: string;
  boltPort: number;
  /** Kept for compatibility: the HTTP connector is off, Bolt is the only way in. */
  httpPort?: number;
  heap?: string;
  pageCache?: string;
  log?: (line: string) => void;
  /**
   * `exclusive` (the server): refuse a data folder another live Quanze owns. `shared` (the
   * command-line tools, the default): use that Neo4j without owning it.
   */
  access?: 'exclusive' | 'shared';
  /** Restart Neo4j (with backoff) when it dies while we own it. */
  restartOnCrash?: boolean;
  /** Told when Neo4j goes down and when it is back, for logs and DATABASE_UNAVAILABLE answers. */
  onStateChange?: (state: 'down' | 'up', detail: string) => void;
  /** Aborted when the server is told to stop while Neo4j is still starting: the half-started Neo4j is stopped too. */
  signal?: AbortSignal;
}

export interface LocalNeo4j {
  uri: string;
  /** Bolt credentials: user `neo4j` and the password generated into the data folder. */
  user: string;
  password: string;
  /** False when another live Quanze owns this Neo4j and we only use it. */
  owned: boolean;
  stop(): Promise<void>;
}

function neo4jConf(options: LocalNeo4jOptions, install: string): string {
  const d = (sub: string) => path.join(options.dataDir, sub);
  return [
    '# Written by Quanze on every start; edit server/neo4j/localNeo4j.ts instead.',
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${options.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${options.boltPort}`,
    // Bolt with a password is the only way in: the HTTP API answers any web page's
    // cross-origin request, so it stays off (see docs/decisions.md).
    'server.http.enabled=false',
    'server.https.enabled=false',
    'dbms.security.auth_enabled=true',
    `server.memory.pagecache.size=${options.pageCache ?? '512m'}`,
    'dbms.usage_report.enabled=false',
    `server.directories.data=${d('data')}`,
    `server.directories.logs=${d('logs')}`,
    `server.directories.run=${d('run')}`,
    `server.directories.import=${d('import')}`,
    `server.directories.plugins=${path.join(install, 'plugins')}`,
    'dbms.security.procedures.unrestricted=apoc.*',
    'db.transaction.timeout=60s',
    '',
  ].join('\n');
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- Ownership -----------------------------------------------------------------------------

/** Node's pid of the Quanze that owns the Neo4j in this data folder. */
const ownerFileOf = (dataDir: string) => path.join(dataDir, 'quanze-owner.pid');
const neo4jPidFileOf = (dataDir: string) => path.join(dataDir, 'quanze-neo4j.pid');

/** Takes the data folder for this process, or says who holds it. Exclusive create: two starts cannot both win. */
function claimDataFolder(dataDir: string): { claimed: true } | { claimed: false; owner: number } {
  const file = ownerFileOf(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return { claimed: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readPid(file);
      if (owner !== undefined && owner !== process.pid && pidAlive(owner)) return { claimed: false, owner };
      fs.rmSync(file, { force: true }); // the owner died: its claim is stale
    }
  }
  throw new ProvisioningError(`Could not claim the data folder ${dataDir}: another start keeps racing for it.`);
}

function releaseDataFolder(dataDir: string): void {
  if (readPid(ownerFileOf(dataDir)) === process.pid) fs.rmSync(ownerFileOf(dataDir), { force: true });
}

// ---- Start, watch, stop ---------------------------------------------------------------------

/**
 * Starts Neo4j (downloading it on first use) and resolves once Bolt answers with our
 * password. A Neo4j left running by a Quanze that died (an orphan) is adopted and stopped
 * like our own.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? console.log;
  const uri = `neo4j://127.0.0.1:${options.boltPort}`;
  const access = options.access ?? 'shared';
  fs.mkdirSync(options.dataDir, { recursive: true });
  const pidFile = neo4jPidFileOf(options.dataDir);

  const claim = claimDataFolder(options.dataDir);
  if (!claim.claimed) {
    if (access === 'exclusive') {
      throw new DataFolderInUseError(
        `The data folder ${options.dataDir} is in use by another Quanze (pid ${claim.owner}); stop it first, or set QUANZE_DATA_DIR to another folder.`,
      );
    }
    const password = fs.existsSync(passwordFile(options.dataDir)) ? ensurePassword(options.dataDir).password : '';
    if (!(await portAnswers(options.boltPort))) {
      throw new ProvisioningError(
        `The Quanze with pid ${claim.owner} holds ${options.dataDir} but its Neo4j does not answer on ${uri}. Wait for it, or stop it.`,
      );
    }
    log(`Neo4j of the running Quanze (pid ${claim.owner}) answers on ${uri}; using it.`);
    return { uri, user: USER, password, owned: false, stop: async () => {} };
  }

  try {
    const { password, fresh } = ensurePassword(options.dataDir);
    const orphan = readPid(pidFile);
    if (orphan !== undefined && pidAlive(orphan) && (await portAnswers(options.boltPort))) {
      await settlePassword(uri, password, options.dataDir);
      log(`Neo4j left running by an earlier start (pid ${orphan}) answers on ${uri}; Quanze takes it over and will stop it.`);
      return supervise({ options, uri, password, log, process: { pid: orphan } });
    }
    if (await portAnswers(options.boltPort)) {
      throw new ProvisioningError(
        `Port ${options.boltPort} is taken by another program, so Quanze cannot start its Neo4j there. Set QUANZE_BOLT_PORT to a free port. ${HOW_TO_BRING_YOUR_OWN}`,
      );
    }
    const install = await installNeo4j(options.home, log);
    for (const sub of ['conf', 'data', 'logs', 'run', 'import']) fs.mkdirSync(path.join(options.dataDir, sub), { recursive: true });
    fs.writeFileSync(path.join(options.dataDir, 'conf', 'neo4j.conf'), neo4jConf(options, install));
    if (fresh || !fs.existsSync(path.join(options.dataDir, 'data', 'databases', 'system'))) writeInitialPassword(options.dataDir, password);

    log(`Starting Neo4j ${NEO4J_VERSION} on ${uri} (data in ${options.dataDir})…`);
    const child = await spawnNeo4j(options, install, uri, password);
    log(`Neo4j ready on ${uri}.`);
    return supervise({ options, uri, password, log, process: child, install });
  } catch (error) {
    releaseDataFolder(options.dataDir);
    throw error;
  }
}

interface Running {
  pid: number;
  child?: ChildProcess;
  exited?: Promise<unknown>;
}

/** Spawns Neo4j and resolves when it answers Bolt with our password; throws with its last lines if it stops. */
async function spawnNeo4j(options: LocalNeo4jOptions, install: string, uri: string, password: string): Promise<Running> {
  const heap = options.heap ?? '1g';
  const child = spawn(
    'java',
    [
      `-Xms${heap}`,
      `-Xmx${heap}`,
      '-XX:+UseG1GC',
      '-XX:+ExitOnOutOfMemoryError',
      '-Dio.netty.tryReflectionSetAccessible=true',
      '-Dfile.encoding=UTF-8',
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      // Plugins go on the classpath as the bin/neo4j launcher does: APOC registers a kernel extension.
      '-cp',
      `${path.join(install, 'plugins')}/*${path.delimiter}${path.join(install, 'lib')}/*`,
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${options.dataDir}`,
      `--config-dir=${path.join(options.dataDir, 'conf')}`,
      '--console-mode',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const pidFile = neo4jPidFileOf(options.dataDir);
  fs.writeFileSync(pidFile, String(child.pid));
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 100);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running: Running = { pid: child.pid!, child, exited };
  // A loaded machine (tests and benchmarks beside each other) can take longer than 3 minutes to start a JVM.
  const startMs = startTimeoutMs();
  const deadline = Date.now() + startMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (options.signal?.aborted) {
      await stopProcess(running, pidFile);
      throw new ProvisioningError('Start-up was interrupted; Neo4j was stopped.');
    }
    if (exitCode !== undefined) {
      fs.rmSync(pidFile, { force: true });
      const locked = output.some((line) => /FileLockException|Lock file has been locked/i.test(line));
      throw new ProvisioningError(
        locked
          ? `Another Neo4j holds the store in ${options.dataDir}; stop it first, or set QUANZE_DATA_DIR to another folder.`
          : `Neo4j stopped during start-up (exit ${exitCode}). Its last lines:\n${output.slice(-25).join('\n')}`,
      );
    }
    if (output.some((line) => line.includes(' Started.')) && (await portAnswers(options.boltPort))) {
      try {
        await settlePassword(uri, password, options.dataDir);
      } catch (error) {
        await stopProcess(running, pidFile);
        throw error;
      }
      return running;
    }
    await sleep(250);
  }
  await stopProcess(running, pidFile);
  throw new ProvisioningError(
    `Neo4j did not answer on ${uri} within ${Math.round(startMs / 1000)} s (QUANZE_NEO4J_START_TIMEOUT_MS). Its last lines:\n${output.slice(-25).join('\n')}`,
  );
}

/** How long a start may take: QUANZE_NEO4J_START_TIMEOUT_MS, else 3 minutes. */
function startTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.QUANZE_NEO4J_START_TIMEOUT_MS;
  if (raw === undefined || raw === '') return 180_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0)
    throw new ProvisioningError(`QUANZE_NEO4J_START_TIMEOUT_MS must be a whole number of milliseconds above 0, not "${raw}".`);
  return ms;
}

/** Watches the running Neo4j: logs its death and, when asked, restarts it with backoff. */
function supervise(start: {
  options: LocalNeo4jOptions;
  uri: string;
  password: string;
  log: (line: string) => void;
  process: Running;
  install?: string;
}): LocalNeo4j {
  const { options, uri, password, log } = start;
  const pidFile = neo4jPidFileOf(options.dataDir);
  let current: Running = start.process;
  let stopping = false;
  let watcher: NodeJS.Timeout | undefined;
  let backoffMs = 1000;

  const died = async (detail: string) => {
    if (stopping) return;
    const diedAt = Date.now();
    fs.rmSync(pidFile, { force: true });
    log(`Neo4j stopped unexpectedly (${detail}).`);
    options.onStateChange?.('down', detail);
    if (!options.restartOnCrash) return;
    while (!stopping) {
      log(`Restarting Neo4j in ${backoffMs / 1000} s…`);
      await sleep(backoffMs);
      if (stopping) return;
      backoffMs = Math.min(backoffMs * 2, 30_000);
      try {
        const install = start.install ?? (await installNeo4j(options.home, log));
        if (stopping) return;
        const spawnedAt = Date.now();
        current = await spawnNeo4j(options, install, uri, password);
        if (stopping) {
          await stopProcess(current, pidFile);
          return;
        }
        watch();
        const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
        log(`Neo4j is back on ${uri}, ${seconds(diedAt)} s after it stopped (its own start-up took ${seconds(spawnedAt)} s).`);
        options.onStateChange?.('up', 'restarted');
        const settled = current;
        setTimeout(() => {
          if (current === settled) backoffMs = 1000;
        }, 60_000).unref();
        return;
      } catch (error) {
        log(`Neo4j did not restart: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  };

  const watch = () => {
    if (current.child) {
      const child = current.child;
      child.once('exit', (code, signal) => {
        if (current.child === child) void died(signal ? `signal ${signal}` : `exit ${code}`);
      });
    } else {
      // An adopted orphan is not our child: poll its pid.
      const adopted = current;
      watcher = setInterval(() => {
        if (current !== adopted) return clearInterval(watcher);
        if (!pidAlive(adopted.pid)) {
          clearInterval(watcher);
          void died('its process is gone');
        }
      }, 1000);
      watcher.unref();
    }
  };
  watch();

  return {
    uri,
    user: USER,
    password,
    owned: true,
    async stop() {
      stopping = true;
      if (watcher) clearInterval(watcher);
      await stopProcess(current, pidFile);
      releaseDataFolder(options.dataDir);
    },
  };
}

async function stopProcess(running: Running, pidFile: string): Promise<void> {
  const { child } = running;
  if (child) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await running.exited;
      clearTimeout(timer);
    }
  } else if (pidAlive(running.pid)) {
    process.kill(running.pid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (pidAlive(running.pid) && Date.now() < deadline) await sleep(200);
    if (pidAlive(running.pid)) process.kill(running.pid, 'SIGKILL');
    while (pidAlive(running.pid)) await sleep(100);
  }
  if (readPid(pidFile) === running.pid) fs.rmSync(pidFile, { force: true });
}
