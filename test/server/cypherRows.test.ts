// The row contract of the Cypher files: every `runAnalysis<Row>(db, 'name', …)` in
// server/analyses declares in TypeScript what its query returns. This test reads those row
// types with the TypeScript compiler, asks every question of the explorer's documents
// (client/src/operations.graphql) over the three seed cases on the real database, and checks
// each row each query returned against its type: the same keys (a renamed RETURN alias shows
// as one missing and one unexpected key), and values of the declared kinds.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../server/config.js';
import { observeQueries } from '../../server/analyses/run.js';
import { importSeed } from '../../server/bundle/seedOnEmpty.js';
import type { Database } from '../../server/neo4j/database.js';
import { inlined } from '../../client/src/inline.js';
import * as Op from '../../client/src/generated/operations.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** A check of one value against a TypeScript type; returns what is wrong, or nothing. */
type Check = (value: unknown, where: string) => string[];

interface CallSite {
  name: string;
  file: string;
  keys: string[];
  optional: Set<string>;
  check: Check;
}

/** The runAnalysis calls of server/analyses and their row types, as checks. */
function callSites(): CallSite[] {
  const configFile = ts.readConfigFile(path.join(projectRoot, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, projectRoot);
  const files = parsed.fileNames.filter((f) => f.includes(`${path.sep}server${path.sep}analyses${path.sep}`));
  const program = ts.createProgram(files, parsed.options);
  const checker = program.getTypeChecker();

  const checkOf = (type: ts.Type, node: ts.Node, depth = 0): Check => {
    if (depth > 6 || type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return () => [];
    if (type.isUnion()) {
      const checks = type.types.map((t) => checkOf(t, node, depth + 1));
      return (value, where) => {
        const failures = checks.map((c) => c(value, where));
        return failures.some((f) => f.length === 0) ? [] : [`${where}: ${JSON.stringify(value)?.slice(0, 60)} is not ${checker.typeToString(type)}`];
      };
    }
    if (type.flags & ts.TypeFlags.Null) return (v, w) => (v === null ? [] : [`${w}: expected null`]);
    if (type.flags & ts.TypeFlags.Undefined) return (v, w) => (v === undefined || v === null ? [] : [`${w}: expected nothing`]);
    if (type.flags & ts.TypeFlags.StringLike)
      return (v, w) => (typeof v === 'string' ? [] : [`${w}: expected a string, got ${JSON.stringify(v)?.slice(0, 40)}`]);
    if (type.flags & ts.TypeFlags.NumberLike)
      return (v, w) => (typeof v === 'number' ? [] : [`${w}: expected a number, got ${JSON.stringify(v)?.slice(0, 40)}`]);
    if (type.flags & ts.TypeFlags.BooleanLike)
      return (v, w) => (typeof v === 'boolean' ? [] : [`${w}: expected a boolean, got ${JSON.stringify(v)?.slice(0, 40)}`]);
    if (checker.isArrayType(type)) {
      const element = checkOf(checker.getTypeArguments(type as ts.TypeReference)[0], node, depth + 1);
      return (v, w) => (Array.isArray(v) ? v.slice(0, 20).flatMap((item, i) => element(item, `${w}[${i}]`)) : [`${w}: expected a list`]);
    }
    if (type.flags & ts.TypeFlags.Object || type.isIntersection()) {
      const properties = checker.getPropertiesOfType(type);
      if (!properties.length) return () => [];
      // A Record<string, …> or index signature: any keys.
      if (checker.getIndexInfosOfType(type).length) return (v, w) => (v && typeof v === 'object' ? [] : [`${w}: expected an object`]);
      const fields = properties.map((p) => ({
        name: p.name,
        optional: Boolean(p.flags & ts.SymbolFlags.Optional),
        check: checkOf(checker.getTypeOfSymbolAtLocation(p, node), node, depth + 1),
      }));
      return (v, w) => {
        if (!v || typeof v !== 'object' || Array.isArray(v)) return [`${w}: expected an object, got ${JSON.stringify(v)?.slice(0, 40)}`];
        const row = v as Record<string, unknown>;
        const problems = fields.filter((f) => !f.optional && !(f.name in row)).map((f) => `${w}.${f.name}: missing`);
        for (const f of fields) if (f.name in row) problems.push(...f.check(row[f.name], `${w}.${f.name}`));
        return problems;
      };
    }
    return () => [];
  };

  const sites: CallSite[] = [];
  for (const file of program.getSourceFiles().filter((f) => files.includes(f.fileName))) {
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'runAnalysis' && node.typeArguments?.length) {
        const nameArg = node.arguments[1];
        if (nameArg && ts.isStringLiteral(nameArg)) {
          const type = checker.getTypeFromTypeNode(node.typeArguments[0]);
          const properties = checker.getPropertiesOfType(type);
          sites.push({
            name: nameArg.text,
            file: path.relative(projectRoot, file.fileName),
            keys: properties.map((p) => p.name).sort(),
            optional: new Set(properties.filter((p) => p.flags & ts.SymbolFlags.Optional).map((p) => p.name)),
            check: checkOf(type, node),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return sites;
}

/** Queries that may rightly return no row on the seed cases, and why. */
const MAY_BE_EMPTY: Record<string, string> = {};

let db: Database;
let server: TestServer;
const seen = new Map<string, Record<string, unknown>[]>();
/** Errors other than a caller's (an id not in this case, a bad argument): none is expected. */
const serverErrors: string[] = [];

async function ask<A, V extends Record<string, unknown>>(op: Op.Operation<A, V>, variables: V): Promise<A | undefined> {
  const body = await server.post(inlined(op.document, variables));
  for (const e of body.errors ?? []) {
    if (!['NOT_FOUND', 'BAD_USER_INPUT'].includes(String(e.extensions?.code)))
      serverErrors.push(`${op.name} ${JSON.stringify(variables)}: ${e.message}`);
  }
  return body.data as A | undefined;
}

beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  await importSeed(db, () => {});
  server = await startTestServer(db);
  observeQueries((name, rows) => {
    const list = seen.get(name) ?? [];
    if (list.length < 400) list.push(...rows.slice(0, 400 - list.length));
    seen.set(name, list);
  });

  // Every question of the explorer, over every case, power and a few places, dates and bodies.
  const lists = (await ask(Op.Lists, {}))!;
  const caseIds = lists.cases.map((c) => c.id);
  const days = new Set<string>();
  for (const id of caseIds) {
    const timeline = await ask(Op.Timeline, { case: id });
    for (const e of timeline?.timeline.events.slice(0, 40) ?? []) if (/^\d{4}-\d{2}-\d{2}$/.test(e.date)) days.add(e.date);
    const found = await ask(Op.Gaps, { case: id });
    for (const d of [undefined, ...[...days].slice(-2)]) await ask(Op.Gaps, { case: id, at: d });
    await ask(Op.CaseGraph, { case: id });
    for (const d of [...days].slice(-1)) await ask(Op.CaseGraph, { case: id, at: d });
    await ask(Op.ReferralPaths, { case: id });
    await ask(Op.Story, { case: id });
    for (const p of lists.powers) await ask(Op.Accountability, { case: id, power: p.id });
    for (const f of found?.gaps.findings.slice(0, 3) ?? []) for (const n of f.nodeIds.slice(0, 2)) await ask(Op.Neighborhood, { id: n, depth: 1 });
  }
  const dates = [...days].sort().filter((_, i, all) => i % Math.max(1, Math.floor(all.length / 4)) === 0);
  const places = lists.places.map((p) => p.id);
  for (const power of lists.powers) {
    await ask(Op.WhoDid, { power: power.id });
    await ask(Op.Compare, { power: power.id, places: places.slice(0, 4) });
    for (const at of dates) {
      const answer = await ask(Op.WhoCan, { power: power.id, at });
      if (at === dates[dates.length - 1]) await ask(Op.WhoCan, { power: power.id, at, reading: 'AS_LATER_HELD' });
      for (const h of answer?.whoCan.holders.slice(0, 1) ?? []) await ask(Op.Explain, { body: h.body.id, power: power.id, at });
    }
  }
  const people = (await server.post('{ people(limit: 5) { id } bodies(limit: 8) { id } }')).data ?? {};
  for (const who of [...(people.people ?? []), ...(people.bodies ?? [])] as { id: string }[])
    for (const power of lists.powers.slice(0, 4)) await ask(Op.Explain, { body: who.id, power: power.id, at: dates[dates.length - 1] });
  for (const text of ['郑州', 'health code', 'Prime Minister', 'prorogation', 'permit']) await ask(Op.Search, { text });
  observeQueries(undefined);
}, 600_000);

afterAll(async () => {
  observeQueries(undefined);
  await server?.close();
  await closeTestDatabase();
});

const sites = callSites();

describe('each Cypher file returns the rows its TypeScript type declares', () => {
  it('finds the row types of the analyses', () => {
    expect(sites.length).toBeGreaterThan(15);
  });

  it('answers every document of the explorer over the seed cases without a server error', () => {
    expect(serverErrors.slice(0, 10)).toEqual([]);
  });

  it.each(sites.map((s) => [`${s.name} (${s.file})`, s] as const))('%s', (_, site) => {
    const rows = seen.get(site.name) ?? [];
    if (!rows.length) {
      expect(MAY_BE_EMPTY[site.name] ?? `no rows: ask something of the seed that runs ${site.name}`).toBe(MAY_BE_EMPTY[site.name]);
      return;
    }
    const keys = new Set(rows.flatMap((r) => Object.keys(r)));
    const unexpected = [...keys].filter((k) => !site.keys.includes(k));
    const missing = site.keys.filter((k) => !site.optional.has(k) && rows.some((r) => !(k in r)));
    expect({ unexpected, missing }).toEqual({ unexpected: [], missing: [] });
    const problems = rows.flatMap((r, i) => site.check(r, `row ${i}`));
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
