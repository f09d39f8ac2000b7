// What every question resolver does with its arguments and errors: read limits and dates,
// turn an unknown id into NOT_FOUND with the next step, and add the data version.
import { GraphQLError } from 'graphql';
import { answerMeta, isoDate, LIST_LIMIT, type AnswerMeta } from '../analyses/run.js';
import { UnknownNodeError } from '../analyses/evidence.js';
import type { QuanzeContext } from './server.js';

export type Args = Record<string, unknown>;

/** The most rows any list answer returns. */
export const MAX_LIMIT = LIST_LIMIT;

export function badInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

export function limitOf(limit: unknown, fallback = MAX_LIMIT, max = MAX_LIMIT): number {
  if (limit === undefined || limit === null) return fallback;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) throw badInput(`limit must be a whole number from 0 to ${max}.`);
  return Math.min(limit, max);
}

export function dateOf(value: unknown, name: string, fallback: 'today' | 'none' = 'today'): string | null {
  try {
    return isoDate(value, fallback);
  } catch {
    throw badInput(`${name} must be a date written YYYY-MM-DD, e.g. 2022-06-13.`);
  }
}

const NEXT_STEP: Record<string, string> = {
  Case: 'List the cases with the `cases` query and use one of their ids (e.g. "henan-red-code-2022").',
  Power: 'Search for the power with `search(text:)` (e.g. "赋码") and use the id it returns.',
  Place: 'Search for the place with `search(text:)` (e.g. "郑州") and use the id it returns.',
  Body: 'Search for the body with `search(text:)` by its Chinese or English name, alias or pinyin, and use the id it returns.',
  node: 'Search for it with `search(text:)` by its Chinese or English name, alias or pinyin, and use the id it returns.',
};

/** Runs an analysis and translates what the user can fix into coded GraphQL errors. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnknownNodeError) {
      const what = error.label === 'node' ? 'node' : error.label.toLowerCase();
      throw new GraphQLError(`There is no ${what} with id "${error.id}". ${NEXT_STEP[error.label] ?? 'Check the id.'}`, {
        extensions: { code: 'NOT_FOUND', label: error.label, id: error.id },
      });
    }
    throw error;
  }
}

/**
 * The answer with the data version read before it was computed, so a citation reproduces it.
 * The version is asked for first and the question started at once: on a request's database
 * (batchedReads) both go in one transaction, the version's statement first.
 */
export const withMeta = <T extends object>(db: QuanzeContext['db'], work: () => Promise<T>) =>
  answering(async () => {
    const meta = answerMeta(db);
    // Heard even when the question fails first (its own error is the one reported).
    meta.catch(() => {});
    const answer = await work();
    return { ...answer, ...(await meta) };
  });

/**
 * Like withMeta, but remembers recent answers by their arguments and data version: an
 * answer depends only on those (the version moves on every write through Quanze), so the
 * slow questions (gaps) are computed once per version, however many cards ask them.
 * Writes made to Neo4j behind Quanze's back are not seen until the version moves.
 */
export function rememberedWithMeta<T extends object>(limit = 32) {
  // Answers being computed are remembered too, so two questions asked at once (gaps and story) compute it once; a failure is forgotten.
  const remembered = new Map<string, Promise<T & AnswerMeta>>();
  return (db: QuanzeContext['db'], key: string, work: () => Promise<T>) =>
    answering(async () => {
      const meta = await answerMeta(db);
      const full = `${meta.dataVersion}|${key}`;
      const known = remembered.get(full);
      if (known) return known;
      const answer = work().then((a) => ({ ...a, ...meta }));
      remembered.set(full, answer);
      answer.catch(() => remembered.delete(full));
      if (remembered.size > limit) remembered.delete(remembered.keys().next().value!);
      return answer;
    });
}
