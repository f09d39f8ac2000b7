// Resolvers of the findings questions (gaps, story, accountability, referralPaths, timeline,
// search, neighborhood, caseGraph) and of importBundle. They translate arguments to the
// analyses in server/analyses, add the data version, and turn unknown ids and bad input into
// coded errors that say what to do; no domain logic here.
import { importBundle } from '../bundle/importBundle.js';
import { accountability } from '../analyses/accountability.js';
import { answerGaps } from '../analyses/derived/gapsAnswer.js';
import { caseGraph, DEFAULT_GRAPH_LIMIT, MAX_DEPTH, MAX_GRAPH_LIMIT, neighborhood } from '../analyses/graph.js';
import { referralPaths } from '../analyses/referralPaths.js';
import { story } from '../analyses/story.js';
import { DEFAULT_SEARCH_LIMIT, search } from '../analyses/search.js';
import { timeline } from '../analyses/timeline.js';
import { answerMeta } from '../analyses/run.js';
import type { MutationResolvers, QueryGapsArgs, QueryResolvers } from '../generated/contract.js';
import type { QuanzeContext } from './server.js';
import { badInput, dateOf, limitOf, MAX_LIMIT, rememberedWithMeta, withMeta } from './arguments.js';

const MAX_SEARCH_TEXT = 200;
const rememberedGaps = rememberedWithMeta<Awaited<ReturnType<typeof answerGaps>>>();

type FindingsQuestions = 'gaps' | 'story' | 'accountability' | 'referralPaths' | 'timeline' | 'search' | 'neighborhood' | 'caseGraph';

/** A gaps question from its arguments; the key its answer is remembered by (story asks for the same first page). */
function gapsQuestion(args: Partial<QueryGapsArgs> & Pick<QueryGapsArgs, 'case'>) {
  return {
    case: args.case,
    at: dateOf(args.at, 'at', 'none'),
    limit: limitOf(args.first ?? args.limit),
    after: args.after ?? null,
    reading: args.reading ?? 'AS_IT_STOOD',
  };
}
const findingsOf = (db: QuanzeContext['db'], args: Parameters<typeof gapsQuestion>[0]) => {
  const question = gapsQuestion(args);
  return rememberedGaps(db, JSON.stringify(question), () => answerGaps(db, question));
};

export const findingsResolvers: { Query: Pick<QueryResolvers, FindingsQuestions>; Mutation: Pick<MutationResolvers, 'importBundle'> } = {
  Query: {
    gaps: (_, args, { db }) => findingsOf(db, args),

    // The findings' first page is the one gaps answers with (remembered, so asked together they are computed once).
    story: (_, args, { db }) =>
      withMeta(db, async () => {
        const found = await findingsOf(db, { case: args.case });
        const told = await story(db, { case: args.case }, found.findings);
        const meta = { dataVersion: found.dataVersion, computedAt: found.computedAt };
        const versioned = <T extends object>(answer: T | null) => (answer ? { ...answer, ...meta } : null);
        return { ...told, whoCan: versioned(told.whoCan), whoDid: versioned(told.whoDid), accountability: versioned(told.accountability) };
      }),

    accountability: (_, args, { db }) => withMeta(db, () => accountability(db, { case: args.case, power: args.power })),

    referralPaths: (_, args, { db }) => withMeta(db, () => referralPaths(db, { case: args.case, power: args.power ?? null })),

    timeline: (_, args, { db }) => withMeta(db, () => timeline(db, { case: args.case, limit: limitOf(args.limit) })),

    search: (_, args, { db }) =>
      withMeta(db, () => {
        const text = args.text;
        if (text.length > MAX_SEARCH_TEXT) throw badInput(`Search text is limited to ${MAX_SEARCH_TEXT} characters; search for a shorter name.`);
        return search(db, { text, limit: limitOf(args.limit, DEFAULT_SEARCH_LIMIT, MAX_LIMIT) });
      }),

    neighborhood: (_, args, { db }) =>
      withMeta(db, () => {
        const depth = args.depth ?? 1;
        if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 0 || depth > MAX_DEPTH) {
          throw badInput(`depth must be a whole number from 0 to ${MAX_DEPTH}; expand further from the nodes it returns.`);
        }
        return neighborhood(db, {
          id: args.id,
          depth,
          at: dateOf(args.at, 'at', 'none'),
          limit: limitOf(args.limit, DEFAULT_GRAPH_LIMIT, MAX_GRAPH_LIMIT),
        });
      }),

    caseGraph: (_, args, { db }) =>
      withMeta(db, () =>
        caseGraph(db, {
          case: args.case,
          at: dateOf(args.at, 'at', 'none'),
          limit: limitOf(args.limit, DEFAULT_GRAPH_LIMIT, MAX_GRAPH_LIMIT),
        }),
      ),
  },

  Mutation: {
    // Editors only: server.ts refuses any mutation without editor credentials before this runs.
    importBundle: async (_, args, { db, editor }) => {
      const writer = { who: editor?.name ?? 'unknown', via: 'api' } as const;
      const result = await importBundle(db, args.bundle, { dryRun: Boolean(args.dryRun), writer });
      if (!result.ok) {
        console.warn(`Import refused for ${writer.who}: case ${result.caseId ?? '(none)'}, ${result.problems.length} problem(s); nothing written.`);
        throw badInput(`The bundle was refused with ${result.problems.length} problem(s); nothing was written. Fix them and send it again.`, {
          problems: result.problems,
        });
      }
      const counted = Object.values(result.counts.nodes);
      const sum = (what: 'created' | 'updated' | 'unchanged') => counted.reduce((n, c) => n + c[what], 0);
      const relations = Object.values(result.counts.relations).reduce((n, c) => n + c, 0);
      const meta = await answerMeta(db);
      return {
        dryRun: result.dryRun,
        nodes: sum('created') + sum('updated'),
        relations,
        dataVersion: result.dataVersion ?? meta.dataVersion,
        created: sum('created'),
        updated: sum('updated'),
        unchanged: sum('unchanged'),
        removed: result.counts.removed,
        deriveSeconds: result.dryRun ? null : (result.derivedHoldings?.seconds ?? 0) + (result.derivedFindings?.seconds ?? 0),
        derivedHoldings: result.derivedHoldings?.holdings ?? null,
        derivedFindings: result.derivedFindings && !result.derivedFindings.error ? result.derivedFindings.findings : null,
      };
    },
  },
};
