// gaps/lawBoundaries — the days on which the answer of whoCan can change: a grant, an
// instrument or a body starting or ending, or a body being succeeded. Between two such days
// every whoCan question has the same holders, so gaps.ts asks it once per stretch.
//
// Parameters: none.
// Returns one row: days, the boundary days as YYYY-MM-DD (a day after each last day, since
// validTo and effectiveTo are inclusive).
CALL () {
  MATCH (g:Grant) UNWIND [g.validFrom, g.validTo + duration('P1D')] AS day RETURN day
  UNION
  MATCH (i:Instrument) UNWIND [i.issuedOn, i.effectiveFrom, i.effectiveTo + duration('P1D')] AS day RETURN day
  UNION
  MATCH (b:Body) UNWIND [b.validFrom, b.validTo + duration('P1D')] AS day RETURN day
  UNION
  MATCH ()-[s:SUCCEEDED_BY]->() RETURN s.on AS day
}
WITH day WHERE day IS NOT NULL
RETURN collect(DISTINCT toString(day)) AS days
