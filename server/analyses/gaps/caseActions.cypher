// caseActions — the ids of a case's actions, in the order the per-action kinds order their
// rows (first day, then id): the per-action kinds are asked for these, all at once or a batch
// at a time.
//
// Parameters:
//   $case  id of the Case
//   $at    YYYY-MM-DD or null: only actions started on or before this date
//
// One row per action: id
MATCH (a:Action)-[:IN_CASE]->(:Case {id: $case})
WHERE $at IS NULL OR a.startedAt <= date($at)
RETURN a.id AS id
ORDER BY a.startedAt, a.id
