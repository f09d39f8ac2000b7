// compare: who holds a power in each of several places at one date, side by side. Each
// row is whoCan for that place, so the rules are exactly those of whoCan.
import type { Database } from '../neo4j/database.js';
import { describeNodes, requireNode } from './evidence.js';
import type { CompareAnswer, CompareRow, ConditionContext, Holder, Reading } from './types.js';
import { holdingRows, whoCan, type HoldingSource } from './whoCan.js';

export interface CompareParams {
  power: string;
  places: string[];
  /** YYYY-MM-DD */
  at: string;
  context?: ConditionContext | null;
  /** Most holders per place. */
  limit?: number;
  reading?: Reading | null;
  /** Only this holder in each place: a Body, or a Person through the positions held on `at` (as whoCan). */
  holder?: string | null;
}

/** A side-by-side row names each holder once: its first (nearest) holding, the others dropped. */
function onePerBody(holders: Holder[]): Holder[] {
  const seen = new Set<string>();
  return holders.filter((h) => {
    const key = `${h.body.id}|${h.power.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function compare(db: Database, params: CompareParams, source: HoldingSource = holdingRows): Promise<CompareAnswer> {
  const places = [...new Set(params.places)];
  const asked = await describeNodes(db, [params.power, ...places]);
  const power = requireNode(asked, 'Power', params.power);
  for (const id of places) requireNode(asked, 'Place', id);

  // The places are independent questions: ask them together rather than one after another.
  const answers = await Promise.all(
    places.map((id) =>
      whoCan(
        db,
        {
          power: params.power,
          place: id,
          at: params.at,
          context: params.context,
          limit: params.limit,
          reading: params.reading,
          holder: params.holder,
        },
        source,
      ),
    ),
  );
  const rows: CompareRow[] = answers.map((answer) => ({ place: answer.place!, holders: onePerBody(answer.holders) }));
  return { power, at: params.at, rows, incomplete: answers.some((a) => a.incomplete) };
}
