// npm run check -- FILE [--with FILE]...
// Imports a case bundle into a scratch database, asks the questions of its `expect`
// section and prints each expected answer as PASS or FAIL with the answer given. Exit 1 on
// any failure or problem, so a case author can run it in CI.
//
// The scratch database: a throw-away Neo4j started for this run (under .data/check, deleted
// afterwards), or, when NEO4J_URI and QUANZE_CHECK_DATABASE are both set, the database of
// that name on NEO4J_URI (created if the server can, and emptied first).
import fs from 'node:fs';
import path from 'node:path';
import { checkBundle } from '../bundle/checkBundle.js';
import { readBundleFile, type ParsedBundle } from '../bundle/parse.js';
import { formatProblem } from '../bundle/problem.js';
import { loadConfig } from '../config.js';
import { openDatabase, type OpenDatabase } from '../neo4j/connect.js';
import { Database } from '../neo4j/database.js';
import { migrate } from '../neo4j/migrations.js';
import { freePort } from '../freePort.js';

const USAGE = 'Usage: npm run check -- FILE [--with FILE]...   (--with: a bundle to import first, when FILE points into it)';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The scratch database, and a sentence saying which it is. */
async function openScratch(): Promise<OpenDatabase & { where: string }> {
  // A fresh Neo4j answers its first queries slowly: give a check more time than a server request.
  const config = { ...loadConfig(), queryTimeoutMs: Math.max(loadConfig().queryTimeoutMs, 120_000) };
  const scratchName = process.env.QUANZE_CHECK_DATABASE;
  if (config.neo4jUri && scratchName) {
    const served = config.neo4jDatabase ?? 'neo4j';
    if (scratchName === served) {
      throw new Error(
        `QUANZE_CHECK_DATABASE is "${scratchName}", the database Quanze reads: check empties its database, so name a scratch one, or unset QUANZE_CHECK_DATABASE to let check start its own Neo4j.`,
      );
    }
    const system = new Database({ uri: config.neo4jUri, user: config.neo4jUser, password: config.neo4jPassword, database: 'system' });
    try {
      await system.write((tx) => tx.run(`CREATE DATABASE \`${scratchName.replace(/`/g, '')}\` IF NOT EXISTS WAIT`));
    } catch (error) {
      throw new Error(
        `Neo4j at ${config.neo4jUri} could not create the scratch database "${scratchName}" (${(error as Error).message.split('\n')[0]}). A Community server has a single database: unset QUANZE_CHECK_DATABASE to let check start its own Neo4j.`,
        { cause: error },
      );
    } finally {
      await system.close();
    }
    const opened = await openDatabase({ ...config, neo4jDatabase: scratchName }, log);
    return { ...opened, where: `the scratch database "${scratchName}" of the Neo4j at ${config.neo4jUri} (emptied first)` };
  }
  const dataDir = path.join(config.dataDir, 'check', `check-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const opened = await openDatabase(
    { ...config, neo4jUri: undefined, dataDir, localBoltPort: await freePort(), localHttpPort: await freePort() },
    log,
  );
  return {
    ...opened,
    where: `a throw-away Neo4j (in ${path.relative(process.cwd(), dataDir) || dataDir}, deleted afterwards)`,
    stop: async () => {
      await opened.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function read(file: string): Promise<ParsedBundle | undefined> {
  return readBundleFile(file).catch((error: NodeJS.ErrnoException) => {
    console.error(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
    return undefined;
  });
}

async function main(args: string[]): Promise<number> {
  const files: string[] = [];
  const needs: string[] = [];
  let unknown = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--with' && args[i + 1]) needs.push(args[++i]);
    else if (args[i].startsWith('--')) unknown = true;
    else files.push(args[i]);
  }
  if (files.length !== 1 || unknown) {
    console.error(USAGE);
    return 2;
  }
  const bundles = await Promise.all([...needs, files[0]].map(read));
  if (bundles.some((b) => !b)) return 1;
  const bundle = bundles.pop()!;
  for (const b of [...bundles, bundle]) {
    if (b!.problems.length) {
      for (const problem of b!.problems) console.log(formatProblem(problem));
      return 1;
    }
  }
  const scratch = await openScratch();
  try {
    await migrate(scratch.db);
    log('Schema in place.');
    log(`Checking ${files[0]} in ${scratch.where}.`);
    const started = Date.now();
    const result = await checkBundle(scratch.db, bundle, bundles as ParsedBundle[], (line) =>
      log(`  ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`),
    );
    if (result.problems.length) {
      for (const problem of result.problems) console.log(formatProblem(problem));
      console.error(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: the bundle did not import, so nothing was asked.`);
      return 1;
    }
    for (const r of result.results) {
      const at = `${bundle.file}:${bundle.lineOf(['expect', r.expectation.index])}`;
      console.log(`${r.passed ? 'PASS' : 'FAIL'}  ${at}  ${r.question}`);
      console.log(`      expected: ${r.expected}`);
      console.log(`      answer:   ${r.actual}`);
      if (!r.passed && r.expectation.note) console.log(`      why expected: ${r.expectation.note}`);
    }
    const failed = result.results.filter((r) => !r.passed).length;
    if (!result.results.length) {
      console.log(`Case ${result.caseId} imports, but its bundle has no expect section: nothing was asked.`);
    } else {
      console.log(
        `Case ${result.caseId}: ${result.results.length} expected answer${result.results.length === 1 ? '' : 's'}, ${result.results.length - failed} passed, ${failed} failed.`,
      );
    }
    return failed ? 1 : 0;
  } finally {
    await scratch.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
