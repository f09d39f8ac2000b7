// The audit log as a query, for editors only; declared in audit.graphql.
import { GraphQLError } from 'graphql';
import { readAuditLog } from '../bundle/auditLog.js';
import { limitOf, type Args } from './arguments.js';
import type { QuanzeContext } from './server.js';

export const auditResolvers = {
  Query: {
    auditLog: (_: unknown, args: Args, { db, editor }: QuanzeContext) => {
      if (!editor) {
        throw new GraphQLError('The audit log is for editors: send `Authorization: Bearer <editor token or JWT>`.', {
          extensions: { code: 'FORBIDDEN', http: { status: 403 } },
        });
      }
      return readAuditLog(db, { case: (args.case as string | null | undefined) ?? null, limit: limitOf(args.limit, 50, 200) });
    },
  },
};
