// npx tsx bench/importProbe.ts [--scale 0.05] [--runs 2] [--other DIR] [--file BUNDLE] [--statements]: imports a
// generated bundle (npm run generate -- --scale S) into a private Neo4j in process, with
// `findings: 'later'`, several times on the same Neo4j (emptied between runs, so the JVM's
// warm-up is paid by the first runs and the later ones can be compared). For each run and each
// import step it prints the wall time, the Node process's CPU seconds and the Neo4j JVM's CPU
// seconds, then the JVM's CPU by thread kind (JIT compiler, Bolt workers, GC, …).
// --other DIR: a copy of `server/` from another commit (e.g. `git archive HEAD~1 server | tar -x -C
// .data/other`, then `--other .data/other/server`); runs alternate between this tree's import and
// that one's, so two versions of the code are measured on one warm JVM. Asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ManagedTransaction } from 'neo4j-driver';
import { Database } from '../server/neo4j/database.js';
import { migrate } from '../server/neo4j/migrations.js';
import { startLocalNeo4j } from '../server/neo4j/localNeo4j.js';
import { openBundleFile } from '../server/bundle/bundleStream.js';
import { importBundle } from '../server/bundle/importBundle.js';
import { testNeo4jOptions } from '../test/support/testNeo4j.js';
import { defaultBundleFile } from '../bench/generate.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const scale = Number(option('scale') ?? 0.05);
const runs = Number(option('runs') ?? 2);
const file = option('file') ?? defaultBundleFile(scale, 1);
const other = option('other');
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

type Import = typeof importBundle;
const versions: { name: string; run: Import }[] = [{ name: 'this', run: importBundle }];
if (other) {
  const module = (await import(path.resolve(other, 'bundle', 'importBundle.ts'))) as { importBundle: Import };
  versions.push({ name: 'other', run: module.importBundle });
}

const options = await testNeo4jOptions('importprobe');
const neo4j = await startLocalNeo4j({ ...options, heap: '1g', pageCache: '512m', log: () => {} });
const db = new Database({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, timeoutMs: 3_600_000 });
const jvm = Number(fs.readFileSync(path.join(options.dataDir, 'quanze-neo4j.pid'), 'utf8').trim());
const ticks = 100; // USER_HZ on Linux

/** CPU seconds of one /proc stat line (utime + stime). */
function cpuOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}
const jvmCpu = () => cpuOf(fs.readFileSync(`/proc/${jvm}/stat`, 'utf8'));
const nodeCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/** The JVM's CPU seconds by kind of thread: its thread names with their numbers taken out. */
function threadCpu(): Map<string, number> {
  const kinds = new Map<string, number>();
  for (const task of fs.readdirSync(`/proc/${jvm}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${jvm}/task/${task}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const kind = /C[12] Compiler|C[12] CompilerThre/.test(name) ? 'JIT compiler' : name.replace(/[-#\d]+/g, ' ').trim();
      kinds.set(kind, (kinds.get(kind) ?? 0) + cpuOf(stat));
    } catch {
      // a thread that ended meanwhile
    }
  }
  return kinds;
}

interface Mark {
  what: string;
  wall: number;
  node: number;
  neo: number;
}
let marks: Mark[] = [];
const snapshot = (what: string) => marks.push({ what, wall: performance.now(), node: nodeCpu(), neo: jvmCpu() });
// The import marks its steps on stderr with QUANZE_IMPORT_TIMING set; each mark is a snapshot here.
process.env.QUANZE_IMPORT_TIMING = '1';
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk: string | Uint8Array, ...rest: never[]) => {
  const text = String(chunk);
  const mark = /^\[import\] (.*) \d+ ms\n$/.exec(text);
  if (mark) {
    snapshot(mark[1]);
    return true;
  }
  return write(chunk, ...rest);
};

// --statements: each statement's time, from when Neo4j could start it (sent, and the one before it
// in its transaction answered) to its answer, summed by its text (property lists left out); and
// each transaction's commit. Statements of one transaction are pipelined, so this is close to the
// time Neo4j spent on each.
const spent = new Map<string, { ms: number; n: number; rows: number }>();
const add = (name: string, ms: number, rows = 0) => {
  const s = spent.get(name) ?? { ms: 0, n: 0, rows: 0 };
  spent.set(name, { ms: s.ms + ms, n: s.n + 1, rows: s.rows + rows });
};
if (args.includes('--statements')) {
  const write = db.write.bind(db);
  db.write = <T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number) => {
    let workDone = 0;
    return write(async (tx) => {
      let previous = performance.now();
      const timed = new Proxy(tx, {
        get(target, key) {
          if (key !== 'run') return Reflect.get(target, key);
          return (cypher: string, params?: Record<string, unknown>) => {
            const sent = performance.now();
            const name = cypher
              .replace(/\{`[^}]*\}/g, '{…}')
              .replace(/\s+/g, ' ')
              .slice(0, 110);
            const rows = Array.isArray(params?.rows) ? params.rows.length : 0;
            const result = target.run(cypher, params);
            void result.then(
              () => {
                const now = performance.now();
                add(name, now - Math.max(sent, previous), rows);
                previous = now;
              },
              () => {},
            );
            return result;
          };
        },
      });
      const value = await work(timed);
      workDone = performance.now();
      return value;
    }, timeoutMs).then((value) => {
      add('(commit)', performance.now() - workDone);
      return value;
    });
  };
}

async function empty() {
  const session = db.driver.session({ database: db.name });
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS', {}, { timeout: 3_600_000 });
  } finally {
    await session.close();
  }
  await migrate(db);
}

try {
  await migrate(db);
  console.log(`bundle ${file}; Neo4j pid ${jvm}; load ${load()}`);
  for (let run = 0; run < runs; run++) {
    const version = versions[run % versions.length];
    if (run > 0) await empty();
    const threadsBefore = threadCpu();
    marks = [];
    snapshot('start');
    const result = await version.run(db, await openBundleFile(file), { timeoutMs: 3_600_000, findings: 'later' });
    snapshot('returned');
    if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
    const first = marks[0];
    const last = marks.at(-1)!;
    const seconds = (last.wall - first.wall) / 1000;
    console.log(
      `\nrun ${run + 1} (${version.name}): ${result.written} facts in ${seconds.toFixed(1)} s = ${Math.round(result.written! / seconds)} facts/s;`,
      `CPU s Node ${(last.node - first.node).toFixed(1)}, Neo4j ${(last.neo - first.neo).toFixed(1)}; load ${load()};`,
      `holdings derive (in the switch-over) ${result.derivedHoldings?.seconds} s; findings step ${result.derivedFindings?.seconds} s`,
    );
    for (let i = 1; i < marks.length; i++) {
      const [a, b] = [marks[i - 1], marks[i]];
      console.log(
        `  ${b.what.padEnd(32)} wall ${((b.wall - a.wall) / 1000).toFixed(1).padStart(6)} s  Node ${(b.node - a.node).toFixed(1).padStart(5)}  Neo4j ${(b.neo - a.neo).toFixed(1).padStart(5)}`,
      );
    }
    const threads = [...threadCpu()]
      .map(([kind, s]) => [kind, s - (threadsBefore.get(kind) ?? 0)] as const)
      .filter(([, s]) => s >= 0.5)
      .sort((x, y) => y[1] - x[1]);
    for (const [name, x] of [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20))
      console.log(`  ${(x.ms / 1000).toFixed(1).padStart(6)} s ${String(x.n).padStart(5)}× ${String(x.rows).padStart(7)} rows  ${name}`);
    spent.clear();
    console.log(`  JVM threads: ${threads.map(([kind, s]) => `${kind} ${s.toFixed(1)}`).join(', ')}`);
  }
} finally {
  await db.close();
  await neo4j.stop();
  fs.rmSync(options.dataDir, { recursive: true, force: true });
}
