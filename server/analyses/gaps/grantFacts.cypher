// grantFacts — what findings need of the grants a holding rests on, beyond whoCan's answer:
// the stored conditions (so a condition is named by its id: explicit, or `<grantId>#<n>`
// counting from 1) and the grant's basis (STATED, or an EDITOR_READING of its provision).
//
// Parameters:
//   $ids  ids of Grants
//
// One row per grant: id, conditions (JSON string or null), basis (null means STATED)
UNWIND $ids AS id
MATCH (g:Grant {id: id})
RETURN g.id AS id, g.conditions AS conditions, g.basis AS basis
