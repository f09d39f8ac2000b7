// The positions a person held on a date (personPositions.cypher), kept by the shared rule of
// inForce.ts, and the POSITION step that says so. whoCan and explain answer a question about
// a person through the bodies of these positions, acting and interim ones included.
import type { Database } from '../neo4j/database.js';
import { formatDate } from '../dates.js';
import { citationEvidence, type DescribedNode } from './evidence.js';
import { coversState, dateZh, type Tri } from './inForce.js';
import { en, zh } from './names.js';
import { runAnalysis } from './run.js';
import type { ChainStep, NodeRef } from './types.js';

/** One row of personPositions.cypher. */
export interface PositionRow {
  bodyId: string;
  title: string | null;
  titleZh: string | null;
  /** SUBSTANTIVE, ACTING, INTERIM, or null (substantive). */
  capacity: string | null;
  from: string | null;
  fromLast: string | null;
  to: string | null;
  toLast: string | null;
  citations: string | null;
  unsourced: boolean;
}

/** A position held on the date: `covers` is 2 when certainly, 1 when an imprecise date leaves it open. */
export type HeldPosition = PositionRow & { covers: Tri };

/** The positions the person held on `at`, certainly or possibly (an imprecise start or end). */
export async function positionsOn(db: Database, person: string, at: string): Promise<HeldPosition[]> {
  const rows = await runAnalysis<PositionRow>(db, 'personPositions', { person });
  return rows.map((p) => ({ ...p, covers: coversState(p, at) })).filter((p) => p.covers > 0);
}

const CAPACITY_WORDS: Record<string, [string, string]> = { ACTING: [' (acting)', '（代理）'], INTERIM: [' (ad interim)', '（临时）'] };

/** The position's title with its capacity, in each language ("Prime Minister (acting)"). */
export function positionTitle(p: PositionRow): { en: string; zh: string } {
  const [cap, capZh] = CAPACITY_WORDS[p.capacity ?? ''] ?? ['', ''];
  return { en: `${p.title ?? p.titleZh ?? 'a position'}${cap}`, zh: `${p.titleZh ?? p.title ?? '职务'}${capZh}` };
}

/**
 * The office in words: "Prime Minister of the United Kingdom" when the body's name already
 * says the title, else "Queen in The Sovereign" ("Queen（代理）" and so on in Chinese).
 */
export function positionWords(p: PositionRow, body: NodeRef): { en: string; zh: string } {
  const title = positionTitle(p);
  const bare = (p.title ?? '').toLowerCase();
  const [cap] = CAPACITY_WORDS[p.capacity ?? ''] ?? [''];
  return {
    en: bare && en(body).toLowerCase().includes(bare) ? `${en(body)}${cap}` : `${title.en} in ${en(body)}`,
    zh: `${zh(body)}${title.zh}`,
  };
}

/** The chain step that says the person held the position in the body on the date, with its evidence. */
export function positionStep(person: NodeRef, p: PositionRow, body: NodeRef, described: Map<string, DescribedNode>, at: string): ChainStep {
  const title = positionTitle(p);
  const office = positionWords(p, body);
  return {
    kind: 'POSITION',
    node: body,
    text: `${en(person)} held the position of ${office.en} on ${formatDate(at, 'en')}`,
    textZh: `${dateZh(at)}，${zh(person)}在${zh(body)}任${title.zh}`,
    evidence: citationEvidence(p.citations, p.unsourced, described),
    basis: 'STATED',
  };
}
