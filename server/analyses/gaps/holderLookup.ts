// Who held a power by law, for the findings: whoCan asked once per (power family, place,
// stretch of unchanged law) and remembered for the run.
import type { Database } from '../../neo4j/database.js';
import { runAnalysis } from '../run.js';
import type { Holder } from '../types.js';
import { whoCan } from '../whoCan.js';

/**
 * The holders, at `place` on `at`, of grants of the powers in `accepted`. whoCan answers for
 * a power and every narrower one, so one question about the broadest power of the family
 * (`root`) serves every action and statement about that family on that day and place; and
 * since holders only change on a boundary day (gaps/lawBoundaries.cypher), one question
 * serves every day of the same stretch.
 */
export class HolderLookup {
  private readonly cache = new Map<string, Promise<Holder[]>>();
  private boundaries?: Promise<string[]>;
  /** `reading` is passed on to whoCan as it is (whoCan decides what AS_LATER_HELD changes). */
  constructor(
    private readonly db: Database,
    private readonly reading: string | null = null,
  ) {}

  async holders(root: string, accepted: string[], place: string | null, at: string): Promise<Holder[]> {
    const key = `${root}|${place ?? ''}|${await this.stretchOf(at)}`;
    let pending = this.cache.get(key);
    if (!pending) {
      const question = { power: root, place, at, context: null, ...(this.reading ? { reading: this.reading } : {}) };
      pending = whoCan(this.db, question as Parameters<typeof whoCan>[1]).then((a) => [...a.holders, ...a.excludedByContext]);
      this.cache.set(key, pending);
    }
    const wanted = new Set(accepted);
    return (await pending).filter((h) => wanted.has(h.power.id) && h.modality !== 'PROHIBITION');
  }

  /** The last boundary day on or before `at` (ISO dates compare as strings). */
  private async stretchOf(at: string): Promise<string> {
    this.boundaries ??= runAnalysis<{ days: string[] }>(this.db, 'gaps/lawBoundaries', {}).then(([row]) => (row?.days ?? []).sort());
    let start = '';
    for (const day of await this.boundaries) {
      if (day > at) break;
      start = day;
    }
    return start;
  }
}
