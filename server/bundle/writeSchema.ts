// Regenerates what is derived from the model for bundle authors: docs/bundle.schema.json
// and the field reference in docs/bundle-format.md. Run `tsx server/bundle/writeSchema.ts`
// after changing model.ts; a test fails when the committed files disagree with the model.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../config.js';
import { bundleJsonSchema } from './jsonSchema.js';
import { withFieldReference } from './fieldReference.js';

export const SCHEMA_FILE = path.join(projectRoot, 'docs', 'bundle.schema.json');
export const FORMAT_PAGE = path.join(projectRoot, 'docs', 'bundle-format.md');

export function schemaFileText(): string {
  return `${JSON.stringify(bundleJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(SCHEMA_FILE, schemaFileText());
  await writeFile(FORMAT_PAGE, withFieldReference(await readFile(FORMAT_PAGE, 'utf8')));
  console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)} and the field reference in ${path.relative(process.cwd(), FORMAT_PAGE)}`);
}
