// The registry of finding kinds: each entry is one folder of ./ (its Cypher, its judgement,
// its wording) and the kinds of finding it gives. gaps.ts runs every entry for a case.
import type { Database } from '../../neo4j/database.js';
import { actorFindings } from './actorsOfActions/index.js';
import { conflictingFindings } from './conflictingAttribution/index.js';
import { disclaimedFindings } from './disclaimedAuthority/index.js';
import { dormantFindings } from './dormantPower/index.js';
import { heldUnlawfulFindings } from './heldUnlawful/index.js';
import type { GapKind, Question, Ranked } from './finding.js';
import type { HolderLookup } from './holderLookup.js';
import { prohibitedFindings } from './prohibitedAction/index.js';
import { referralFindings } from './referrals/index.js';
import { unattributedFindings } from './unattributedAction/index.js';

export interface KindResult {
  findings: Ranked[];
  /** True when an underlying list was cut at its limit. */
  incomplete?: boolean;
}

export interface FindingKindEntry {
  /** The folder under server/analyses/gaps/. */
  folder: string;
  kinds: readonly GapKind[];
  find(db: Database, question: Question, lookup: HolderLookup): Promise<KindResult>;
}

const findings = (p: Promise<Ranked[]>): Promise<KindResult> => p.then((f) => ({ findings: f }));

export const FINDING_KINDS: readonly FindingKindEntry[] = [
  {
    folder: 'actorsOfActions',
    kinds: ['UNAUTHORIZED_ACTION', 'AUTHORITY_VIA_PARENT_ONLY', 'CONDITION_NOT_MET'],
    find: (db, q, lookup) => findings(actorFindings(db, q, lookup)),
  },
  { folder: 'prohibitedAction', kinds: ['PROHIBITED_ACTION'], find: (db, q) => findings(prohibitedFindings(db, q)) },
  { folder: 'unattributedAction', kinds: ['UNATTRIBUTED_ACTION'], find: (db, q) => findings(unattributedFindings(db, q)) },
  { folder: 'disclaimedAuthority', kinds: ['DISCLAIMED_AUTHORITY'], find: (db, q, lookup) => findings(disclaimedFindings(db, q, lookup)) },
  { folder: 'conflictingAttribution', kinds: ['CONFLICTING_ATTRIBUTION'], find: (db, q) => findings(conflictingFindings(db, q)) },
  { folder: 'referrals', kinds: ['REFERRAL_LOOP', 'DEAD_END'], find: (db, q) => referralFindings(db, q) },
  { folder: 'dormantPower', kinds: ['DORMANT_POWER'], find: (db, q, lookup) => findings(dormantFindings(db, q, lookup)) },
  { folder: 'heldUnlawful', kinds: ['HELD_UNLAWFUL'], find: (db, q) => findings(heldUnlawfulFindings(db, q)) },
];
