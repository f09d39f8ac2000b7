// Resolvers of the de jure and de facto questions: whoCan, whoDid, explain, compare.
export const deJureResolvers: Record<string, unknown> = {};
