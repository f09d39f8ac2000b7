// Resolvers of the de jure and de facto questions: whoCan, whoDid, explain, compare. They
// translate arguments to the analyses in server/analyses, add the data version, and turn
// unknown ids and bad input into coded errors that say what to do; no domain logic here.
import { whoCan } from '../analyses/whoCan.js';
import { whoDid } from '../analyses/whoDid.js';
import { explain } from '../analyses/explain.js';
import { compare } from '../analyses/compare.js';
import type { ConditionContext } from '../analyses/types.js';
import type { QuanzeContext } from './server.js';
import { badInput, dateOf, limitOf, readingOf, withMeta, type Args } from './arguments.js';

const MAX_PLACES = 20;

function contextOf(value: unknown): ConditionContext | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badInput('context must be a JSON object, e.g. {"batchSize": 1317, "action": "<action id>", "met": {"<condition id>": false}}.');
  }
  return value as ConditionContext;
}

export const deJureResolvers = {
  whoCan: (_: unknown, args: Args, { db }: QuanzeContext) =>
    withMeta(db, () =>
      whoCan(db, {
        power: String(args.power),
        place: (args.place as string | null) ?? null,
        at: dateOf(args.at, 'at')!,
        context: contextOf(args.context),
        limit: limitOf(args.limit),
        reading: readingOf(args.reading),
        holder: (args.holder as string | null) ?? null,
      }),
    ),

  whoDid: (_: unknown, args: Args, { db }: QuanzeContext) =>
    withMeta(db, () =>
      whoDid(db, {
        power: String(args.power),
        place: (args.place as string | null) ?? null,
        from: dateOf(args.from, 'from', 'none'),
        to: dateOf(args.to, 'to', 'none'),
        limit: limitOf(args.limit),
      }),
    ),

  explain: (_: unknown, args: Args, { db }: QuanzeContext) =>
    withMeta(db, () =>
      explain(db, {
        body: String(args.body),
        power: String(args.power),
        place: (args.place as string | null) ?? null,
        at: dateOf(args.at, 'at')!,
        context: contextOf(args.context),
        reading: readingOf(args.reading),
      }),
    ),

  compare: (_: unknown, args: Args, { db }: QuanzeContext) => {
    const places = (args.places as string[] | null) ?? [];
    if (!places.length) throw badInput('Give at least one place id in places, e.g. ["cn-henan", "cn-hainan"].');
    if (places.length > MAX_PLACES) throw badInput(`Compare at most ${MAX_PLACES} places at once.`);
    return withMeta(db, () =>
      compare(db, {
        power: String(args.power),
        places,
        at: dateOf(args.at, 'at')!,
        context: contextOf(args.context),
        limit: limitOf(args.limit),
        reading: readingOf(args.reading),
        holder: (args.holder as string | null) ?? null,
      }),
    );
  },
};
