// Integrity rules (server/bundle/integrity.ts): cycles, lengths, invisible characters, size
// ceilings and where a YAML syntax error really is. Each rule with its message; the last
// block imports into the real Neo4j to show the refusal comes before Neo4j's own errors and
// writes nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importBundle } from '../../server/bundle/importBundle.js';
import { INTEGRITY_LIMITS } from '../../server/bundle/integrity.js';
import { bundleFromData, parseBundleText, readBundleFile } from '../../server/bundle/parse.js';
import type { Problem } from '../../server/bundle/problem.js';
import { validateBundle } from '../../server/bundle/validate.js';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { graphSnapshot } from './graphSnapshot.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

const tinyFile = path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-tiny.yaml');
type Bundle = Record<string, any>;
const tiny = async (): Promise<Bundle> => structuredClone((await readBundleFile(tinyFile)).data) as Bundle;
const problems = (bundle: Bundle) => validateBundle(bundleFromData(bundle, 'probe.yaml'));
const of = (list: Problem[], code: string) => list.filter((p) => p.code === code).map((p) => ({ path: p.path, message: p.message }));
const byId = (list: Bundle[], id: string) => list.find((x) => x.id === id)!;

describe('cycles in the hierarchies the questions climb', () => {
  it('refuses a body that is its own ancestor', async () => {
    const b = await tiny();
    byId(b.bodies, 't-hq').partOf = 't-division';
    expect(of(problems(b), 'CYCLE')).toEqual([
      {
        path: 'bodies[2].partOf',
        message:
          'partOf makes a cycle: "t-hq", is part of "t-division", which is part of "t-hq". The questions follow these links upwards, and a body cannot be part of itself, however indirectly: remove one of the links.',
      },
    ]);
  });

  it('refuses a body part of itself', async () => {
    const b = await tiny();
    byId(b.bodies, 't-division').partOf = 't-division';
    expect(of(problems(b), 'CYCLE').map((p) => p.message)).toEqual([expect.stringContaining('"t-division", is part of "t-division".')]);
  });

  it('refuses instruments implementing each other', async () => {
    const b = await tiny();
    byId(b.instruments, 't-national-measure').implements = ['t-city-measure'];
    expect(of(problems(b), 'CYCLE')).toEqual([
      {
        path: 'instruments[0].implements',
        message:
          'implements makes a cycle: "t-national-measure", implements "t-city-measure", which implements "t-national-measure". The questions follow these links upwards, and an instrument cannot implement itself, however indirectly: remove one of the links.',
      },
    ]);
  });

  it('refuses a succession that comes back to its start', async () => {
    const b = await tiny();
    byId(b.bodies, 't-new-bureau').succeededBy = { id: 't-old-bureau', on: '2023-01-01', how: 'RENAMED', unsourced: true };
    expect(of(problems(b), 'CYCLE').map((p) => p.message)).toEqual([
      expect.stringContaining('a body cannot succeed itself; a body restored under an old name is a new body with an id of its own'),
    ]);
  });

  it('refuses place containment and power hierarchy cycles', async () => {
    const b = await tiny();
    byId(b.places, 't-country').within = 't-city';
    byId(b.powers, 't-code').narrowerThan = 't-code.assign';
    expect(of(problems(b), 'CYCLE').map((p) => [p.path, p.message.split(':')[1]])).toEqual([
      [
        'places[0].within',
        ' "t-country", lies within "t-city", which lies within "t-province", which lies within "t-country". The questions follow these links upwards, and a place cannot contain itself',
      ],
      [
        'powers[0].narrowerThan',
        ' "t-code", is narrower than "t-code.assign", which is narrower than "t-code". The questions follow these links upwards, and a power cannot be narrower than itself',
      ],
    ]);
  });

  it('follows a long chain without overflowing the stack', async () => {
    const b = await tiny();
    const places = Array.from({ length: 30_000 }, (_, i) => ({
      id: `p-${i}`,
      name: `P${i}`,
      nameZh: '地',
      level: 'CITY',
      within: `p-${(i + 1) % 30_000}`,
    }));
    b.places = [...b.places, ...places];
    expect(of(problems(b), 'CYCLE')).toHaveLength(1);
  });
});

describe('lengths, before Neo4j says "Property value is too large to index"', () => {
  it('refuses a name, an id, a short field and a text over their limits, with the limit in words', async () => {
    const b = await tiny();
    const body = byId(b.bodies, 't-hq');
    body.nameZh = '郑'.repeat(3000);
    b.sources[0].url = `https://example.org/${'a'.repeat(INTEGRITY_LIMITS.string)}`;
    b.statements[0].quote = 'x'.repeat(INTEGRITY_LIMITS.text + 1);
    b.places.push({ id: `t-${'a'.repeat(INTEGRITY_LIMITS.id)}`, name: 'Long id', nameZh: '长', level: 'CITY' });
    expect(of(problems(b), 'TOO_LONG')).toEqual([
      {
        path: 'bodies[2].nameZh',
        message: 'nameZh is 3,000 characters long; a name may have at most 300: shorten it, and put the rest in a description or note.',
      },
      {
        path: 'places[3].id',
        message: 'id is 202 characters long; an id may have at most 200: use a short id made of words joined by dots or hyphens.',
      },
      {
        path: 'sources[0].url',
        message: 'url is 2,020 characters long; a short field may have at most 2,000: shorten it, and put the rest in a description or note.',
      },
      {
        path: 'statements[0].quote',
        message: 'quote is 20,001 characters long; a text may have at most 20,000: quote the passage that supports the fact, not the whole document.',
      },
    ]);
  });

  it('measures evidence quotes too', async () => {
    const b = await tiny();
    byId(b.bodies, 't-hq').evidence[0].quoteZh = '引'.repeat(INTEGRITY_LIMITS.text + 5);
    expect(of(problems(b), 'TOO_LONG').map((p) => p.path)).toEqual(['bodies[2].evidence[0].quoteZh']);
  });
});

describe('invisible and control characters', () => {
  it('refuses NUL, a right-to-left override and a zero-width space in names, naming the character', async () => {
    const b = await tiny();
    byId(b.bodies, 't-hq').name = 'City\u0000 HQ';
    byId(b.bodies, 't-division').nameZh = '社会\u202E管控';
    b.persons[0].aliases = ['冯\u200B献彬'];
    expect(of(problems(b), 'BAD_CHARACTER')).toEqual([
      {
        path: 'bodies[2].name',
        message: 'name contains an invisible or control character (U+0000 NUL) at character 5. An id or a name must be plain text: remove it.',
      },
      {
        path: 'bodies[3].nameZh',
        message:
          'nameZh contains an invisible or control character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 3. An id or a name must be plain text: remove it.',
      },
      {
        path: 'persons[0].aliases[0]',
        message:
          'aliases contains an invisible or control character (U+200B ZERO WIDTH SPACE) at character 2. An id or a name must be plain text: remove it.',
      },
    ]);
  });

  it('lets texts keep line breaks and tabs, but not NUL or direction overrides', async () => {
    const b = await tiny();
    b.statements[0].quote = 'Line one\n\tline two';
    expect(of(problems(b), 'BAD_CHARACTER')).toEqual([]);
    b.statements[0].quote = 'bad\u202Dtext';
    byId(b.bodies, 't-hq').evidence[0].quoteZh = '指挥\u0000部';
    expect(of(problems(b), 'BAD_CHARACTER').map((p) => p.path)).toEqual(['bodies[2].evidence[0].quoteZh', 'statements[0].quote']);
  });
});

describe('size ceilings', () => {
  it(`refuses a bundle of more than ${INTEGRITY_LIMITS.items.toLocaleString('en')} items and says to stream it`, async () => {
    const b = await tiny();
    b.places = Array.from({ length: INTEGRITY_LIMITS.items + 1 }, (_, i) => ({ id: `p-${i}`, name: `P${i}`, nameZh: '地', level: 'CITY' }));
    expect(of(problems(b), 'TOO_LARGE')).toEqual([
      {
        path: '',
        message:
          'The bundle lists 50,020 items; a YAML or JSON bundle (or one NDJSON line) may list at most 50,000. Write a large case as NDJSON, a header line and then parts of at most that many items, and import it with npm run import (docs/bundle-format.md, "Large cases").',
      },
    ]);
  });

  it('refuses a YAML file over 20 MB before reading it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanze-big-'));
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, `# ${'x'.repeat(INTEGRITY_LIMITS.fileBytes)}\n`);
    try {
      const parsed = await readBundleFile(file);
      expect(parsed.data).toBeUndefined();
      expect(parsed.problems.map((p) => [p.code, p.message])).toEqual([
        [
          'TOO_LARGE',
          'The file is 20 MB; a YAML or JSON bundle may be at most 20 MB. Write a large case as NDJSON (a header line, then one part per line) and import that (docs/bundle-format.md, "Large cases").',
        ],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a YAML syntax error', () => {
  it('is reported on the line of the unclosed quote, not where the file ends', async () => {
    const text = (await fs.promises.readFile(tinyFile, 'utf8')).replace(
      'summary: Exercises every node type and relation.',
      'summary: "Exercises every node type',
    );
    const line = text.split('\n').findIndex((l) => l.includes('summary: "Exercises')) + 1;
    const parsed = parseBundleText(text, 'probe.yaml');
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([[line, 'PARSE_ERROR']]);
    expect(parsed.problems[0].message).toMatch(/Missing closing "quote/);
    expect(line).toBe(7);
  });

  it('with a single quote too', () => {
    const parsed = parseBundleText("format: quanze-bundle/1\ncase:\n  id: 'broken\n  title: x\nsources: []\n", 'probe.yaml');
    expect(parsed.problems.map((p) => p.line)).toEqual([3]);
  });
});

describe('on the real database', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await clearDatabase(db);
  });
  afterAll(closeTestDatabase);

  it('refuses a 3,000-character name, a cycle and a hidden character with their problems, writing nothing', async () => {
    expect((await importBundle(db, await tiny())).ok).toBe(true);
    const before = await graphSnapshot(db);
    const cases: [string, (b: Bundle) => void][] = [
      ['TOO_LONG', (b) => (byId(b.bodies, 't-hq').nameZh = '郑'.repeat(3000))],
      ['CYCLE', (b) => (byId(b.bodies, 't-hq').partOf = 't-division')],
      ['BAD_CHARACTER', (b) => (byId(b.bodies, 't-hq').name = 'City\u202EHQ')],
    ];
    for (const [code, change] of cases) {
      const bundle = await tiny();
      change(bundle);
      const result = await importBundle(db, bundle);
      expect([code, result.ok, result.problems.map((p) => p.code)]).toEqual([code, false, [code]]);
      expect(await graphSnapshot(db)).toEqual(before);
    }
  });
});
