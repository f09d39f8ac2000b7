// The questions the explorer asks, as named GraphQL documents of the contract
// (server/graphql/questions.graphql) and the entity API. Values are inlined so each
// document is complete on its own: what is shown under "Query behind this answer" is
// exactly what was sent.
import { args, runQuery, type Asked } from './api';

export interface NodeRef {
  id: string;
  label: string;
  name?: string | null;
  nameZh?: string | null;
}
export interface EvidenceSource {
  id: string;
  title: string;
  titleEn?: string | null;
  outlet: string;
  author?: string | null;
  publishedAt?: string | null;
  url?: string | null;
  kind?: string | null;
}
export interface Evidence {
  quote?: string | null;
  quoteZh?: string | null;
  quoteEn?: string | null;
  locator?: string | null;
  unsourced?: boolean | null;
  source: EvidenceSource;
}
export interface ChainStep {
  kind: string;
  node: NodeRef;
  text?: string | null;
  textZh?: string | null;
  evidence: Evidence[];
}
export interface Condition {
  kind: string;
  param?: string | null;
  min?: number | null;
  max?: number | null;
  body?: NodeRef | null;
  description?: string | null;
  descriptionZh?: string | null;
  status: string;
}
export interface Holder {
  body: NodeRef;
  via: string;
  modality: string;
  power: NodeRef;
  grantPlace?: NodeRef | null;
  conditions: Condition[];
  note?: string | null;
  noteZh?: string | null;
  chain: ChainStep[];
}
export interface Versioned {
  dataVersion: number;
  computedAt: string;
  incomplete: boolean;
}
export interface WhoCanAnswer extends Versioned {
  power: NodeRef;
  place?: NodeRef | null;
  at: string;
  holders: Holder[];
}
export interface Actor {
  who: NodeRef;
  role: string;
  through?: NodeRef | null;
  position?: string | null;
  positionZh?: string | null;
  evidence: Evidence[];
}
export interface ActionResult {
  id: string;
  summary: string;
  summaryZh: string;
  affectedCount?: number | null;
  startedAt: string;
  endedAt?: string | null;
  purpose?: string | null;
  place?: NodeRef | null;
  powers: NodeRef[];
  actors: Actor[];
  evidence: Evidence[];
}
export interface WhoDidAnswer extends Versioned {
  power: NodeRef;
  place?: NodeRef | null;
  actions: ActionResult[];
}
export interface Finding {
  id: string;
  kind: string;
  severity: string;
  title: string;
  titleZh: string;
  explanation: string;
  explanationZh: string;
  nodeIds: string[];
  power?: NodeRef | null;
  evidence: Evidence[];
}
export interface GapsAnswer extends Versioned {
  case: NodeRef;
  at?: string | null;
  findings: Finding[];
}
export interface StatementResult {
  id: string;
  saidOn: string;
  stance: string;
  speaker?: string | null;
  saidBy: NodeRef;
  names: NodeRef[];
  powers: NodeRef[];
  quote?: string | null;
  quoteZh?: string | null;
  evidence: Evidence[];
}
export interface StanceCount {
  stance: string;
  count: number;
  speakers: NodeRef[];
  statements: StatementResult[];
}
export interface AccountabilityAnswer extends Versioned {
  case: NodeRef;
  power: NodeRef;
  stances: StanceCount[];
}
export interface ReferralStep {
  from: NodeRef;
  to?: NodeRef | null;
  statement: StatementResult;
}
export interface ReferralPath {
  steps: ReferralStep[];
  outcome: string;
  explanation: string;
  explanationZh: string;
  nodeIds: string[];
}
export interface ReferralAnswer extends Versioned {
  paths: ReferralPath[];
}
export interface MissingLink {
  kind: string;
  explanation: string;
  explanationZh: string;
  nodeIds: string[];
}
export interface ExplainAnswer extends Versioned {
  body: NodeRef;
  power: NodeRef;
  at: string;
  verdict: string;
  holds: boolean;
  reason: string;
  reasonZh: string;
  chain: ChainStep[];
  conditions: Condition[];
  missingLink?: MissingLink | null;
}
export interface CompareAnswer extends Versioned {
  power: NodeRef;
  at: string;
  rows: { place: NodeRef; holders: Holder[] }[];
}
export interface TimelineEvent {
  date: string;
  endDate?: string | null;
  kind: string;
  node: NodeRef;
  title: string;
  titleZh: string;
  nodeIds: string[];
  evidence: Evidence[];
}
export interface TimelineAnswer extends Versioned {
  events: TimelineEvent[];
}
export interface SearchHit {
  node: NodeRef;
  score: number;
  matched?: string | null;
  successor?: NodeRef | null;
}
export interface SearchAnswer extends Versioned {
  text: string;
  hits: SearchHit[];
}
export interface GraphNode {
  id: string;
  label: string;
  name?: string | null;
  nameZh?: string | null;
  parent?: string | null;
  properties?: Record<string, unknown> | null;
  inactive?: boolean | null;
  unsourced?: boolean | null;
}
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  layer: string;
  properties?: Record<string, unknown> | null;
  inactive?: boolean | null;
}
export interface GraphAnswer extends Versioned {
  nodes: GraphNode[];
  edges: GraphEdge[];
  at?: string | null;
}

const REF = '{ id label name nameZh }';
// Kept lean and without fragments: the server limits a query's cost (docs/api.md), deep
// evidence is costly, and a fragment spread counts as one more level.
const EV = '{ quote quoteZh quoteEn locator unsourced source { id title outlet publishedAt url } }';
const COND = `{ kind param min max body ${REF} description descriptionZh status }`;
const HOLDER = `{ body ${REF} via modality power ${REF} grantPlace ${REF} note noteZh conditions ${COND} chain { kind node ${REF} text textZh evidence ${EV} } }`;
const STMT = `{ id saidOn stance speaker saidBy ${REF} names ${REF} quote quoteZh evidence ${EV} }`;
const VERSION = 'dataVersion computedAt incomplete';

/** One named question: a Query field with its selection. */
interface Operation {
  name: string;
  field: string;
}

/** The GraphQL document of one or more named operations. */
function documentOf(ops: Operation[]): string {
  return `${ops.map((o) => `query ${o.name} {\n  ${o.field}\n}`).join('\n')}\n`;
}

/**
 * Asks each operation in its own request (each stays under the cost limit); the answer
 * shows them as one document. The first operation is the question itself and its failure
 * fails the answer; a later one that fails is left out, its error kept in `failed`.
 */
async function ask<T>(ops: Operation[]): Promise<Asked<T> & { failed: Record<string, unknown> }> {
  const settled = await Promise.allSettled(ops.map((o) => runQuery<Record<string, unknown>>(documentOf([o]))));
  if (settled[0].status === 'rejected') throw settled[0].reason;
  const failed: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  settled.forEach((r, i) => {
    if (r.status === 'fulfilled') Object.assign(data, r.value.data);
    else failed[ops[i].name] = r.reason;
  });
  return { data: data as T, query: documentOf(ops), failed };
}

const whoCanOp = (a: { power: string; place?: string; at?: string }): Operation => ({
  name: 'WhoCan',
  field: `whoCan${args(a)} { power ${REF} place ${REF} at holders ${HOLDER} ${VERSION} }`,
});
const whoDidOp = (a: { power: string; place?: string; from?: string; to?: string }): Operation => ({
  name: 'WhoDid',
  field: `whoDid${args(a)} { power ${REF} place ${REF} actions { id summary summaryZh affectedCount startedAt endedAt purpose place ${REF} actors { who ${REF} role through ${REF} position positionZh evidence ${EV} } evidence ${EV} } ${VERSION} }`,
});
const gapsOp = (a: { case: string; at?: string }): Operation => ({
  name: 'Gaps',
  field: `gaps${args(a)} { case ${REF} at findings { id kind severity title titleZh explanation explanationZh nodeIds power ${REF} evidence ${EV} } ${VERSION} }`,
});

export interface WhoCanCard {
  whoCan: WhoCanAnswer;
  whoDid?: WhoDidAnswer;
  gaps?: GapsAnswer;
}

/** "Who can [power] in [place] on [date]?", with what was done there and the case's findings. */
export function askWhoCan(a: { power: string; place?: string; at?: string; case: string }): Promise<Asked<WhoCanCard>> {
  // The date governs the whole card: what was done up to it, and the findings as of it.
  return ask([
    whoCanOp({ power: a.power, place: a.place, at: a.at }),
    whoDidOp({ power: a.power, place: a.place, to: a.at }),
    gapsOp({ case: a.case, at: a.at }),
  ]);
}

export interface WhoDidCard {
  whoDid: WhoDidAnswer;
  gaps?: GapsAnswer;
}

export function askWhoDid(a: { power: string; place?: string; from?: string; to?: string; case: string }): Promise<Asked<WhoDidCard>> {
  return ask([whoDidOp({ power: a.power, place: a.place, from: a.from, to: a.to }), gapsOp({ case: a.case })]);
}

export interface WhoSaysCard {
  accountability: AccountabilityAnswer;
  referralPaths?: ReferralAnswer;
}

export function askWhoSays(a: { power: string; case: string }): Promise<Asked<WhoSaysCard>> {
  return ask([
    {
      name: 'Accountability',
      field: `accountability${args({ case: a.case, power: a.power })} { case ${REF} power ${REF} stances { stance count speakers ${REF} statements ${STMT} } ${VERSION} }`,
    },
    {
      name: 'ReferralPaths',
      field: `referralPaths${args({ case: a.case, power: a.power })} { paths { steps { from ${REF} to ${REF} statement { id saidOn stance quote quoteZh } } outcome explanation explanationZh nodeIds } ${VERSION} }`,
    },
  ]);
}

export interface StoryAnswers {
  whoCan?: WhoCanAnswer | null;
  whoDid?: WhoDidAnswer | null;
  accountability?: AccountabilityAnswer | null;
}
export interface StoryAnswer extends StoryAnswers {
  leadAction?: string | null;
  power?: NodeRef | null;
  place?: NodeRef | null;
  at?: string | null;
}

/** What the story view draws, chosen from the findings on the server: the lead action, its power, place and date, who could, who did, who says (asked with gaps, not after it). */
export function askStory(a: { case: string }): Promise<Asked<{ story: StoryAnswer }>> {
  return ask([
    {
      name: 'Story',
      field: `story${args({ case: a.case })} { leadAction power ${REF} place ${REF} at whoCan { power ${REF} place ${REF} at holders { body ${REF} via chain { kind node ${REF} } } ${VERSION} } whoDid { power ${REF} actions { id startedAt actors { who ${REF} role through ${REF} } } ${VERSION} } accountability { stances { stance statements { id stance saidBy ${REF} names ${REF} } } ${VERSION} } ${VERSION} }`,
    },
  ]);
}

export function askGaps(a: { case: string; at?: string }): Promise<Asked<{ gaps: GapsAnswer }>> {
  return ask([gapsOp(a)]);
}

export function askExplain(a: { body: string; power: string; at?: string }): Promise<Asked<{ explain: ExplainAnswer }>> {
  return ask([
    {
      name: 'Explain',
      field: `explain${args(a)} { body ${REF} power ${REF} at verdict holds reason reasonZh chain { kind node ${REF} text textZh evidence ${EV} } conditions ${COND} missingLink { kind explanation explanationZh nodeIds } ${VERSION} }`,
    },
  ]);
}

export function askCompare(a: { power: string; places: string[]; at?: string }): Promise<Asked<{ compare: CompareAnswer }>> {
  return ask([
    {
      name: 'Compare',
      field: `compare${args(a)} { power ${REF} at rows { place ${REF} holders { body ${REF} via modality note noteZh conditions { kind description descriptionZh status } chain { kind node ${REF} evidence ${EV} } } } ${VERSION} }`,
    },
  ]);
}

export function askTimeline(a: { case: string }): Promise<Asked<{ timeline: TimelineAnswer }>> {
  return ask([
    { name: 'Timeline', field: `timeline${args(a)} { events { date endDate kind node ${REF} title titleZh nodeIds evidence ${EV} } ${VERSION} }` },
  ]);
}

export function askSearch(a: { text: string; limit?: number }): Promise<Asked<{ search: SearchAnswer }>> {
  return ask([{ name: 'Search', field: `search${args(a)} { text hits { node ${REF} score matched successor ${REF} } ${VERSION} }` }]);
}

const GRAPH = `nodes { id label name nameZh parent properties inactive unsourced } edges { id source target type layer properties inactive } at ${VERSION}`;

export function askCaseGraph(a: { case: string; at?: string }): Promise<Asked<{ caseGraph: GraphAnswer }>> {
  return ask([{ name: 'CaseGraph', field: `caseGraph${args(a)} { ${GRAPH} }` }]);
}

export function askNeighborhood(a: { id: string; depth?: number; at?: string }): Promise<Asked<{ neighborhood: GraphAnswer }>> {
  return ask([{ name: 'Neighborhood', field: `neighborhood${args(a)} { ${GRAPH} }` }]);
}

// The entity API (@neo4j/graphql), for lists and for the evidence of any node.

export interface NamedItem {
  id: string;
  name?: string | null;
  nameZh?: string | null;
  aliases?: string[] | null;
  pinyin?: string | null;
  level?: string | null;
}
export interface CaseItem {
  id: string;
  title?: string | null;
  titleZh?: string | null;
  summary?: string | null;
  summaryZh?: string | null;
}

/** The pickers' lists and every case (the case picker and the introduction read them). */
export function askLists(): Promise<Asked<{ dataVersion: number; powers: NamedItem[]; places: NamedItem[]; cases: CaseItem[] }>> {
  return ask([
    {
      name: 'Lists',
      field: `dataVersion\n  powers(limit: 200) { id name nameZh aliases pinyin }\n  places(limit: 200) { id name nameZh aliases pinyin level }\n  cases(limit: 100) { id title titleZh summary summaryZh }`,
    },
  ]);
}

export interface CitationEdge {
  properties: { quoteZh?: string | null; quote?: string | null; locator?: string | null };
  node: EvidenceSource;
}

/** The citations of one node, by its type's plural in the entity API (from the model). */
export function askNodeEvidence(
  plural: string,
  id: string,
): Promise<Asked<Record<string, { id: string; evidenceConnection: { edges: CitationEdge[] } }[]>>> {
  return ask([
    {
      name: 'Evidence',
      field: `${plural}(where: { id: { eq: ${JSON.stringify(id)} } }) { id evidenceConnection { edges { properties { quoteZh quote locator } node { id title titleEn outlet author publishedAt url kind } } } }`,
    },
  ]);
}

export function askSources(ids: string[]): Promise<Asked<{ sources: EvidenceSource[] }>> {
  return ask([
    { name: 'Sources', field: `sources(where: { id: { in: ${JSON.stringify(ids)} } }) { id title titleEn outlet author publishedAt url kind }` },
  ]);
}
