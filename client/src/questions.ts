// The questions the explorer asks, as named GraphQL documents of the contract
// (server/graphql/questions.graphql) and the entity API. Values are inlined so each
// document is complete on its own: what is shown under "Query behind this answer" is
// exactly what was sent.
import { args, runQuery, type Asked } from './api';

export interface NodeRef { id: string; label: string; name?: string | null; nameZh?: string | null }
export interface EvidenceSource { id: string; title: string; titleEn?: string | null; outlet: string; author?: string | null; publishedAt?: string | null; url?: string | null; kind?: string | null }
export interface Evidence { quote?: string | null; quoteZh?: string | null; quoteEn?: string | null; locator?: string | null; unsourced?: boolean | null; source: EvidenceSource }
export interface ChainStep { kind: string; node: NodeRef; text?: string | null; textZh?: string | null; evidence: Evidence[] }
export interface Condition { kind: string; param?: string | null; min?: number | null; max?: number | null; body?: NodeRef | null; description?: string | null; descriptionZh?: string | null; status: string }
export interface Holder { body: NodeRef; via: string; modality: string; power: NodeRef; grantPlace?: NodeRef | null; conditions: Condition[]; note?: string | null; noteZh?: string | null; chain: ChainStep[] }
export interface Versioned { dataVersion: number; computedAt: string; incomplete: boolean }
export interface WhoCanAnswer extends Versioned { power: NodeRef; place?: NodeRef | null; at: string; holders: Holder[] }
export interface Actor { who: NodeRef; role: string; through?: NodeRef | null; position?: string | null; positionZh?: string | null; evidence: Evidence[] }
export interface ActionResult { id: string; summary: string; summaryZh: string; affectedCount?: number | null; startedAt: string; endedAt?: string | null; purpose?: string | null; place?: NodeRef | null; powers: NodeRef[]; actors: Actor[]; evidence: Evidence[] }
export interface WhoDidAnswer extends Versioned { power: NodeRef; place?: NodeRef | null; actions: ActionResult[] }
export interface Finding { id: string; kind: string; severity: string; title: string; titleZh: string; explanation: string; explanationZh: string; nodeIds: string[]; power?: NodeRef | null; evidence: Evidence[] }
export interface GapsAnswer extends Versioned { case: NodeRef; at?: string | null; findings: Finding[] }
export interface StatementResult { id: string; saidOn: string; stance: string; speaker?: string | null; saidBy: NodeRef; names: NodeRef[]; powers: NodeRef[]; quote?: string | null; quoteZh?: string | null; evidence: Evidence[] }
export interface StanceCount { stance: string; count: number; speakers: NodeRef[]; statements: StatementResult[] }
export interface AccountabilityAnswer extends Versioned { case: NodeRef; power: NodeRef; stances: StanceCount[] }
export interface ReferralStep { from: NodeRef; to?: NodeRef | null; statement: StatementResult }
export interface ReferralPath { steps: ReferralStep[]; outcome: string; explanation: string; explanationZh: string; nodeIds: string[] }
export interface ReferralAnswer extends Versioned { paths: ReferralPath[] }
export interface MissingLink { kind: string; explanation: string; explanationZh: string; nodeIds: string[] }
export interface ExplainAnswer extends Versioned { body: NodeRef; power: NodeRef; at: string; verdict: string; holds: boolean; reason: string; reasonZh: string; chain: ChainStep[]; conditions: Condition[]; missingLink?: MissingLink | null }
export interface CompareAnswer extends Versioned { power: NodeRef; at: string; rows: { place: NodeRef; holders: Holder[] }[] }
export interface TimelineEvent { date: string; endDate?: string | null; kind: string; node: NodeRef; title: string; titleZh: string; nodeIds: string[]; evidence: Evidence[] }
export interface TimelineAnswer extends Versioned { events: TimelineEvent[] }
export interface SearchHit { node: NodeRef; score: number; matched?: string | null; successor?: NodeRef | null }
export interface SearchAnswer extends Versioned { text: string; hits: SearchHit[] }
export interface GraphNode { id: string; label: string; name?: string | null; nameZh?: string | null; parent?: string | null; properties?: Record<string, unknown> | null; inactive?: boolean | null; unsourced?: boolean | null }
export interface GraphEdge { id: string; source: string; target: string; type: string; layer: string; properties?: Record<string, unknown> | null; inactive?: boolean | null }
export interface GraphAnswer extends Versioned { nodes: GraphNode[]; edges: GraphEdge[]; at?: string | null }

const REF = 'fragment Ref on NodeRef { id label name nameZh }';
const EV = 'fragment Ev on Evidence { quote quoteZh quoteEn locator unsourced source { id title titleEn outlet author publishedAt url kind } }';
const COND = 'fragment Cond on Condition { kind param min max body { ...Ref } description descriptionZh status }';
const STEP = 'fragment Step on ChainStep { kind node { ...Ref } text textZh evidence { ...Ev } }';
const HOLDER = 'fragment HolderFields on Holder { body { ...Ref } via modality power { ...Ref } grantPlace { ...Ref } note noteZh conditions { ...Cond } chain { ...Step } }';
const STMT = 'fragment Stmt on StatementResult { id saidOn stance speaker saidBy { ...Ref } names { ...Ref } powers { ...Ref } quote quoteZh evidence { ...Ev } }';
const VERSION = 'dataVersion computedAt incomplete';

function documentOf(fields: string[], fragments: string[]): string {
  return `query {\n  ${fields.join('\n  ')}\n}\n${fragments.join('\n')}\n`;
}

const whoCanField = (a: { power: string; place?: string; at?: string }) =>
  `whoCan${args(a)} { power { ...Ref } place { ...Ref } at holders { ...HolderFields } ${VERSION} }`;
const whoDidField = (a: { power: string; place?: string; from?: string; to?: string }) =>
  `whoDid${args(a)} { power { ...Ref } place { ...Ref } actions { id summary summaryZh affectedCount startedAt endedAt purpose place { ...Ref } powers { ...Ref } actors { who { ...Ref } role through { ...Ref } position positionZh evidence { ...Ev } } evidence { ...Ev } } ${VERSION} }`;
const gapsField = (a: { case: string; at?: string }) =>
  `gaps${args(a)} { case { ...Ref } at findings { id kind severity title titleZh explanation explanationZh nodeIds power { ...Ref } evidence { ...Ev } } ${VERSION} }`;

export interface WhoCanCard { whoCan: WhoCanAnswer; whoDid: WhoDidAnswer; gaps: GapsAnswer }

/** "Who can [power] in [place] on [date]?", with what was done and the case's findings, in one request. */
export function askWhoCan(a: { power: string; place?: string; at?: string; case: string }): Promise<Asked<WhoCanCard>> {
  return runQuery(documentOf(
    [whoCanField({ power: a.power, place: a.place, at: a.at }), whoDidField({ power: a.power, place: a.place }), gapsField({ case: a.case })],
    [REF, EV, COND, STEP, HOLDER],
  ));
}

export interface WhoDidCard { whoDid: WhoDidAnswer; gaps: GapsAnswer }

export function askWhoDid(a: { power: string; place?: string; from?: string; to?: string; case: string }): Promise<Asked<WhoDidCard>> {
  return runQuery(documentOf([whoDidField({ power: a.power, place: a.place, from: a.from, to: a.to }), gapsField({ case: a.case })], [REF, EV]));
}

export interface WhoSaysCard { accountability: AccountabilityAnswer; referralPaths: ReferralAnswer }

export function askWhoSays(a: { power: string; case: string }): Promise<Asked<WhoSaysCard>> {
  return runQuery(documentOf([
    `accountability${args({ case: a.case, power: a.power })} { case { ...Ref } power { ...Ref } stances { stance count speakers { ...Ref } statements { ...Stmt } } ${VERSION} }`,
    `referralPaths${args({ case: a.case, power: a.power })} { paths { steps { from { ...Ref } to { ...Ref } statement { ...Stmt } } outcome explanation explanationZh nodeIds } ${VERSION} }`,
  ], [REF, EV, STMT]));
}

export function askGaps(a: { case: string; at?: string }): Promise<Asked<{ gaps: GapsAnswer }>> {
  return runQuery(documentOf([gapsField(a)], [REF, EV]));
}

export function askExplain(a: { body: string; power: string; at?: string }): Promise<Asked<{ explain: ExplainAnswer }>> {
  return runQuery(documentOf([
    `explain${args(a)} { body { ...Ref } power { ...Ref } at verdict holds reason reasonZh chain { ...Step } conditions { ...Cond } missingLink { kind explanation explanationZh nodeIds } ${VERSION} }`,
  ], [REF, EV, COND, STEP]));
}

export function askCompare(a: { power: string; places: string[]; at?: string }): Promise<Asked<{ compare: CompareAnswer }>> {
  return runQuery(documentOf([`compare${args(a)} { power { ...Ref } at rows { place { ...Ref } holders { ...HolderFields } } ${VERSION} }`], [REF, EV, COND, STEP, HOLDER]));
}

export function askTimeline(a: { case: string }): Promise<Asked<{ timeline: TimelineAnswer }>> {
  return runQuery(documentOf([`timeline${args(a)} { events { date endDate kind node { ...Ref } title titleZh nodeIds evidence { ...Ev } } ${VERSION} }`], [REF, EV]));
}

export function askSearch(a: { text: string; limit?: number }): Promise<Asked<{ search: SearchAnswer }>> {
  return runQuery(documentOf([`search${args(a)} { text hits { node { ...Ref } score matched successor { ...Ref } } ${VERSION} }`], [REF]));
}

const GRAPH = `nodes { id label name nameZh parent properties inactive unsourced } edges { id source target type layer properties inactive } at ${VERSION}`;

export function askCaseGraph(a: { case: string; at?: string }): Promise<Asked<{ caseGraph: GraphAnswer }>> {
  return runQuery(documentOf([`caseGraph${args(a)} { ${GRAPH} }`], []));
}

export function askNeighborhood(a: { id: string; depth?: number; at?: string }): Promise<Asked<{ neighborhood: GraphAnswer }>> {
  return runQuery(documentOf([`neighborhood${args(a)} { ${GRAPH} }`], []));
}

// The entity API (@neo4j/graphql), for lists and for the evidence of any node.

export interface NamedItem { id: string; name: string; nameZh: string; aliases?: string[] | null; pinyin?: string | null; level?: string | null }
export interface CaseItem { id: string; title: string; titleZh: string; summary?: string | null; summaryZh?: string | null }

export function askLists(caseId: string): Promise<Asked<{ dataVersion: number; powers: NamedItem[]; places: NamedItem[]; cases: CaseItem[] }>> {
  return runQuery(documentOf([
    'dataVersion',
    'powers(limit: 200) { id name nameZh aliases pinyin }',
    'places(limit: 200) { id name nameZh aliases pinyin level }',
    `cases(where: { id: { eq: ${JSON.stringify(caseId)} } }) { id title titleZh summary summaryZh }`,
  ], []));
}

export interface CitationEdge { properties: { quoteZh?: string | null; quote?: string | null; locator?: string | null }; node: EvidenceSource }

/** The citations of one node, by its type's plural in the entity API (from the model). */
export function askNodeEvidence(plural: string, id: string): Promise<Asked<Record<string, { id: string; evidenceConnection: { edges: CitationEdge[] } }[]>>> {
  return runQuery(documentOf([
    `${plural}(where: { id: { eq: ${JSON.stringify(id)} } }) { id evidenceConnection { edges { properties { quoteZh quote locator } node { id title titleEn outlet author publishedAt url kind } } } }`,
  ], []));
}

export function askSources(ids: string[]): Promise<Asked<{ sources: EvidenceSource[] }>> {
  return runQuery(documentOf([`sources(where: { id: { in: ${JSON.stringify(ids)} } }) { id title titleEn outlet author publishedAt url kind }`], []));
}
