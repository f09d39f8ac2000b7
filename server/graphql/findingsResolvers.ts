// Resolvers of gaps, accountability, referralPaths, timeline, search, neighborhood, caseGraph, importBundle.
export const findingsResolvers: { Query: Record<string, unknown>; Mutation: Record<string, unknown> } = { Query: {}, Mutation: {} };
