// Resolvers of the de jure and de facto questions: whoCan, whoDid, explain, compare. They
// translate arguments to the analyses in server/analyses, add the data version, and turn
// unknown ids and bad input into coded errors that say what to do; no domain logic here.
import { GraphQLError } from 'graphql';
import { answerMeta, isoDate } from '../analyses/run.js';
import { UnknownNodeError } from '../analyses/evidence.js';
import { whoCan } from '../analyses/whoCan.js';
import { whoDid } from '../analyses/whoDid.js';
import { explain } from '../analyses/explain.js';
import { compare } from '../analyses/compare.js';
import type { ConditionContext } from '../analyses/types.js';
import type { QuanzeContext } from './server.js';

/** Same as LIMITS.maxPageSize in server.ts (not imported: server.ts imports this module). */
const MAX_LIMIT = 200;
const MAX_PLACES = 20;

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function limitOf(limit: unknown): number {
  if (limit === undefined || limit === null) return MAX_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) throw badInput(`limit must be a whole number from 0 to ${MAX_LIMIT}.`);
  return Math.min(limit, MAX_LIMIT);
}

function dateOf(value: unknown, name: string, fallback: 'today' | 'none' = 'today'): string | null {
  try {
    return isoDate(value, fallback);
  } catch {
    throw badInput(`${name} must be a date written YYYY-MM-DD, e.g. 2022-06-13.`);
  }
}

function contextOf(value: unknown): ConditionContext | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badInput('context must be a JSON object, e.g. {"batchSize": 1317, "consents": ["<body id>"], "procedures": ["written-request"]}.');
  }
  return value as ConditionContext;
}

const NEXT_STEP: Record<string, string> = {
  Power: 'Search for the power with `search(text:)` (e.g. "赋码") and use the id it returns.',
  Place: 'Search for the place with `search(text:)` (e.g. "郑州") and use the id it returns.',
  Body: 'Search for the body with `search(text:)` by its Chinese or English name, alias or pinyin, and use the id it returns.',
};

/** Runs an analysis and translates what the user can fix into coded GraphQL errors. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnknownNodeError) {
      throw new GraphQLError(`There is no ${error.label.toLowerCase()} with id "${error.id}". ${NEXT_STEP[error.label] ?? 'Check the id.'}`, {
        extensions: { code: 'NOT_FOUND', label: error.label, id: error.id },
      });
    }
    throw error;
  }
}

type Args = Record<string, unknown>;

export const deJureResolvers = {
  whoCan: (_: unknown, args: Args, { db }: QuanzeContext) => answering(async () => {
    const meta = await answerMeta(db);
    const answer = await whoCan(db, {
      power: String(args.power), place: (args.place as string | null) ?? null, at: dateOf(args.at, 'at')!,
      context: contextOf(args.context), limit: limitOf(args.limit),
    });
    return { ...answer, ...meta };
  }),

  whoDid: (_: unknown, args: Args, { db }: QuanzeContext) => answering(async () => {
    const meta = await answerMeta(db);
    const answer = await whoDid(db, {
      power: String(args.power), place: (args.place as string | null) ?? null,
      from: dateOf(args.from, 'from', 'none'), to: dateOf(args.to, 'to', 'none'), limit: limitOf(args.limit),
    });
    return { ...answer, ...meta };
  }),

  explain: (_: unknown, args: Args, { db }: QuanzeContext) => answering(async () => {
    const meta = await answerMeta(db);
    const answer = await explain(db, {
      body: String(args.body), power: String(args.power), place: (args.place as string | null) ?? null,
      at: dateOf(args.at, 'at')!, context: contextOf(args.context),
    });
    return { ...answer, ...meta };
  }),

  compare: (_: unknown, args: Args, { db }: QuanzeContext) => answering(async () => {
    const places = (args.places as string[] | null) ?? [];
    if (!places.length) throw badInput('Give at least one place id in places, e.g. ["cn-henan", "cn-hainan"].');
    if (places.length > MAX_PLACES) throw badInput(`Compare at most ${MAX_PLACES} places at once.`);
    const meta = await answerMeta(db);
    const answer = await compare(db, {
      power: String(args.power), places, at: dateOf(args.at, 'at')!, context: contextOf(args.context), limit: limitOf(args.limit),
    });
    return { ...answer, ...meta };
  }),
};
