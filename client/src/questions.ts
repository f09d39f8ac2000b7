// The questions the explorer asks. Their documents and types are generated from
// client/src/operations.graphql against the served schema (`npm run codegen`): this module
// only names the shapes the explorer passes around and sends the documents. Values are
// written into each document before it is sent, so what "Query behind this answer" shows is
// exactly what was sent, complete on its own.
import { runQuery, type Asked } from './api';
import { inlined, literal } from './inline';
import * as Op from './generated/operations';

export type { Basis, GapKind, Severity, Stance, Verdict, HoldingVia, Modality, ActorRole, ConditionStatus, Reading } from './generated/operations';
export type NodeRef = Op.RefFragment;
export type Evidence = Op.EvFragment;
export type EvidenceSource = Evidence['source'];
export type Condition = Op.CondFragment;
export type ChainStep = Op.StepFragment;
export type Holder = Op.HolderFieldsFragment;
export type ActionResult = Op.ActionFieldsFragment;
export type Actor = ActionResult['actors'][number];
export type Finding = Op.FindingFieldsFragment;
export type StatementResult = Op.StatementFieldsFragment;
export type WhoCanAnswer = Op.WhoCanQuery['whoCan'];
export type WhoDidAnswer = Op.WhoDidQuery['whoDid'];
export type GapsAnswer = Op.GapsQuery['gaps'];
export type ExplainAnswer = Op.ExplainQuery['explain'];
export type MissingLink = NonNullable<ExplainAnswer['missingLink']>;
export type CompareAnswer = Op.CompareQuery['compare'];
export type AccountabilityAnswer = Op.AccountabilityQuery['accountability'];
export type StanceCount = AccountabilityAnswer['stances'][number];
export type ReferralAnswer = Op.ReferralPathsQuery['referralPaths'];
export type ReferralPath = ReferralAnswer['paths'][number];
export type ReferralStep = ReferralPath['steps'][number];
export type TimelineAnswer = Op.TimelineQuery['timeline'];
export type TimelineEvent = TimelineAnswer['events'][number];
export type SearchAnswer = Op.SearchQuery['search'];
export type SearchHit = SearchAnswer['hits'][number];
export type GraphAnswer = Op.GraphFieldsFragment;
export type GraphNode = GraphAnswer['nodes'][number];
export type GraphEdge = GraphAnswer['edges'][number];
export type NamedItem = Op.ListsQuery['powers'][number] & { level?: string | null };
export type CaseItem = Op.ListsQuery['cases'][number];
export interface Versioned {
  dataVersion: number;
  computedAt: string;
  incomplete: boolean;
}

/** One operation to send, with its variables. */
interface Asking {
  op: Op.Operation<unknown, unknown>;
  variables: Record<string, unknown>;
}
const asking = <A, V extends Record<string, unknown>>(op: Op.Operation<A, V>, variables: V): Asking => ({ op, variables });

/**
 * Asks each operation in its own request (each stays under the cost limit); the answer
 * shows them as one document. The first operation is the question itself and its failure
 * fails the answer; a later one that fails is left out, its error kept in `failed`.
 */
async function ask<T>(ops: Asking[]): Promise<Asked<T> & { failed: Record<string, unknown> }> {
  const documents = ops.map((o) => inlined(o.op.document, o.variables));
  const settled = await Promise.allSettled(documents.map((d) => runQuery<Record<string, unknown>>(d)));
  if (settled[0].status === 'rejected') throw settled[0].reason;
  const failed: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  settled.forEach((r, i) => {
    if (r.status === 'fulfilled') Object.assign(data, r.value.data);
    else failed[ops[i].op.name] = r.reason;
  });
  return { data: data as T, query: documents.join('\n'), failed };
}

export interface WhoCanCard {
  whoCan: WhoCanAnswer;
  whoDid?: WhoDidAnswer;
  gaps?: GapsAnswer;
}

/** "Who can [power] in [place] on [date]?", with what was done there and the case's findings. */
export function askWhoCan(a: { power: string; place?: string; at?: string; case: string }): Promise<Asked<WhoCanCard>> {
  // The date governs the whole card: what was done up to it, and the findings as of it.
  return ask([
    asking(Op.WhoCan, { power: a.power, place: a.place, at: a.at }),
    asking(Op.WhoDid, { power: a.power, place: a.place, to: a.at }),
    asking(Op.Gaps, { case: a.case, at: a.at }),
  ]);
}

export interface WhoDidCard {
  whoDid: WhoDidAnswer;
  gaps?: GapsAnswer;
}

export function askWhoDid(a: { power: string; place?: string; from?: string; to?: string; case: string }): Promise<Asked<WhoDidCard>> {
  return ask([asking(Op.WhoDid, { power: a.power, place: a.place, from: a.from, to: a.to }), asking(Op.Gaps, { case: a.case })]);
}

export interface WhoSaysCard {
  accountability: AccountabilityAnswer;
  referralPaths?: ReferralAnswer;
}

export function askWhoSays(a: { power: string; case: string }): Promise<Asked<WhoSaysCard>> {
  return ask([asking(Op.Accountability, { case: a.case, power: a.power }), asking(Op.ReferralPaths, { case: a.case, power: a.power })]);
}

export type StoryAnswer = Op.StoryQuery['story'];
/** The three answers the story view draws its bands from. */
export type StoryAnswers = Pick<StoryAnswer, 'whoCan' | 'whoDid' | 'accountability'>;

/** What the story view draws, chosen from the findings on the server: the lead action, its power, place and date, who could, who did, who says (asked with gaps, not after it). */
export function askStory(a: { case: string }): Promise<Asked<Op.StoryQuery>> {
  return ask([asking(Op.Story, a)]);
}

export function askGaps(a: { case: string; at?: string }): Promise<Asked<Op.GapsQuery>> {
  return ask([asking(Op.Gaps, a)]);
}

export function askExplain(a: { body: string; power: string; at?: string }): Promise<Asked<Op.ExplainQuery>> {
  return ask([asking(Op.Explain, a)]);
}

export function askCompare(a: { power: string; places: string[]; at?: string }): Promise<Asked<Op.CompareQuery>> {
  return ask([asking(Op.Compare, a)]);
}

export function askTimeline(a: { case: string }): Promise<Asked<Op.TimelineQuery>> {
  return ask([asking(Op.Timeline, a)]);
}

export function askSearch(a: { text: string; limit?: number }): Promise<Asked<Op.SearchQuery>> {
  return ask([asking(Op.Search, a)]);
}

export function askCaseGraph(a: { case: string; at?: string }): Promise<Asked<Op.CaseGraphQuery>> {
  return ask([asking(Op.CaseGraph, a)]);
}

export function askNeighborhood(a: { id: string; depth?: number; at?: string }): Promise<Asked<Op.NeighborhoodQuery>> {
  return ask([asking(Op.Neighborhood, a)]);
}

/** The pickers' lists and every case (the case picker and the introduction read them). */
export function askLists(): Promise<Asked<Op.ListsQuery>> {
  return ask([asking(Op.Lists, {})]);
}

export function askSources(ids: string[]): Promise<Asked<Op.SourcesQuery>> {
  return ask([asking(Op.Sources, { ids })]);
}

// The evidence of any node, from the entity API: its root field is the plural of the node's
// label (from the model), so this one document is built here rather than declared.

export interface CitationEdge {
  properties: { quoteZh?: string | null; quote?: string | null; locator?: string | null };
  node: EvidenceSource;
}

/** The citations of one node, by its type's plural in the entity API (from the model). */
export function askNodeEvidence(
  plural: string,
  id: string,
): Promise<Asked<Record<string, { id: string; evidenceConnection: { edges: CitationEdge[] } }[]>>> {
  const document = `query Evidence {\n  ${plural}(where: { id: { eq: ${literal(id)} } }) { id evidenceConnection { edges { properties { quoteZh quote locator } node { id title titleEn outlet author publishedAt url kind } } } }\n}\n`;
  return runQuery(document);
}
