import { afterAll, describe, expect, it } from '@jest/globals';
import { describeSchema, migrate } from '../../server/neo4j/migrations.js';
import { NODES } from '../../server/model/model.js';
import { closeTestDatabase, testDatabase } from '../support/neo4j.js';

afterAll(closeTestDatabase);

describe('the local Neo4j', () => {
  it('is Neo4j 5.26 Community and answers Cypher through neo4j-driver', async () => {
    const db = await testDatabase();
    const [component] = await db.query<{ name: string; versions: string[]; edition: string }>(
      'CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition',
    );
    expect(component.name).toBe('Neo4j Kernel');
    expect(component.versions[0]).toMatch(/^5\.26\./);
    expect(component.edition).toBe('community');
    const [row] = await db.query<{ answer: number }>('UNWIND range(1, 6) AS n RETURN sum(n * 2) AS answer');
    expect(row.answer).toBe(42);
  });

  it('has the APOC core procedures the entity API calls', async () => {
    const db = await testDatabase();
    const [row] = await db.query<{ ok: boolean }>(
      "CALL apoc.util.validate(false, 'never', []) RETURN apoc.date.convertFormat('2022-06-13', 'date', 'basic_iso_date') = '20220613' AS ok",
    );
    expect(row.ok).toBe(true);
  });
});

describe('migrations', () => {
  it('leave the same schema when run twice', async () => {
    const db = await testDatabase();
    await migrate(db);
    const first = await describeSchema(db);
    await migrate(db);
    expect(await describeSchema(db)).toEqual(first);
  });

  it('make id unique for every node type of the model and index names with the cjk analyzer', async () => {
    const db = await testDatabase();
    const schema = await describeSchema(db);
    for (const { label } of NODES) {
      expect(schema).toContain(`${label.toLowerCase()}_id UNIQUENESS ["${label}"]["id"]`);
    }
    const fulltext = schema.find((line) => line.startsWith('nameText FULLTEXT'));
    expect(fulltext).toContain('cjk');
    expect(fulltext).toContain('"nameZh"');
  });

  it('refuses a second node with the same id', async () => {
    const db = await testDatabase();
    await db.write((tx) => tx.run("MERGE (:Power {id: 'test.unique', name: 'x', nameZh: 'x'})"));
    await expect(db.write((tx) => tx.run("CREATE (:Power {id: 'test.unique', name: 'y', nameZh: 'y'})"))).rejects.toThrow(/already exists/);
    await db.write((tx) => tx.run("MATCH (p:Power {id: 'test.unique'}) DETACH DELETE p"));
  });
});

describe('NEO4J_URI', () => {
  it('makes the product use that database and start nothing', async () => {
    const { openDatabase } = await import('../../server/neo4j/connect.js');
    const { loadConfig } = await import('../../server/config.js');
    const messages: string[] = [];
    const opened = await openDatabase(
      loadConfig({ NEO4J_URI: process.env.QUANZE_TEST_NEO4J_URI, NEO4J_PASSWORD: process.env.QUANZE_TEST_NEO4J_PASSWORD }),
      (m) => messages.push(m),
    );
    try {
      expect(opened.origin).toBe('external');
      expect(messages.join('\n')).not.toMatch(/Starting Neo4j|Downloading/);
      expect(await opened.db.ping()).toBe(true);
    } finally {
      await opened.stop();
    }
  });
});
