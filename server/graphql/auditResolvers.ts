// The audit log as a query, for editors only; declared in audit.graphql.
import { GraphQLError } from 'graphql';
import { readAuditLog } from '../bundle/auditLog.js';
import type { QueryResolvers } from '../generated/contract.js';
import { limitOf } from './arguments.js';

export const auditResolvers: { Query: Pick<QueryResolvers, 'auditLog'> } = {
  Query: {
    auditLog: (_, args, { db, editor }) => {
      if (!editor) {
        throw new GraphQLError('The audit log is for editors: send `Authorization: Bearer <editor token or JWT>`.', {
          extensions: { code: 'FORBIDDEN', http: { status: 403 } },
        });
      }
      return readAuditLog(db, { case: args.case ?? null, limit: limitOf(args.limit, 50, 200) });
    },
  },
};
