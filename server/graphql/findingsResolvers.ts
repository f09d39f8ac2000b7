// Resolvers of the findings questions (gaps, accountability, referralPaths, timeline,
// search, neighborhood, caseGraph) and of importBundle. They translate arguments to the
// analyses in server/analyses, add the data version, and turn unknown ids and bad input into
// coded errors that say what to do; no domain logic here.
import { GraphQLError } from 'graphql';
import { importBundle } from '../bundle/importBundle.js';
import { accountability } from '../analyses/accountability.js';
import { UnknownNodeError } from '../analyses/evidence.js';
import { gaps } from '../analyses/gaps.js';
import { caseGraph, DEFAULT_GRAPH_LIMIT, MAX_GRAPH_LIMIT, neighborhood } from '../analyses/graph.js';
import { referralPaths } from '../analyses/referralPaths.js';
import { answerMeta, isoDate } from '../analyses/run.js';
import { DEFAULT_SEARCH_LIMIT, search } from '../analyses/search.js';
import { timeline } from '../analyses/timeline.js';
import type { QuanzeContext } from './server.js';

/** Same as LIMITS.maxPageSize in server.ts (not imported: server.ts imports this module). */
const MAX_LIMIT = 200;
const MAX_SEARCH_TEXT = 200;

type Args = Record<string, unknown>;

function badInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

function limitOf(limit: unknown, fallback: number, max: number): number {
  if (limit === undefined || limit === null) return fallback;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) throw badInput(`limit must be a whole number from 0 to ${max}.`);
  return Math.min(limit, max);
}

function dateOf(value: unknown, name: string): string | null {
  try {
    return isoDate(value, 'none');
  } catch {
    throw badInput(`${name} must be a date written YYYY-MM-DD, e.g. 2022-06-13.`);
  }
}

const NEXT_STEP: Record<string, string> = {
  Case: 'List the cases with the `cases` query and use one of their ids (e.g. "henan-red-code-2022").',
  Power: 'Search for the power with `search(text:)` (e.g. "赋码") and use the id it returns.',
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

/** The answer with the data version read before it was computed, so a citation reproduces it. */
const withMeta = <T extends object>(db: QuanzeContext['db'], work: () => Promise<T>) => answering(async () => {
  const meta = await answerMeta(db);
  return { ...(await work()), ...meta };
});

export const findingsResolvers = {
  Query: {
    gaps: (_: unknown, args: Args, { db }: QuanzeContext) => withMeta(db, () =>
      gaps(db, { case: String(args.case), at: dateOf(args.at, 'at'), limit: limitOf(args.limit, MAX_LIMIT, MAX_LIMIT) })),

    accountability: (_: unknown, args: Args, { db }: QuanzeContext) => withMeta(db, () =>
      accountability(db, { case: String(args.case), power: String(args.power) })),

    referralPaths: (_: unknown, args: Args, { db }: QuanzeContext) => withMeta(db, () =>
      referralPaths(db, { case: String(args.case), power: (args.power as string | null | undefined) ?? null })),

    timeline: (_: unknown, args: Args, { db }: QuanzeContext) => withMeta(db, () =>
      timeline(db, { case: String(args.case), limit: limitOf(args.limit, MAX_LIMIT, MAX_LIMIT) })),

    search: (_: unknown, args: Args, { db }: QuanzeContext) => withMeta(db, () => {
      const text = String(args.text ?? '');
      if (text.length > MAX_SEARCH_TEXT) throw badInput(`Search text is limited to ${MAX_SEARCH_TEXT} characters; search for a shorter name.`);
      return search(db, { text, limit: limitOf(args.limit, DEFAULT_SEARCH_LIMIT, MAX_LIMIT) });
    }),

    neighborhood: (_: unknown, args: Args, { db }: QuanzeContext) => withMeta(db, () => {
      const depth = args.depth ?? 1;
      if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 0) throw badInput('depth must be a whole number from 0 to 4.');
      return neighborhood(db, {
        id: String(args.id), depth, at: dateOf(args.at, 'at'), limit: limitOf(args.limit, DEFAULT_GRAPH_LIMIT, MAX_GRAPH_LIMIT),
      });
    }),

    caseGraph: (_: unknown, args: Args, { db }: QuanzeContext) => withMeta(db, () =>
      caseGraph(db, { case: String(args.case), at: dateOf(args.at, 'at'), limit: limitOf(args.limit, DEFAULT_GRAPH_LIMIT, MAX_GRAPH_LIMIT) })),
  },

  Mutation: {
    // Editors only: server.ts refuses any mutation without editor credentials before this runs.
    importBundle: async (_: unknown, args: Args, { db }: QuanzeContext) => {
      const result = await importBundle(db, args.bundle, { dryRun: Boolean(args.dryRun) });
      if (!result.ok) {
        throw badInput(`The bundle was refused with ${result.problems.length} problem(s); nothing was written. Fix them and send it again.`, {
          problems: result.problems,
        });
      }
      const nodes = Object.values(result.counts.nodes).reduce((n, c) => n + c.created + c.updated, 0);
      const relations = Object.values(result.counts.relations).reduce((n, c) => n + c, 0);
      const meta = await answerMeta(db);
      return { dryRun: result.dryRun, nodes, relations, dataVersion: result.dataVersion ?? meta.dataVersion };
    },
  },
};
