// The rows whoCan.cypher returns (checked against the query by test/server/cypherRows.test.ts),
// and the stored shapes of conditions and their recorded outcomes.
import { type BodyFacts, type LawFacts, type Limit, type Tri } from './inForce.js';
import type { HoldingVia, Modality } from './types.js';

export interface InstrumentRow {
  id: string;
  officialId: string | null;
  /** The dates below are not in the query's row: judgeRows sets them from the law facts (instrumentRowOf). */
  effective?: boolean;
  from?: string | null;
  fromLast?: string | null;
  to?: string | null;
  toLast?: string | null;
}
export interface HigherRow {
  id: string;
  depth: number;
  officialId: string | null;
}
export interface ProvisionRow {
  id: string;
  text: string | null;
  textZh: string | null;
}
export interface SuccessionRow {
  from: string;
  to: string;
  on: string;
  onLast?: string | null;
  how: string;
  state?: number;
  citations: string | null;
  unsourced: boolean;
}
export interface AgentRow {
  id: string;
  body: BodyFacts;
  from: string | null;
  fromLast: string | null;
  to: string | null;
  toLast: string | null;
  basis: string | null;
  citations: string | null;
  unsourced: boolean;
  /** Set by judging: whether the relation covers D and the agent exists then. */
  covers?: Tri;
  exists?: Tri;
}
export interface DelegationRow {
  issuerId: string;
  issuer?: BodyFacts;
  law?: LawFacts;
  grantId: string;
  modality: string;
  powerId: string;
  placeId: string;
  note: string | null;
  basis?: string | null;
  provision: ProvisionRow;
  instrument: InstrumentRow;
  higher: HigherRow[];
}

export interface HoldingRow {
  bodyId: string;
  via: HoldingVia;
  grantId: string;
  modality: Modality;
  conditions: string | null;
  note: string | null;
  powerId: string;
  grantPlaceId: string;
  provision: ProvisionRow;
  instrument: InstrumentRow;
  higher: HigherRow[];
  bodyTypeId: string | null;
  jurisdictionId: string | null;
  successions: SuccessionRow[];
  basis?: string | null;
  typeLevel?: boolean;
  /** The facts the in-force rule reads (whoCan.cypher). */
  law: LawFacts;
  body: BodyFacts | null;
  delegations?: DelegationRow[];
  agents?: AgentRow[];
  /** Set by judging the row on D (judgeRows). */
  delegation?: DelegationRow | null;
  limits?: Limit[];
  grantState?: Tri;
  bodyState?: Tri;
}

/** A condition as stored in Grant.conditions and RESTRICTS.conditions (model.ts). */
export interface StoredCondition {
  kind: string;
  id?: string;
  param?: string;
  min?: number;
  max?: number;
  body?: string;
  description?: string;
  descriptionZh?: string;
}

/** A recorded outcome of a condition, as stored in Action.conditionsMet. */
export interface Outcome {
  condition?: string;
  kind?: string;
  met?: boolean | null;
  note?: string;
  noteZh?: string;
  evidence?: { source: string; quote?: string; quoteZh?: string; locator?: string }[];
}
