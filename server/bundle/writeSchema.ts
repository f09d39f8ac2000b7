// Regenerates docs/bundle.schema.json from the model: `tsx server/bundle/writeSchema.ts`.
// A test fails when the committed file and the model disagree.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../config.js';
import { bundleJsonSchema } from './jsonSchema.js';

export const SCHEMA_FILE = path.join(projectRoot, 'docs', 'bundle.schema.json');

export function schemaFileText(): string {
  return `${JSON.stringify(bundleJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(SCHEMA_FILE, schemaFileText());
  console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
