// The database-free tests: the judgement and wording of each finding kind
// (test/analyses/gaps), run without starting Neo4j: `npm run test:unit`. `npm test` runs
// them too, with everything else.
import base from './jest.config.js';

const withoutDatabase = { ...base, roots: ['<rootDir>/test/analyses/gaps'] };
delete withoutDatabase.globalSetup;
delete withoutDatabase.globalTeardown;

export default withoutDatabase;
