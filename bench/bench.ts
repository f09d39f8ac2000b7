// npm run bench -- --scale S [--seed N] [--runs N] [--json FILE] [--keep]
// Generates the national synthetic case (bench/nationalCase.ts), imports it into a private
// Neo4j, and measures: import facts per second, batched and row by row (one statement per
// fact, on a sample); re-import of the unchanged bundle; the derive step (within the import);
// p50/p95 of each question over warm calls, through GraphQL over HTTP to a separate server
// process and as the same Cypher replayed through the raw driver, with their ratio; server
// RSS; Neo4j heap; the explorer drawing a 5,000-element view in headless Chromium; and the
// explorer's landing on each seed case, to the story drawn, in headless Chromium.
// `--only landing`: just the landing (a private Neo4j with the seed cases and the server).
// `--only whoCan`: whoCan read from the derived holdings and from the live derivation (bench/whoCanDerived.ts).
// `--only questions [--data DIR] [--questions a,b]`: just the questions, on the database a `--keep` run left
//   (bench/questions.ts): no generation, no import.
// `--only draw [--elements N]`: just the explorer drawing a large view (no Neo4j), --runs times (default 3).
// Prints a table and, with --json, the figures in the shape issue 10 gives. Asserts nothing.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../server/config.js';
import { Database } from '../server/neo4j/database.js';
import { migrate } from '../server/neo4j/migrations.js';
import { startLocalNeo4j } from '../server/neo4j/localNeo4j.js';
import { openBundleFile } from '../server/bundle/bundleStream.js';
import { importBundle } from '../server/bundle/importBundle.js';
import { testNeo4jOptions } from '../test/support/testNeo4j.js';
import { writeNationalCase } from './nationalCase.js';
import { drawExplorerView } from './explorerDraw.js';
import { measureLanding, type LandingFigure } from './explorerLanding.js';
import { importSeed } from '../server/bundle/seedOnEmpty.js';
import { defaultBundleFile, option } from './generate.js';
import { whoCanOnly } from './whoCanDerived.js';
import { measureQuestions, post, questionsOf, questionsOnly, round, rssMb, startServer } from './questions.js';
import type { FindingsDeriveReport } from '../server/analyses/derived/deriveFindings.js';

const args = process.argv.slice(2);
const scale = Number(option(args, 'scale') ?? 0.01);
const seed = Number(option(args, 'seed') ?? 1);
const runs = Number(option(args, 'runs') ?? 200);
/** Stop a question's runs early when they take longer than this (the count run is reported). */
const budgetMs = Number(option(args, 'budget') ?? 90_000);
const jsonFile = option(args, 'json');
const log = (line: string) => process.stderr.write(`${line}\n`);
const limits = { runs, budgetMs };

/** One statement per fact, each in its own transaction: the naive way, on the first actions of the bundle. */
async function rowByRow(db: Database, file: string, sample: number): Promise<number> {
  const actions: Record<string, unknown>[] = [];
  for await (const part of (await openBundleFile(file)).parts()) {
    const list = (part.data as { actions?: Record<string, unknown>[] }).actions;
    if (list) actions.push(...list.slice(0, sample - actions.length));
    if (actions.length >= sample) break;
  }
  const session = db.driver.session({ database: db.name });
  let facts = 0;
  const started = performance.now();
  try {
    for (const a of actions) {
      const id = `rowbyrow-${a.id}`;
      await session.run(
        'CREATE (a:BenchRowByRow {id: $id, summary: $summary, summaryZh: $summaryZh, startedAt: date($startedAt), purpose: $purpose, affectedCount: $count})',
        { id, summary: a.summary, summaryZh: a.summaryZh, startedAt: a.startedAt, purpose: a.purpose ?? null, count: a.affectedCount ?? null },
      );
      facts += 1;
      await session.run('MATCH (a:BenchRowByRow {id: $id}), (p:Place {id: $place}) CREATE (a)-[:IN]->(p)', { id, place: a.in });
      facts += 1;
      for (const power of a.exercised as string[]) {
        await session.run('MATCH (a:BenchRowByRow {id: $id}), (p:Power {id: $power}) CREATE (a)-[:EXERCISED]->(p)', { id, power });
        facts += 1;
      }
      for (const actor of a.performedBy as { id: string; role: string }[]) {
        await session.run(
          'MATCH (a:BenchRowByRow {id: $id}), (b {id: $actor}) WHERE b:Body OR b:Person CREATE (a)-[:PERFORMED_BY {role: $role}]->(b)',
          { id, actor: actor.id, role: actor.role },
        );
        facts += 1;
      }
      for (const e of a.evidence as { source: string; quote?: string; locator?: string }[]) {
        await session.run(
          'MATCH (a:BenchRowByRow {id: $id}), (s:Source {id: $source}) CREATE (a)-[:EVIDENCED_BY {quote: $quote, locator: $locator}]->(s)',
          { id, source: e.source, quote: e.quote ?? null, locator: e.locator ?? null },
        );
        facts += 1;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    await session.run('MATCH (a:BenchRowByRow) DETACH DELETE a');
    return round(facts / seconds, 0);
  } finally {
    await session.close();
  }
}

async function neo4jHeapMb(db: Database): Promise<number | null> {
  try {
    const [row] = await db.query<{ used: number }>(
      "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes RETURN attributes.HeapMemoryUsage.value.properties.used AS used",
    );
    return round(Number(row.used) / 2 ** 20, 0);
  } catch {
    return null;
  }
}

/** The landing on every seed case, in the database the server reads (the seed is imported first). */
async function landing(db: Database, url: string): Promise<LandingFigure[] | { error: string }> {
  try {
    if (!fs.existsSync(path.join(projectRoot, 'dist', 'client', 'index.html'))) throw new Error('Build the client first: npm run build');
    await importSeed(db, () => {});
    const cases = ((await post(url, '{ cases(limit: 100) { id } }')) as { cases: { id: string }[] }).cases
      .map((c) => c.id)
      .filter((id) => !id.startsWith('national'));
    const figures = await measureLanding(url, cases, Number(option(args, 'landing-runs') ?? 3));
    for (const f of figures)
      log(
        `landing ${f.case} (${f.viewport}): findings listed ${f.findingsMs} ms, story drawn ${f.drawnMs} ms, done ${f.readyMs} ms; last request started ${f.lastRequestStartMs} ms after the first (median of ${f.runs})`,
      );
    return figures;
  } catch (error) {
    log(`landing: could not be measured: ${(error as Error).message.split('\n')[0]}`);
    return { error: (error as Error).message.split('\n')[0] };
  }
}

/** `--only landing`: a private Neo4j with the seed cases, the server as its own process, and the landing measured. */
async function landingOnly(): Promise<void> {
  const options = await testNeo4jOptions('bench-landing');
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  const neo4j = await startLocalNeo4j({ ...options, heap: '1g', pageCache: '512m', log: () => {} });
  const db = new Database({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, timeoutMs: 600_000 });
  let server: { url: string; child: ChildProcess } | undefined;
  try {
    await migrate(db);
    server = await startServer(neo4j);
    const result = { landing: await landing(db, server.url), serverRssMb: rssMb(server.child.pid!) };
    console.log(JSON.stringify(result, null, 2));
    if (jsonFile) fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    server?.child.kill('SIGTERM');
    await db.close();
    await neo4j.stop();
    if (!args.includes('--keep')) fs.rmSync(options.dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (option(args, 'only') === 'landing') return landingOnly();
  if (option(args, 'only') === 'questions')
    return questionsOnly({ scale, seed, runs, budgetMs, jsonFile, dataDir: option(args, 'data'), only: option(args, 'questions')?.split(',') });
  if (option(args, 'only') === 'whoCan') return whoCanOnly({ scale, seed, runs, jsonFile });
  if (option(args, 'only') === 'draw') {
    for (let i = 0; i < Number(option(args, 'runs') ?? 3); i++) {
      const { elements, drawMs, mainThreadCpuMs } = await drawExplorerView(Number(option(args, 'elements') ?? 5000));
      log(
        `explorer: ${elements} elements laid out and drawn in ${drawMs} ms, ${mainThreadCpuMs} ms of main-thread CPU (load ${os.loadavg()[0].toFixed(1)})`,
      );
    }
    return;
  }
  const file = defaultBundleFile(scale, seed);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let t = performance.now();
  const generated = await writeNationalCase(file, { scale, seed });
  log(`generated ${generated.items.toLocaleString('en')} items in ${((performance.now() - t) / 1000).toFixed(1)} s → ${file}`);

  const heap = process.env.QUANZE_NEO4J_HEAP ?? (scale >= 0.5 ? '4g' : scale >= 0.05 ? '2g' : '1g');
  const pageCache = process.env.QUANZE_NEO4J_PAGECACHE ?? (scale >= 0.5 ? '3g' : scale >= 0.05 ? '1g' : '512m');
  const options = await testNeo4jOptions('bench');
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  const neo4j = await startLocalNeo4j({ ...options, heap, pageCache, log: () => {} });
  const db = new Database({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, timeoutMs: 3_600_000 });
  let server: { url: string; child: ChildProcess } | undefined;
  try {
    await migrate(db);
    t = performance.now();
    let lastLog = 0;
    const imported = await importBundle(db, await openBundleFile(file), {
      timeoutMs: 3_600_000,
      onProgress: (p) => {
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          log(`  ${p.step}: ${p.done}/${p.total}, ${p.written} facts, ${Math.round(p.written / ((performance.now() - t) / 1000))} facts/s`);
        }
      },
    });
    if (!imported.ok) throw new Error(`The generated bundle was refused: ${JSON.stringify(imported.problems.slice(0, 5))}`);
    // The derive step (holdings inside the switch-over, findings after it) is reported on its own
    // (deriveSeconds), not counted in the import's facts per second.
    const deriveSeconds = (imported.derivedHoldings?.seconds ?? 0) + (imported.derivedFindings?.seconds ?? 0);
    const importSeconds = (performance.now() - t) / 1000 - deriveSeconds;
    const facts = imported.written ?? 0;
    log(`import: ${facts.toLocaleString('en')} facts in ${importSeconds.toFixed(1)} s`);
    const derived = imported.derivedHoldings;
    if (derived) log(`derive (within the import): ${derived.grants} grants, ${derived.holdings} holdings in ${derived.seconds.toFixed(1)} s`);
    const findings = imported.derivedFindings;
    if (findings) log(findingsLine('derive (after the import)', findings));
    // The derive runs in this process: its peak memory is this process's peak so far.
    const peakRssAfterImportMb = round(process.resourceUsage().maxRSS / 1024, 0);
    log(`peak RSS of the benchmark process after the import and its derive: ${peakRssAfterImportMb} MB`);

    t = performance.now();
    const again = await importBundle(db, await openBundleFile(file), { timeoutMs: 3_600_000 });
    // As for the import, the findings step after it (which looks at the case's links again even when nothing changed) is reported on its own.
    const reimportDeriveSeconds = again.derivedFindings?.seconds ?? 0;
    const reimportSeconds = (performance.now() - t) / 1000 - reimportDeriveSeconds;
    log(
      `re-import unchanged: ${reimportSeconds.toFixed(2)} s, ${again.written} facts written; then its findings step ${reimportDeriveSeconds.toFixed(1)} s`,
    );
    if (again.derivedFindings) log(findingsLine('re-import', again.derivedFindings));

    const rowByRowFactsPerSecond = await rowByRow(db, file, 300);
    log(`row by row: ${rowByRowFactsPerSecond} facts/s`);

    // The questions: the API over HTTP (a separate server process), and the same Cypher replayed through the driver.
    server = await startServer(neo4j);
    const caseId = generated.caseId;
    const questions = questionsOf(scale, caseId);
    // The first gaps page right after the import, before anything is remembered: what a reader waits for.
    t = performance.now();
    // When the findings were not stored, this call computes them (minutes at scale): a failure is reported, not fatal.
    const gapsFirstCallMs = await post(server.url, questions.gapsFirstPage).then(
      () => round(performance.now() - t, 0),
      (error: unknown) => (
        log(`gaps first page, first call after the import: failed after ${round(performance.now() - t, 0)} ms: ${(error as Error).message}`),
        null
      ),
    );
    if (gapsFirstCallMs !== null) log(`gaps first page, first call after the import: ${gapsFirstCallMs} ms`);
    const { api, raw } = await measureQuestions(db, server.url, questions, limits);
    const serverRssMb = rssMb(server.child.pid!);
    const neo4jHeapUsedMb = await neo4jHeapMb(db);

    let explorer: { elements: number; drawMs: number } | { error: string };
    try {
      explorer = await drawExplorerView(5000);
      log(`explorer: ${explorer.elements} elements laid out and drawn in ${explorer.drawMs} ms`);
    } catch (error) {
      explorer = { error: (error as Error).message.split('\n')[0] };
      log(`explorer: could not be measured: ${explorer.error}`);
    }

    const landed = await landing(db, server.url);

    const ratio = (name: string) => (api[name] && raw[name] && raw[name].p95 > 0 ? round(api[name].p95 / raw[name].p95, 2) : null);
    const result = {
      scale,
      items: generated.items,
      importFactsPerSecond: round(facts / importSeconds, 0),
      rowByRowFactsPerSecond,
      deriveSeconds: round(deriveSeconds, 2),
      p95Ms: Object.fromEntries(Object.keys(questions).map((name) => [name, api[name]?.p95 ?? null])),
      apiOverRaw: { whoCanCounty: ratio('whoCanCounty'), gapsFirstPage: ratio('gapsFirstPage') },
      serverRssMb,
      // Beyond the shape of issue 10: what the figures above rest on.
      details: {
        seed,
        facts,
        gapsFirstCallMs,
        loadAverage: os.loadavg().map((x) => round(x, 1)),
        importSeconds: round(importSeconds),
        reimportUnchangedSeconds: round(reimportSeconds, 2),
        reimportDeriveSeconds: round(reimportDeriveSeconds, 2),
        reimportWritten: again.written,
        derive: derived ?? null,
        derivedFindings: findings ?? null,
        reimportDerivedFindings: again.derivedFindings ?? null,
        peakRssAfterImportMb,
        peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
        p50Ms: Object.fromEntries(Object.keys(questions).map((name) => [name, api[name]?.p50 ?? null])),
        rawP95Ms: Object.fromEntries(Object.keys(questions).map((name) => [name, raw[name]?.p95 ?? null])),
        runs: Object.fromEntries(Object.keys(questions).map((name) => [name, api[name]?.runs ?? null])),
        apiOverRawAll: Object.fromEntries(Object.keys(questions).map((name) => [name, ratio(name)])),
        neo4jHeapUsedMb,
        neo4jHeap: heap,
        neo4jPageCache: pageCache,
        explorer5000: explorer,
        landing: landed,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    if (jsonFile) fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    server?.child.kill('SIGTERM');
    await db.close();
    await neo4j.stop();
    if (!args.includes('--keep')) fs.rmSync(options.dataDir, { recursive: true, force: true });
  }
}

/** The findings step of an import, its failure included (the import stays done when it fails, so nothing else says it did). */
function findingsLine(step: string, findings: FindingsDeriveReport): string {
  const sets = findings.sets.length ? findings.sets.join(', ') : 'none';
  const outcome = findings.error ? `FAILED: ${findings.error.split('\n')[0]}` : 'done';
  return `${step}: findings step ${outcome}; ${findings.findings} findings in ${findings.seconds.toFixed(1)} s; sets stored: ${sets}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
