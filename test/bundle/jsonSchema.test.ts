import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { NODES, RELATIONS } from '../../server/model/model.js';
import { bundleJsonSchema, referenceDefName } from '../../server/bundle/jsonSchema.js';
import { FORMAT_PAGE, SCHEMA_FILE, schemaFileText } from '../../server/bundle/writeSchema.js';
import { withFieldReference } from '../../server/bundle/fieldReference.js';

describe('the bundle JSON Schema', () => {
  it('is committed as generated from the model (run `npx tsx server/bundle/writeSchema.ts` after changing model.ts)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(schemaFileText());
  });

  it('has its field reference in docs/bundle-format.md as generated from the model', async () => {
    const page = await readFile(FORMAT_PAGE, 'utf8');
    expect(page).toBe(withFieldReference(page));
  });

  it('is a valid draft 2020-12 schema', () => {
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validateSchema(bundleJsonSchema())).toBe(true);
  });

  it('has a definition for every node type and every relation written in a bundle', () => {
    const defs = bundleJsonSchema().$defs as Record<string, unknown>;
    for (const node of NODES) expect(defs[node.label]).toBeDefined();
    for (const relation of RELATIONS.filter((r) => r.type !== 'IN_CASE')) expect(defs[referenceDefName(relation)]).toBeDefined();
  });
});
