// The shapes the analyses answer with, mirroring server/graphql/questions.graphql (the
// contract). Dates are YYYY-MM-DD strings. Import these instead of redeclaring them.

/** A short reference to any node, with its names in both languages. */
export interface NodeRef {
  id: string;
  /** Model label: Body, BodyType, Person, Place, Power, Instrument, Provision, Grant, Action, Statement, Source, Case, Group. */
  label: string;
  name: string | null;
  nameZh: string | null;
}

export interface EvidenceSource {
  id: string;
  title: string;
  titleEn: string | null;
  outlet: string;
  author: string | null;
  publishedAt: string | null;
  url: string | null;
  kind: string | null;
}

/** One quote that supports a fact, or an editor's assertion without a source (`unsourced: true`). */
export interface Evidence {
  /** The passage as the source prints it: quoteZh when there is one, else quote. */
  quote: string | null;
  quoteZh: string | null;
  /** The English passage (a gist for a Chinese source). */
  quoteEn: string | null;
  locator: string | null;
  source: EvidenceSource;
  unsourced: boolean;
}

export type ChainStepKind =
  | 'GRANT'
  | 'PROVISION'
  | 'INSTRUMENT'
  | 'IMPLEMENTS'
  | 'BODY_TYPE'
  | 'SUCCESSION'
  | 'DELEGATION'
  // Law that changes law, and who answers through whom:
  | 'REPEAL'
  | 'AMENDMENT'
  | 'RESTRICTION'
  | 'HOLDING'
  | 'ACTS_FOR'
  | 'POSITION';

/** How a claim is known: said by a source, an editor's reading of one, or inferred by an analysis. Weakest last. */
export type Basis = 'STATED' | 'EDITOR_READING' | 'INFERRED';

/** The reading of the law: as it stood on the date, or with every later holding applied. */
export type Reading = 'AS_IT_STOOD' | 'AS_LATER_HELD';

export interface ChainStep {
  kind: ChainStepKind;
  node: NodeRef;
  text: string | null;
  textZh: string | null;
  evidence: Evidence[];
  basis: Basis;
}

export type ConditionKind = 'THRESHOLD' | 'CONSENT' | 'APPROVAL' | 'PROCEDURE';
export type ConditionStatus = 'MET' | 'NOT_MET' | 'UNKNOWN';

export interface Condition {
  /** The condition's id (given in the bundle, else `<grantId>#<n>`). */
  id: string;
  /** Whether the grant itself sets it (GRANT) or a provision restricting the grant adds it (RESTRICTION). */
  from: 'GRANT' | 'RESTRICTION';
  kind: ConditionKind | string;
  param: string | null;
  min: number | null;
  max: number | null;
  body: NodeRef | null;
  description: string | null;
  descriptionZh: string | null;
  status: ConditionStatus;
  /** What decided the status when a recorded outcome did (context `action`): its note and evidence. */
  outcomeNote: string | null;
  outcomeNoteZh: string | null;
  evidence: Evidence[];
}

export type HoldingVia = 'DIRECT' | 'BY_TYPE' | 'BY_SUCCESSION' | 'BY_DELEGATION' | 'ACTING_FOR';
export type Modality = 'POWER' | 'DUTY' | 'PERMISSION' | 'PROHIBITION';

export interface Holder {
  body: NodeRef;
  via: HoldingVia;
  modality: Modality;
  /** The power the grant names (the asked one or a narrower one). */
  power: NodeRef;
  grantPlace: NodeRef | null;
  conditions: Condition[];
  note: string | null;
  noteZh: string | null;
  chain: ChainStep[];
  /** Id of the grant the holding rests on (not in the GraphQL contract; handy for callers). */
  grantId: string;
  /** The weakest basis of the chain's steps. */
  basis: Basis;
  /** A grant to a type of body of which the case records no body for the place: `body` is the type. */
  typeLevel: boolean;
  /** True when the holding depends on where inside an imprecise date the real day falls. */
  dateUncertain: boolean;
  uncertainty: string | null;
  uncertaintyZh: string | null;
  /** When whoCan was asked about a person: the body of the position through which the person holds it (`body` is the person). */
  through?: NodeRef | null;
}

/** What the caller knows about the case at hand, against which conditions are evaluated. */
export interface ConditionContext {
  /** Values of THRESHOLD params, e.g. { batchSize: 1317 }. */
  [param: string]: unknown;
  /** Ids of the bodies whose consent was given. */
  consents?: string[];
  /** Ids of the bodies whose approval was given. */
  approvals?: string[];
  /** Procedures followed: a condition's param, id or description. */
  procedures?: string[];
  /** An action id: its recorded outcomes (conditionsMet) decide the conditions they name. */
  action?: string;
  /** Conditions known to be met (true) or not (false), by condition id. */
  met?: Record<string, boolean>;
}

export interface WhoCanAnswer {
  power: NodeRef;
  place: NodeRef | null;
  at: string;
  reading: Reading;
  context: ConditionContext | null;
  holders: Holder[];
  /** Holders whose grant has a condition NOT_MET under the supplied context: the law is honoured, so they do not hold it here. */
  excludedByContext: Holder[];
  /** The holder asked about (a body, or a person answered through the positions held on the date), when one was. */
  holder: NodeRef | null;
  /** The bodies that holder answers through on the date: the body itself, or the person's positions (acting and interim ones included). */
  holderBodies: NodeRef[];
  incomplete: boolean;
}

export type ActorRole = 'DECIDED' | 'EXECUTED' | 'REQUESTED' | 'COMMUNICATED';

export interface Actor {
  who: NodeRef;
  role: ActorRole;
  /** How the actor's part is known (PERFORMED_BY.basis). */
  basis: 'STATED' | 'EDITOR_READING' | 'INFERRED';
  through: NodeRef | null;
  position: string | null;
  positionZh: string | null;
  evidence: Evidence[];
}

export interface ActionResult {
  id: string;
  summary: string;
  summaryZh: string;
  affectedCount: number | null;
  /** Written at its precision: '2022-06-13', '2022-06' or '2022'. */
  startedAt: string;
  endedAt: string | null;
  /** When the dates are imprecise and the action may fall outside the asked period, a sentence saying so. */
  dateUncertain: string | null;
  dateUncertainZh: string | null;
  purpose: string | null;
  /** What readers see for the purpose: its Term's label, never the slug. */
  purposeLabel: string | null;
  purposeLabelZh: string | null;
  /** The weakest basis of the purpose and the actors; the words say which is a reading. */
  basis: 'STATED' | 'EDITOR_READING' | 'INFERRED';
  basisNote: string | null;
  basisNoteZh: string | null;
  place: NodeRef | null;
  powers: NodeRef[];
  actors: Actor[];
  evidence: Evidence[];
}

export interface WhoDidAnswer {
  power: NodeRef;
  place: NodeRef | null;
  from: string | null;
  to: string | null;
  actions: ActionResult[];
  incomplete: boolean;
}

export type Verdict = 'HOLDS' | 'DOES_NOT_HOLD' | 'CONDITIONAL' | 'UNKNOWN';
export type MissingLinkKind =
  | 'NO_GRANT'
  | 'NOT_YET_IN_FORCE'
  | 'NO_LONGER_IN_FORCE'
  | 'WRONG_PLACE'
  | 'PARENT_ONLY'
  | 'CONDITION_UNMET'
  | 'BODY_NOT_EXISTING'
  | 'NO_INFORMATION'
  | 'REPEALED'
  | 'AMENDED'
  | 'SUSPENDED'
  | 'HELD_INVALID'
  | 'DATE_UNCERTAIN'
  | 'NO_POSITION';

export interface MissingLink {
  kind: MissingLinkKind;
  explanation: string;
  explanationZh: string;
  nodeIds: string[];
}

export interface ExplainAnswer {
  /** The subject asked about: a body, or a person answered through the bodies of their positions. */
  body: NodeRef;
  power: NodeRef;
  place: NodeRef | null;
  at: string;
  reading: Reading;
  /** For a person, or a body acting for another, or a renamed body: the body through which the answer holds. */
  through: NodeRef | null;
  /** The weakest basis of the chain (INFERRED for a conclusion drawn from absence). */
  basis: Basis;
  dateUncertain: boolean;
  uncertainty: string | null;
  uncertaintyZh: string | null;
  verdict: Verdict;
  holds: boolean;
  reason: string;
  reasonZh: string;
  chain: ChainStep[];
  conditions: Condition[];
  missingLink: MissingLink | null;
  /** How the body holds it, when it does (or would under its conditions). */
  via: HoldingVia | null;
  incomplete: boolean;
}

export interface CompareRow {
  place: NodeRef;
  holders: Holder[];
}

export interface CompareAnswer {
  power: NodeRef;
  at: string;
  rows: CompareRow[];
  incomplete: boolean;
}
