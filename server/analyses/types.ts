// The shapes the analyses answer with: the contract's types, generated from
// server/graphql/questions.graphql by `npm run codegen` (server/generated/contract.ts), less
// the data version and time the resolvers add. Only what the contract leaves open (kinds it
// writes as a String) is narrowed here, and what only the analyses use is declared here.
// Dates are strings written at their precision.
import type * as C from '../generated/contract.js';

export type {
  NodeRef,
  EvidenceSource,
  Evidence,
  Basis,
  Reading,
  HoldingVia,
  Modality,
  ActorRole,
  Verdict,
  ConditionStatus,
  Actor,
  ActionResult,
} from '../generated/contract.js';

/** An answer as an analysis computes it: the resolver adds the data version and the time. */
type Computed<T> = Omit<T, 'dataVersion' | 'computedAt'>;

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

export type ChainStep = Omit<C.ChainStep, 'kind'> & { kind: ChainStepKind };

export type ConditionKind = 'THRESHOLD' | 'CONSENT' | 'APPROVAL' | 'PROCEDURE';

/** A condition: its id is given in the bundle, else `<grantId>#<n>`; `from` says whether the grant sets it or a restricting provision adds it. */
export type Condition = Omit<C.Condition, 'from' | 'kind'> & { from: 'GRANT' | 'RESTRICTION'; kind: ConditionKind | string };

/** A holder; `grantId` (the grant the holding rests on) is always known to the analyses. */
export type Holder = Omit<C.Holder, 'chain' | 'conditions' | 'grantId'> & { chain: ChainStep[]; conditions: Condition[]; grantId: string };

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

export type WhoCanAnswer = Omit<Computed<C.WhoCanAnswer>, 'holders' | 'excludedByContext' | 'context'> & {
  holders: Holder[];
  /** Holders whose grant has a condition NOT_MET under the supplied context: the law is honoured, so they do not hold it here. */
  excludedByContext: Holder[];
  context: ConditionContext | null;
};

export type WhoDidAnswer = Computed<C.WhoDidAnswer>;

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

export type MissingLink = Omit<C.MissingLink, 'kind'> & { kind: MissingLinkKind };

export type ExplainAnswer = Omit<Computed<C.ExplainAnswer>, 'chain' | 'conditions' | 'missingLink'> & {
  chain: ChainStep[];
  conditions: Condition[];
  missingLink: MissingLink | null;
};

export interface CompareRow {
  place: C.NodeRef;
  holders: Holder[];
}

export type CompareAnswer = Omit<Computed<C.CompareAnswer>, 'rows'> & { rows: CompareRow[] };
