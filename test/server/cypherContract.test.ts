// Every label and relationship type that a query of server/analyses names must exist in the
// model (server/model/model.ts): a renamed type, or a typo such as
// :SUCCEDED_BY, then fails here instead of silently matching nothing. No database needed.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NODES, RELATIONS } from '../../server/model/model.js';
import { projectRoot } from '../../server/config.js';
import { expandFragments } from '../../server/analyses/fragments.js';

const ANALYSES = path.join(projectRoot, 'server', 'analyses');

/** Labels and types that live beside the model: provenance, the data-version node, and the derived holdings (server/derive/). */
const KNOWN_LABELS = new Set([...NODES.map((n) => n.label), 'Meta', 'Holding']);
const KNOWN_TYPES = new Set([...RELATIONS.map((r) => r.type), 'EVIDENCED_BY']);

function cypherFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return cypherFiles(full);
    return entry.name.endsWith('.cypher') ? [full] : [];
  });
}

/** The query without its comments and string literals, which may hold any words. */
function code(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))
    .join('\n')
    .replace(/'(?:[^'\\]|\\.)*'/g, "''")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

export function namesIn(text: string): { labels: string[]; types: string[] } {
  const query = code(text);
  const labels = new Set<string>();
  const types = new Set<string>();
  // (x:Label), (:Label|Other), and label tests such as `WHERE n:Label`.
  for (const m of query.matchAll(/(?:\(\s*\w*|\b\w+)\s*:\s*([A-Z][A-Za-z]*(?:\s*[|&]\s*[A-Z][A-Za-z]*)*)/g)) {
    for (const label of m[1]
      .split(/[|&]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (/^[A-Z][a-z]/.test(label)) labels.add(label);
    }
  }
  // [r:TYPE|OTHER*1..]
  for (const m of query.matchAll(/\[\s*\w*\s*:\s*([A-Z_|]+)/g)) {
    for (const type of m[1].split('|').filter(Boolean)) types.add(type);
  }
  return { labels: [...labels].sort(), types: [...types].sort() };
}

// The derive step's queries, and the live derivation the differential test keeps, too.
const files = [
  ...cypherFiles(ANALYSES),
  ...cypherFiles(path.join(projectRoot, 'server', 'derive')),
  path.join(projectRoot, 'test', 'support', 'liveWhoCan.cypher'),
];

describe('the queries of the analyses name only what the model declares', () => {
  it('finds the query files', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [path.relative(projectRoot, f), f]))('%s', (_name, file) => {
    // As the query runs: with its {{fragments}} written out, so their names are checked too.
    const { labels, types } = namesIn(expandFragments(readFileSync(file, 'utf8')));
    expect(labels.filter((l) => !KNOWN_LABELS.has(l))).toEqual([]);
    expect(types.filter((t) => !KNOWN_TYPES.has(t))).toEqual([]);
  });

  it('reads labels and types the way Cypher writes them', () => {
    const sample = "MATCH (b:Body)-[:PART_OF|SUCCEDED_BY*0..]->(p:Bodyy) WHERE x:Person // (:Ignored)\nRETURN 'a:Body' AS s, {id: b.id} AS m";
    expect(namesIn(sample)).toEqual({ labels: ['Body', 'Bodyy', 'Person'], types: ['PART_OF', 'SUCCEDED_BY'] });
  });
});
