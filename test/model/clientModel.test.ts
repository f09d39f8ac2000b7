// The client reads the model the server declares: client/src/generated/model.ts is exactly
// what `npm run model:client` writes from server/model/model.ts now, and it names every node
// type and relationship type of the model. No database.
import fs from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { CLIENT_MODEL_FILE, clientModelText } from '../../server/cli/clientModel.js';
import { NODES, RELATIONS } from '../../server/model/model.js';
import { GAP_KINDS } from '../../server/analyses/gaps/finding.js';

describe('the model exported for the client', () => {
  it('is not stale (run `npm run model:client` after changing the model)', async () => {
    expect(fs.readFileSync(CLIENT_MODEL_FILE, 'utf8')).toBe(await clientModelText());
  });

  it('lists every label, relationship type and finding kind of the server', async () => {
    const text = await clientModelText();
    for (const name of [...NODES.map((n) => n.label), ...RELATIONS.map((r) => r.type), ...GAP_KINDS, 'EVIDENCED_BY'])
      expect(text).toContain(`'${name}'`);
  });
});
