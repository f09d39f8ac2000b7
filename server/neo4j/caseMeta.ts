// The Meta node an import keeps for its case, `(:Meta {id: 'importedCase:<case id>'})`: the
// bundle's digest (server/bundle/importUnchanged.ts) and the case's links
// (server/analyses/derived/caseLinks.ts). Import writes it and the findings read it, so its id
// is spelt once, here.

/** The id of a case's Meta node is this followed by the case's id. */
export const CASE_META = 'importedCase:';
