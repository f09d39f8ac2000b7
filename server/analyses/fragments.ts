// The fragments a .cypher file may name as {{name(arg, …)}}, expanded when run.ts loads it:
// the facts the "in force at D" rule reads (inForce.ts), and an action as the gaps name and
// weigh it (ActionFacts in gaps/wording.ts), so neither is written out in each query.
import { FRAGMENTS as IN_FORCE } from './inForce.js';

/** actionFacts(a[, .more, …]): the action `a` as ActionFacts, with any further properties named. */
function actionFacts(a: string, ...more: string[]): string {
  return (
    `${a} {.id, .summary, .summaryZh, .title, .titleZh, .startedAt, .startedAtPrecision, .endedAt, .purpose, .purposeBasis, .affectedCount, ` +
    `purposeLabel: head(COLLECT { MATCH (t:Term {vocabulary: 'PURPOSE'}) WHERE t.value = ${a}.purpose RETURN t {.label, .labelZh} }), ` +
    `groups: [(${a})-[:AFFECTED]->(grp:Group) | grp {.name, .nameZh}], ` +
    `powers: [(${a})-[:EXERCISED]->(x:Power) | x {.id, .name, .nameZh, .affectsPeople}]${more.map((p) => `, ${p}`).join('')}}`
  );
}

const FRAGMENTS: Record<string, (...args: string[]) => string> = { ...IN_FORCE, actionFacts };

/** Expands {{name(a, b)}} in a query text. */
export function expandFragments(text: string): string {
  return text.replace(/\{\{\s*(\w+)\(([^)]*)\)\s*\}\}/g, (_all, name: string, args: string) => {
    const fragment = FRAGMENTS[name];
    if (!fragment) throw new Error(`Unknown Cypher fragment {{${name}}}`);
    return fragment(...args.split(',').map((a) => a.trim()));
  });
}
