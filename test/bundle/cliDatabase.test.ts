// `npm run import` and `npm run export` say which database they use and how to choose another
// (server/cli/database.ts), before they touch it. No database is needed to say so.
import { describe, expect, it } from '@jest/globals';
import { databaseDescription } from '../../server/cli/database.js';

describe('the database the command-line tools use', () => {
  it('is the local Neo4j by default, named with its data folder and how to point at another', () => {
    const text = databaseDescription({});
    expect(text).toMatch(/^the local Neo4j with its data in \S*\.data\/neo4j \(the one `npm start` uses; /);
    expect(text).toContain('set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD');
  });
  it('is the Neo4j of NEO4J_URI when set, with its database, and how to go back', () => {
    expect(databaseDescription({ NEO4J_URI: 'neo4j://db.example:7687', NEO4J_DATABASE: 'cases' })).toBe(
      'the Neo4j at neo4j://db.example:7687, database cases (from NEO4J_URI; unset it to use the local one)',
    );
  });
});
