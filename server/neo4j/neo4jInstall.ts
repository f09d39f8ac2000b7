// Fetches the Neo4j Community server and APOC core jars from Maven Central once, with the
// machine's Java and Maven (see docs/decisions.md for why this route: the server tarball is
// not on Maven Central; the jars are).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const NEO4J_VERSION = '5.26.20';
/** APOC core is published for fewer patch releases than Neo4j; the first two numbers must match. */
export const APOC_VERSION = '5.26.5';

export class ProvisioningError extends Error {
  readonly code = 'NEO4J_PROVISIONING_FAILED';
}

/** Another live Quanze server owns the data folder; nothing of its was touched. */
export class DataFolderInUseError extends ProvisioningError {}

export const HOW_TO_BRING_YOUR_OWN =
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
export async function installNeo4j(home: string, log: (line: string) => void = console.log): Promise<string> {
  const dir = path.join(home, `neo4j-${NEO4J_VERSION}`);
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) return dir;
  requireTool('java', ['-version'], 'Java 17 or newer');
  requireTool('mvn', ['-v'], 'Apache Maven');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pom.xml'), pom());
  log(`Downloading Neo4j ${NEO4J_VERSION} Community and APOC ${APOC_VERSION} core from Maven Central into ${dir} (first start only)…`);
  await runMaven(['dependency:copy-dependencies', '-DoutputDirectory=lib', '-DincludeScope=runtime'], dir, log);
  await runMaven(['dependency:copy', `-Dartifact=org.neo4j.procedure:apoc-core:${APOC_VERSION}:jar:core`, '-DoutputDirectory=plugins'], dir, log);
  fs.writeFileSync(done, new Date().toISOString());
  log('Neo4j downloaded.');
  return dir;
}
