// The real processes: `node server/main.ts` with its own Neo4j. A second start on the same
// data folder or port is refused in one sentence without touching the first; Neo4j killed
// under the server comes back by itself while requests answer by their deadline; SIGTERM
// stops node and its Neo4j, also while Neo4j is still starting.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../server/config.js';
import { testNeo4jOptions } from '../support/testNeo4j.js';

interface Started {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server', 'main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, QUANZE_SEED: 'false', QUANZE_NEO4J_HOME: path.join(projectRoot, '.neo4j'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let first: Started | undefined;
let dataDir = '';
let earlyDir = '';
afterAll(async () => {
  if (earlyDir) fs.rmSync(earlyDir, { recursive: true, force: true });
  if (first && first.child.exitCode === null) {
    first.child.kill('SIGTERM');
    await first.exited;
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the server process', () => {
  let env: Record<string, string>;
  let port = 0;
  let neo4jDir = '';

  it('starts, and a second start on its data folder or its port stops in one sentence, touching nothing', async () => {
    const options = await testNeo4jOptions('process');
    dataDir = options.dataDir;
    fs.rmSync(dataDir, { recursive: true, force: true });
    port = options.httpPort!;
    env = { PORT: String(port), QUANZE_DATA_DIR: dataDir, QUANZE_BOLT_PORT: String(options.boltPort) };
    neo4jDir = path.join(dataDir, 'neo4j');
    first = start(env);
    const ready = await until(() => first!.output.join('').includes('Quanze is ready'), 480_000);
    if (!ready) process.stderr.write(first.output.join(''));
    expect(ready).toBe(true);

    const files = ['quanze-neo4j.pid', 'quanze-owner.pid', 'conf/neo4j.conf'].map((f) => path.join(neo4jDir, f));
    const before = files.map((f) => [fs.readFileSync(f, 'utf8'), fs.statSync(f).mtimeMs]);

    const sameFolder = start({ ...env, PORT: String((await testNeo4jOptions('unused')).boltPort) });
    expect(await sameFolder.exited).toBe(1);
    const refusal = sameFolder.output.join('').trim().split('\n').at(-1);
    expect(refusal).toMatch(
      /^Quanze could not start: The data folder .* is in use by another Quanze \(pid \d+\); stop it first, or set QUANZE_DATA_DIR to another folder\.$/,
    );
    expect(sameFolder.output.join('')).not.toMatch(/\n\s+at /);

    const samePort = start({ ...env, QUANZE_DATA_DIR: `${dataDir}-other` });
    expect(await samePort.exited).toBe(1);
    expect(samePort.output.join('').trim()).toBe(
      `Quanze could not start: Port ${port} on 127.0.0.1 is already in use by another program; set PORT to a free port.`,
    );
    expect(fs.existsSync(`${dataDir}-other`)).toBe(false);

    expect(files.map((f) => [fs.readFileSync(f, 'utf8'), fs.statSync(f).mtimeMs])).toEqual(before);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
  }, 600_000);

  it('restarts a killed Neo4j by itself, answering every request by its deadline meanwhile', async () => {
    const neo4jPid = Number(fs.readFileSync(path.join(neo4jDir, 'quanze-neo4j.pid'), 'utf8'));
    process.kill(neo4jPid, 'SIGKILL');
    const killedAt = Date.now();
    const answers: { status: number; code?: string; ms: number }[] = [];
    const back = await until(async () => {
      const t = Date.now();
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ bodies(limit: 1) { id } }' }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      answers.push({ status: response.status, code: body.errors?.[0]?.extensions?.code, ms: Date.now() - t });
      return response.status === 200 && !body.errors;
    }, 180_000);
    expect(back).toBe(true);
    const downFor = Date.now() - killedAt;
    process.stderr.write(
      `[processes] Neo4j back after ${downFor} ms; ${answers.length} requests meanwhile, slowest ${Math.max(...answers.map((a) => a.ms))} ms\n`,
    );
    const log = first!.output.join('');
    expect(log).toMatch(/Neo4j stopped unexpectedly/);
    expect(log).toMatch(/Neo4j is back/);
    // While down, answers are DATABASE_UNAVAILABLE (503), never a hang past the 20 s deadline.
    for (const answer of answers.slice(0, -1)) {
      expect(answer.status).toBe(503);
      expect(['DATABASE_UNAVAILABLE', 'QUERY_TIMEOUT']).toContain(answer.code);
      expect(answer.ms).toBeLessThan(25_000);
    }
  }, 600_000);

  it('stops node and its Neo4j on SIGTERM', async () => {
    const neo4jPid = Number(fs.readFileSync(path.join(neo4jDir, 'quanze-neo4j.pid'), 'utf8'));
    expect(alive(neo4jPid)).toBe(true);
    first!.child.kill('SIGTERM');
    expect(await first!.exited).toBe(0);
    expect(await until(() => !alive(neo4jPid), 60_000)).toBe(true);
    expect(fs.existsSync(path.join(neo4jDir, 'quanze-owner.pid'))).toBe(false);
  }, 120_000);
});

describe('SIGTERM during start-up', () => {
  it('stops node and the Neo4j it is still starting', async () => {
    const options = await testNeo4jOptions('early-stop');
    earlyDir = options.dataDir;
    fs.rmSync(earlyDir, { recursive: true, force: true });
    const neo4jDir = path.join(earlyDir, 'neo4j');
    const pidFile = path.join(neo4jDir, 'quanze-neo4j.pid');
    const early = start({ PORT: String(options.httpPort), QUANZE_DATA_DIR: earlyDir, QUANZE_BOLT_PORT: String(options.boltPort) });
    // Neo4j is spawned (its pid written) and has not answered yet: a fresh store takes a while.
    expect(await until(() => fs.existsSync(pidFile) && early.output.join('').includes('Starting Neo4j'), 120_000)).toBe(true);
    const neo4jPid = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(early.output.join('')).not.toContain('Neo4j ready');
    early.child.kill('SIGTERM');
    expect(await early.exited).toBe(0);
    expect(alive(neo4jPid)).toBe(false);
    expect(fs.existsSync(pidFile)).toBe(false);
    expect(fs.existsSync(path.join(neo4jDir, 'quanze-owner.pid'))).toBe(false);
    expect(early.output.join('')).toMatch(/SIGTERM: stopping Quanze and its Neo4j/);
  }, 240_000);
});
