// An unchanged re-import, known at once (server/bundle/importBundle.ts). Each import that
// switches over keeps, on its case's `(:Meta {id: 'importedCase:<id>'})`, a digest of the whole
// bundle (`bundleDigest`: its bytes, or its data, with the model it was read against) and how
// many nodes of each label it holds (`bundleCounts`), beside `digestVersion`, the data version
// it wrote. A bundle with the same digest is unchanged, and is neither read nor checked again,
// while the case's nodes are still as that import left them:
//   - no write but imports since (`importedVersion` is the data version), and the digests are
//     trusted from before that import on (`digestsFrom`, as importReading.readDatabase trusts them);
//   - no member's digest moved since: another case's import that changes a shared node writes the
//     new digest and its version on every IN_CASE of that node, so a version newer than the bundle's
//     (or none, or one older than `digestsFrom`) means the case changed under it;
//   - the case has as many members as the bundle has nodes.
// Otherwise the import goes the long way, which finds what changed node by node.
import { createHash } from 'node:crypto';
import { NODES } from '../model/model.js';
import { CASE_META } from '../neo4j/caseMeta.js';
import type { Database } from '../neo4j/database.js';
import type { BundleStream } from './bundleStream.js';
import { bundleJsonSchema } from './jsonSchema.js';

export const CASE_DIGEST_META = (caseId: string) => CASE_META + caseId;

let model: string | undefined;
/** The model a bundle is read against: a bundle read against another model (a new version of Quanze) is not the same bundle. */
function modelDigest(): string {
  model ??= createHash('sha256')
    .update(JSON.stringify([NODES, bundleJsonSchema()]))
    .digest('base64');
  return model;
}

export interface BundleIdentity {
  caseId: string;
  digest: string;
}

/** The case the bundle is of and the digest of all it says, when the stream can tell them without being read through. */
export async function identify(stream: BundleStream): Promise<BundleIdentity | undefined> {
  const fingerprint = await stream.fingerprint?.().catch(() => undefined);
  const caseId = (fingerprint?.header as { case?: { id?: unknown } } | undefined)?.case?.id;
  if (!fingerprint || typeof caseId !== 'string') return undefined;
  return { caseId, digest: createHash('sha256').update(modelDigest()).update(fingerprint.digest).digest('base64') };
}

/** Nodes per label, as kept on the case's Meta. */
export type LabelCounts = Record<string, number>;

/** The node counts of the bundle when the case holds exactly what this same bundle wrote; undefined otherwise. */
export async function unchangedCounts(
  db: Database,
  bundle: BundleIdentity,
  timeoutMs: number,
): Promise<{ counts: LabelCounts; version: number } | undefined> {
  return db.read(async (tx) => {
    const meta = await tx.run(
      `MATCH (m:Meta {id: 'dataVersion'}) MATCH (d:Meta {id: $digestId})
       WHERE m.importedVersion = m.version AND d.bundleDigest = $digest AND d.digestVersion >= coalesce(m.digestsFrom, 0)
       RETURN m.version AS version, coalesce(m.digestsFrom, 0) AS digestsFrom, d.digestVersion AS at, d.bundleCounts AS counts`,
      { digestId: CASE_DIGEST_META(bundle.caseId), digest: bundle.digest },
    );
    const row = meta.records[0];
    if (!row) return undefined;
    const counts = JSON.parse(String(row.get('counts'))) as LabelCounts;
    const members = Object.entries(counts).reduce((n, [label, count]) => n + (label === 'Case' ? 0 : count), 0);
    const check = await tx.run(
      `MATCH (:Case {id: $caseId})<-[r:IN_CASE]-()
       RETURN count(r) AS members,
              count(CASE WHEN r.digest IS NULL OR r.digestVersion IS NULL OR r.digestVersion < $from OR r.digestVersion > $at THEN 1 END) AS moved`,
      { caseId: bundle.caseId, from: row.get('digestsFrom'), at: row.get('at') },
    );
    const found = check.records[0];
    if (Number(found.get('members')) !== members || Number(found.get('moved')) !== 0) return undefined;
    return { counts, version: Number(row.get('version')) };
  }, timeoutMs);
}
