// Who held a power by law, for the findings: whoCan's holders, asked once per (power family,
// place, stretch of unchanged law) and remembered for the run, the most recently used
// REMEMBERED_HOLDERS of them.
//
// This is whoCan (../whoCan.ts) for a question with no holder and no context, put together
// from its own parts so that what does not change between questions is read once: the
// candidate holdings of a (power, place) do not depend on the day or the reading (whoCan.cypher
// reads them at any date; judgeEach and holdersOn judge them on the day), so they are read once per
// (power, place) for every stretch and both readings; and the nodes they name are described
// once for the run (Holdings). The holders are the same as whoCan's, cut at the same limit.
import type { Database } from '../../neo4j/database.js';
import { describeNodes, type DescribedNode } from '../evidence.js';
import { LIST_LIMIT, runAnalysis } from '../run.js';
import type { Holder, Reading } from '../types.js';
import { derivedRows, holdersOn, judgeEach, type HoldingRow } from '../whoCan.js';

/**
 * What the lookups of one run share, whatever their reading: the candidate holdings per
 * (power, place), the boundary days of the law, and the nodes described so far.
 */
export class Holdings {
  private readonly rowsOf = new Map<string, Promise<HoldingRow[]>>();
  private readonly asked = new Map<string, Promise<void>>();
  private readonly known = new Map<string, DescribedNode>();
  private boundaries?: Promise<string[]>;

  constructor(readonly db: Database) {}

  /** The candidate holdings of `power` at `place` at any date, not yet judged (whoCan.cypher via derivedRows). */
  rows(power: string, place: string | null): Promise<HoldingRow[]> {
    const key = `${power}|${place ?? ''}`;
    let pending = this.rowsOf.get(key);
    if (!pending) {
      // `at` is not read by whoCan.cypher (dates are judged in judgeRows): were it ever read
      // there, this would have to be asked per stretch, as whoCan was before.
      pending = derivedRows(this.db, { power, place, at: '' });
      this.rowsOf.set(key, pending);
    }
    return pending;
  }

  /**
   * Reads the candidate holdings of every (power, place) in `pairs` not read yet, a few at a
   * time, rather than one after another as the rows that need them come.
   */
  async prefetch(pairs: [string, string | null][], atOnce = 4): Promise<void> {
    const todo = [...new Map(pairs.map(([power, place]) => [`${power}|${place ?? ''}`, [power, place] as const])).values()].filter(
      ([power, place]) => !this.rowsOf.has(`${power}|${place ?? ''}`),
    );
    const next = async (): Promise<void> => {
      const pair = todo.shift();
      if (!pair) return;
      await this.rows(pair[0], pair[1]);
      return next();
    };
    await Promise.all(Array.from({ length: atOnce }, next));
  }

  /**
   * Every node described so far, `ids` among them (unknown ids stay absent, as in
   * describeNodes): one query for the ids not asked before. The map holds more than `ids`;
   * describeNodes' readers only look ids up.
   */
  async describe(ids: Iterable<string>): Promise<Map<string, DescribedNode>> {
    const wanted = [...new Set(ids)].filter((id) => typeof id === 'string' && id !== '');
    const missing = wanted.filter((id) => !this.asked.has(id));
    if (missing.length) {
      const fetching = describeNodes(this.db, missing).then((described) => {
        for (const [id, node] of described) this.known.set(id, node);
      });
      for (const id of missing) this.asked.set(id, fetching);
    }
    const pending = new Set<Promise<void>>();
    for (const id of wanted) pending.add(this.asked.get(id)!);
    await Promise.all(pending);
    return this.known;
  }

  /**
   * Lets go of the nodes described so far (the next describe asks again): the derive calls it
   * after each batch of actions, so what is remembered does not grow with the case. The
   * candidate holdings, a few per (power, place), are kept.
   */
  forgetDescribed(): void {
    this.asked.clear();
    this.known.clear();
  }

  /** The boundary days of the law, sorted (gaps/lawBoundaries.cypher). */
  days(): Promise<string[]> {
    this.boundaries ??= runAnalysis<{ days: string[] }>(this.db, 'gaps/lawBoundaries', {}).then(([row]) => (row?.days ?? []).sort());
    return this.boundaries;
  }
}

/**
 * How many (power family, place, stretch) answers a lookup keeps. Their number is at most the
 * places times the stretches of unchanged law, which a country whose instruments each start
 * on their own day makes as large as the actions; the derive reads the actions in the order of
 * their days, so the stretches it still needs are the last few. One answer is a few holders.
 */
export const REMEMBERED_HOLDERS = 20_000;

/**
 * The holders, at `place` on `at`, of grants of the powers in `accepted`, in one reading.
 * whoCan answers for a power and every narrower one, so one question about the broadest power
 * of the family (`root`) serves every action and statement about that family on that day and
 * place; and since holders only change on a boundary day (gaps/lawBoundaries.cypher), one
 * question serves every day of the same stretch.
 */
export class HolderLookup {
  /** The answers kept, least recently used first (a Map keeps the order keys were set in). */
  private readonly cache = new Map<string, Promise<Holder[]>>();
  /** How many whoCan questions this lookup has asked (an answer let go and asked again counts twice). */
  asked = 0;
  constructor(
    readonly reading: Reading,
    readonly shared: Holdings,
    private readonly remembered = REMEMBERED_HOLDERS,
  ) {}

  /** How many answers are kept now. */
  get kept(): number {
    return this.cache.size;
  }

  async holders(root: string, accepted: string[], place: string | null, at: string): Promise<Holder[]> {
    const key = `${root}|${place ?? ''}|${await this.stretchOf(at)}`;
    let pending = this.cache.get(key);
    if (pending) {
      this.cache.delete(key);
    } else {
      pending = this.whoCan(root, place, at);
      this.asked++;
      if (this.cache.size >= this.remembered) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(key, pending);
    const wanted = new Set(accepted);
    return (await pending).filter((h) => wanted.has(h.power.id) && h.modality !== 'PROHIBITION');
  }

  /** whoCan's holders and those its context rules out (none: there is no context), each list cut at whoCan's limit. */
  private async whoCan(power: string, place: string | null, at: string): Promise<Holder[]> {
    const all = await this.shared.rows(power, place);
    const { holders, excluded } = await holdersOn(judgeEach(all, at, this.reading), { at }, (ids) => this.shared.describe(ids));
    return [...holders.slice(0, LIST_LIMIT), ...excluded.slice(0, LIST_LIMIT)];
  }

  /** The last boundary day on or before `at` ('' when none; ISO dates compare as strings). */
  private async stretchOf(at: string): Promise<string> {
    const days = await this.shared.days();
    let [low, high] = [0, days.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (days[mid] > at) high = mid;
      else low = mid + 1;
    }
    return low > 0 ? days[low - 1] : '';
  }
}
