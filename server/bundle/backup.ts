// Backup and restore: every case out as a bundle (the export), and back in (the import), so a
// backup is as readable and as checked as any bundle. A folder holds one YAML file per case
// and backup.json, which lists them with their SHA-256 and the data version they were read at.
// The audit log and the data version are not carried: a restore is a new set of imports.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../neo4j/database.js';
import { bundleYaml, exportBundle } from './exportBundle.js';
import { importBundle, type ImportResult } from './importBundle.js';
import { parseBundleText } from './parse.js';
import type { Problem } from './problem.js';
import type { Writer } from './auditLog.js';

export const MANIFEST = 'backup.json';
export const BACKUP_FORMAT = 'quanze-backup/1';

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  dataVersion: number;
  cases: { id: string; file: string; sha256: string; bytes: number }[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** A case id as a file name: ids are lower-case words with dots and dashes, anything else is replaced. */
const fileOf = (caseId: string) => `${caseId.replace(/[^\w.-]/g, '_')}.yaml`;

export interface BackupResult {
  manifest: Manifest;
  /** Nodes that belong to no case (and are not bookkeeping): a backup of cases cannot carry them. */
  orphans: number;
}

/** Writes every case of the database into `dir` (created if missing). Refuses a folder that already holds a backup. */
export async function backupTo(db: Database, dir: string): Promise<BackupResult> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).includes(MANIFEST)) throw new BackupError(`${dir} already holds a backup (${MANIFEST}): choose an empty folder.`);
  // One read of the case list and version; each case is then exported in a transaction of its own.
  const [{ version, orphans }] = await db.query<{ version: number; orphans: number }>(
    `OPTIONAL MATCH (m:Meta {id: 'dataVersion'})
     RETURN coalesce(m.version, 0) AS version,
            COUNT { MATCH (n) WHERE NOT (n:Meta OR n:AuditEntry OR n:Case) AND NOT (n)-[:IN_CASE]->(:Case) } AS orphans`,
  );
  const ids = (await db.query<{ id: string }>('MATCH (c:Case) RETURN c.id AS id ORDER BY id')).map((r) => r.id);
  const cases: Manifest['cases'] = [];
  for (const id of ids) {
    const yaml = bundleYaml(await exportBundle(db, id));
    const file = fileOf(id);
    await writeFile(path.join(dir, file), yaml);
    cases.push({ id, file, sha256: sha256(yaml), bytes: Buffer.byteLength(yaml) });
  }
  const manifest: Manifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), dataVersion: Number(version), cases };
  await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, orphans: Number(orphans) };
}

export class BackupError extends Error {
  readonly code = 'BACKUP_ERROR';
}

export interface RestoreResult {
  /** Cases imported, in the order they went in. */
  restored: { id: string; result: ImportResult }[];
  /** Cases that could not be imported, with their problems. */
  refused: { id: string; problems: Problem[] }[];
}

/**
 * Imports every case of the backup in `dir`. A case may point at shared vocabulary (a Place,
 * a Power) that another case lists, so cases whose only problems are such references wait
 * for a later round; the rounds stop when one imports nothing more.
 */
export async function restoreFrom(db: Database, dir: string, writer: Writer): Promise<RestoreResult> {
  const manifest = await readManifest(dir);
  const texts = new Map<string, string>();
  for (const entry of manifest.cases) {
    const text = await readFile(path.join(dir, entry.file), 'utf8');
    if (sha256(text) !== entry.sha256)
      throw new BackupError(`${entry.file} is not the file the backup wrote (its SHA-256 differs): it was changed or damaged.`);
    texts.set(entry.id, text);
  }
  const restored: RestoreResult['restored'] = [];
  let waiting = manifest.cases.map((c) => c.id);
  let last = new Map<string, Problem[]>();
  while (waiting.length) {
    const next: string[] = [];
    last = new Map();
    for (const id of waiting) {
      const entry = manifest.cases.find((c) => c.id === id)!;
      const result = await importBundle(db, parseBundleText(texts.get(id)!, entry.file), { writer });
      if (result.ok) restored.push({ id, result });
      else {
        next.push(id);
        last.set(id, result.problems);
      }
    }
    const progressed = next.length < waiting.length;
    waiting = next;
    if (!progressed) break;
  }
  return { restored, refused: waiting.map((id) => ({ id, problems: last.get(id) ?? [] })) };
}

async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST), 'utf8');
  } catch {
    throw new BackupError(`${dir} holds no backup: ${MANIFEST} is missing. Give the folder \`npm run backup -- --out\` wrote.`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    throw new BackupError(`${path.join(dir, MANIFEST)} is not valid JSON: the backup is damaged.`);
  }
  if (manifest?.format !== BACKUP_FORMAT || !Array.isArray(manifest.cases))
    throw new BackupError(`${path.join(dir, MANIFEST)} is not a Quanze backup of format ${BACKUP_FORMAT}.`);
  return manifest;
}
