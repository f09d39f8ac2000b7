// Provisions and runs a genuine Neo4j Community server assembled from Maven Central
// artifacts, for when the user brings no NEO4J_URI. See docs/decisions.md for why this
// route (the server tarball is not on Maven Central; the jars are).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const NEO4J_VERSION = '5.26.20';
/** APOC core is published for fewer patch releases than Neo4j; the first two numbers must match. */
export const APOC_VERSION = '5.26.5';

export interface LocalNeo4jOptions {
  /** Folder holding downloaded jars, shared by every instance and reused across starts. */
  home: string;
  /** Folder holding this instance's configuration, data and logs. */
  dataDir: string;
  boltPort: number;
  httpPort: number;
  heap?: string;
  pageCache?: string;
  log?: (line: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  /** False when an instance was already running on this data folder and we only attached to it. */
  owned: boolean;
  stop(): Promise<void>;
}

export class ProvisioningError extends Error {
  readonly code = 'NEO4J_PROVISIONING_FAILED';
}

const HOW_TO_BRING_YOUR_OWN =
  'Or use an existing Neo4j 5 instead: set NEO4J_URI (e.g. neo4j://localhost:7687 for a `docker run -p 7687:7687 -e NEO4J_AUTH=neo4j/secret neo4j:5` container), NEO4J_USER and NEO4J_PASSWORD.';

function requireTool(command: string, args: string[], what: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new ProvisioningError(
      `Quanze needs ${what} to run its own Neo4j, and \`${command}\` was not found or failed. Install ${what}. ${HOW_TO_BRING_YOUR_OWN}`,
    );
  }
}

function pom(): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>quanze.local</groupId>
  <artifactId>neo4j-community-runtime</artifactId>
  <version>${NEO4J_VERSION}</version>
  <packaging>pom</packaging>
  <dependencies>
    <!-- org.neo4j:neo4j holds the Community edition and CommunityEntryPoint; neo4j-server adds HTTP. -->
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>${NEO4J_VERSION}</version></dependency>
    <dependency><groupId>org.neo4j.app</groupId><artifactId>neo4j-server</artifactId><version>${NEO4J_VERSION}</version></dependency>
  </dependencies>
</project>
`;
}

function runMaven(args: string[], cwd: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('mvn', ['-B', '--no-transfer-progress', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail: string[] = [];
    let downloads = 0;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        tail = [...tail.slice(-30), line];
        if (/Downloaded from/.test(line) && ++downloads % 25 === 0) log(`  … ${downloads} artifacts downloaded`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new ProvisioningError(`Maven could not fetch Neo4j (exit ${code}):\n${tail.join('\n')}\n${HOW_TO_BRING_YOUR_OWN}`));
    });
  });
}

/** Downloads Neo4j and APOC jars into `home` once; later calls return at once. */
async function installNeo4j(home: string, log: (line: string) => void = console.log): Promise<string> {
  const dir = path.join(home, `neo4j-${NEO4J_VERSION}`);
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) return dir;
  requireTool('java', ['-version'], 'Java 17 or newer');
  requireTool('mvn', ['-v'], 'Apache Maven');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pom.xml'), pom());
  log(`Downloading Neo4j ${NEO4J_VERSION} Community and APOC ${APOC_VERSION} core from Maven Central into ${dir} (first start only)…`);
  await runMaven(['dependency:copy-dependencies', '-DoutputDirectory=lib', '-DincludeScope=runtime'], dir, log);
  await runMaven(
    ['dependency:copy', `-Dartifact=org.neo4j.procedure:apoc-core:${APOC_VERSION}:jar:core`, '-DoutputDirectory=plugins'],
    dir,
    log,
  );
  fs.writeFileSync(done, new Date().toISOString());
  log('Neo4j downloaded.');
  return dir;
}

function neo4jConf(options: LocalNeo4jOptions, install: string): string {
  const d = (sub: string) => path.join(options.dataDir, sub);
  return [
    '# Written by Quanze on every start; edit server/neo4j/localNeo4j.ts instead.',
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${options.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${options.boltPort}`,
    `server.http.listen_address=127.0.0.1:${options.httpPort}`,
    `server.http.advertised_address=127.0.0.1:${options.httpPort}`,
    'server.https.enabled=false',
    // Loopback only; see docs/decisions.md on why the local instance runs without auth.
    'dbms.security.auth_enabled=false',
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
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts Neo4j (downloading it on first use) and resolves once Bolt answers. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? console.log;
  const uri = `neo4j://127.0.0.1:${options.boltPort}`;
  const pidFile = path.join(options.dataDir, 'quanze-neo4j.pid');

  // A previous start that is still running on this data folder: attach instead of failing on the store lock.
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    if (pidAlive(pid) && (await portAnswers(options.boltPort))) {
      log(`Neo4j already running (pid ${pid}) on ${uri}; using it.`);
      return { uri, owned: false, stop: async () => {} };
    }
  }
  if (await portAnswers(options.boltPort)) {
    throw new ProvisioningError(
      `Port ${options.boltPort} is taken by another program, so Quanze cannot start its Neo4j there. Set QUANZE_BOLT_PORT to a free port. ${HOW_TO_BRING_YOUR_OWN}`,
    );
  }

  const install = await installNeo4j(options.home, log);
  for (const sub of ['conf', 'data', 'logs', 'run', 'import']) fs.mkdirSync(path.join(options.dataDir, sub), { recursive: true });
  fs.writeFileSync(path.join(options.dataDir, 'conf', 'neo4j.conf'), neo4jConf(options, install));

  log(`Starting Neo4j ${NEO4J_VERSION} on ${uri} (data in ${options.dataDir})…`);
  const heap = options.heap ?? '1g';
  const child = spawn(
    'java',
    [
      `-Xms${heap}`, `-Xmx${heap}`, '-XX:+UseG1GC', '-XX:+ExitOnOutOfMemoryError',
      '-Dio.netty.tryReflectionSetAccessible=true', '-Dfile.encoding=UTF-8',
      '--add-opens=java.base/java.nio=ALL-UNNAMED', '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED', '--add-opens=java.base/java.lang=ALL-UNNAMED',
      // Plugins go on the classpath as the bin/neo4j launcher does: APOC registers a kernel extension.
      '-cp', `${path.join(install, 'plugins')}/*${path.delimiter}${path.join(install, 'lib')}/*`,
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${options.dataDir}`, `--config-dir=${path.join(options.dataDir, 'conf')}`, '--console-mode',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  fs.writeFileSync(pidFile, String(child.pid));
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean).slice(-50));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = () => stopChild(child, exited, pidFile);
  const deadline = Date.now() + 180_000;
  let exitCode: number | null | undefined;
  void exited.then((code) => { exitCode = code; });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new ProvisioningError(`Neo4j stopped during start-up (exit ${exitCode}). Its last lines:\n${output.slice(-25).join('\n')}`);
    }
    if (output.some((line) => line.includes(' Started.')) && (await portAnswers(options.boltPort))) {
      log(`Neo4j ready on ${uri}.`);
      return { uri, owned: true, stop };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new ProvisioningError(`Neo4j did not answer on ${uri} within 3 minutes. Its last lines:\n${output.slice(-25).join('\n')}`);
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>, pidFile: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(pidFile, { force: true });
}
