// The generated contract types (server/generated/contract.ts) and the client's typed
// operations (client/src/generated/operations.ts) must be what `npm run codegen` gives from
// today's SDL, model and client/src/operations.graphql: a field renamed on one side and not
// carried through fails here (and then in the type check). No database needed.
import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import { generated, GENERATED, sources, staleFiles } from '../../server/cli/codegen.js';
import { inlined } from '../../client/src/inline.js';
import * as Op from '../../client/src/generated/operations.js';

describe('generated contract', () => {
  it('is current: `npm run codegen` would change nothing', async () => {
    expect(await staleFiles()).toEqual([]);
  }, 60_000);

  it('refuses a client document once the SDL renames a field it asks for', async () => {
    const { questions, operations } = sources();
    expect(questions).toMatch(/type WhoCanAnswer \{[^}]*\n {2}holders: /);
    const renamed = questions.replace(/(type WhoCanAnswer \{[^}]*\n {2})holders: /, '$1holdersRenamed: ');
    await expect(generated({ questions: renamed, operations })).rejects.toThrow(/holders/);
  }, 60_000);

  it('changes the server contract when the SDL changes', async () => {
    const { questions, operations } = sources();
    const grown = questions.replace('type WhoCanAnswer {', 'type WhoCanAnswer {\n  newField: String!');
    const wanted = await generated({ questions: grown, operations });
    expect(wanted.contract).toMatch(/export type WhoCanAnswer = \{\n {2}newField: Scalars\['String'\]\['output'\];/);
    expect(wanted.contract).not.toEqual(fs.readFileSync(GENERATED.contract, 'utf8'));
  }, 60_000);

  it('writes every variable into a document, leaving out the unset ones', () => {
    const text = inlined(Op.WhoCan.document, { power: 'health-code.assign', place: undefined, at: '2022-06-13' });
    expect(text).not.toContain('$');
    expect(text).toContain('whoCan(power: "health-code.assign", at: "2022-06-13")');
    expect(() => parse(text)).not.toThrow();
    const actions = inlined(Op.Sources.document, { ids: ['a', 'b'] });
    expect(actions).toContain('sources(where: {id: {in: ["a", "b"]}})');
    expect(() => parse(actions)).not.toThrow();
    const reading = inlined(Op.WhoCan.document, { power: 'p', reading: 'AS_LATER_HELD' });
    expect(reading).toContain('whoCan(power: "p", reading: AS_LATER_HELD)');
    expect(() => parse(reading)).not.toThrow();
    const lists = inlined(Op.Lists.document, {});
    expect(lists).toContain('powers(limit: 200, sort: [{id: ASC}])');
  });

  it('generates every named operation of the client', () => {
    const names = [...fs.readFileSync(path.join(projectRoot, 'client', 'src', 'operations.graphql'), 'utf8').matchAll(/^query (\w+)/gm)].map(
      (m) => m[1],
    );
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect((Op as Record<string, unknown>)[name]).toBeDefined();
    expect(Object.keys(GENERATED)).toEqual(['contract', 'operations']);
  });
});
