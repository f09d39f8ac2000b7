// The first case of docs/bundle-format.md, read out of the page: it must validate, its
// expected answers must hold on the real Neo4j, and the errors the page shows for its
// three slips must be the ones validation gives. So the page cannot fall behind the code.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { parseBundleText } from '../../server/bundle/parse.js';
import { validateBundle } from '../../server/bundle/validate.js';
import { formatProblem } from '../../server/bundle/problem.js';
import { checkBundle } from '../../server/bundle/checkBundle.js';
import { closeTestDatabase, testDatabase } from '../support/neo4j.js';

const page = readFileSync(path.join(projectRoot, 'docs', 'bundle-format.md'), 'utf8');

/** The fenced block between `<!-- NAME:start -->` and `<!-- NAME:end -->`, without its fences. */
function block(name: string): string {
  const start = page.indexOf(`<!-- ${name}:start -->`);
  const end = page.indexOf(`<!-- ${name}:end -->`);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const fenced = page.slice(start, end).split('\n');
  return fenced
    .slice(
      fenced.findIndex((l) => l.startsWith('```')) + 1,
      fenced.findLastIndex((l) => l.startsWith('```')),
    )
    .join('\n');
}

const example = block('example');

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(closeTestDatabase);

describe('the first case in docs/bundle-format.md', () => {
  it('is valid, written in English only', () => {
    const bundle = parseBundleText(example, 'us-tenure-of-office.yaml');
    expect(validateBundle(bundle)).toEqual([]);
    expect(example).not.toMatch(/Zh:/);
    expect((bundle.data as { case: { languages: string[] } }).case.languages).toEqual(['en']);
  });

  it('uses every part a first case needs', () => {
    for (const part of [
      'terms:',
      'conditions:',
      'conditionsMet:',
      'restricts:',
      'repeals:',
      'holdsInvalid:',
      'statements:',
      'targets:',
      'expect:',
      '- id: senate-consent-to-removal',
    ]) {
      expect(example).toContain(part);
    }
  });

  it('shows the problems validation gives for its three slips', () => {
    const broken = example
      .replace('quote: "Decided October 25, 1926"', 'quote: Decided October 25, 1926')
      .replace('            body: us-senate\n', '            body: us-senat\n')
      .replace('        met: false\n', '        met: nope\n');
    const problems = validateBundle(parseBundleText(broken, 'us-tenure-of-office.yaml')).map(formatProblem);
    const shown = block('example-errors')
      .split('\n')
      .filter((l) => l.startsWith('us-tenure-of-office.yaml:'));
    expect(problems).toEqual(shown);
    expect(block('example-errors')).toContain(`${problems.length} problems; nothing was written.`);
  });

  it('gives the answers its expect section states', async () => {
    const result = await checkBundle(db, parseBundleText(example, 'us-tenure-of-office.yaml'));
    expect(result.problems).toEqual([]);
    expect(result.results.length).toBeGreaterThanOrEqual(4);
    expect(result.results.filter((r) => !r.passed).map((r) => `${r.question}: ${r.actual}`)).toEqual([]);
  });
});
