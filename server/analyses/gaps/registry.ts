// The registry of finding kinds: each entry is one folder of ./ (its Cypher, its judgement,
// its wording) and the kinds of finding it gives. gaps.ts runs every entry for a case, in one
// or more readings at once: a kind whose answer does not depend on the reading computes it once.
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
  /**
   * True for a kind whose every finding is about one action (found through it): it is asked
   * about some of the case's actions (`actions`: all of them, or one batch), and two batches
   * never give findings with the same id. The others read the whole case and ignore `actions`.
   */
  perAction: boolean;
  /**
   * The findings in the reading of each lookup (one HolderLookup per reading asked), in their
   * order; `question.reading` is the first of them. The results may share findings: the caller
   * copies them before changing one.
   */
  find(db: Database, question: Question, lookups: HolderLookup[], actions: string[]): Promise<KindResult[]>;
}

/** A kind that does not depend on the reading: computed once, the same for each. */
const once = (lookups: HolderLookup[], p: Promise<KindResult>): Promise<KindResult[]> => p.then((r) => lookups.map(() => r));
const each = (p: Promise<Ranked[][]>): Promise<KindResult[]> => p.then((all) => all.map((f) => ({ findings: f })));
const findings = (p: Promise<Ranked[]>): Promise<KindResult> => p.then((f) => ({ findings: f }));

// A finding's id starts with its kind, and each kind is given by one entry: two entries never
// give the same id, so the order of the entries decides nothing but the order of work.
export const FINDING_KINDS: readonly FindingKindEntry[] = [
  {
    folder: 'actorsOfActions',
    kinds: ['UNAUTHORIZED_ACTION', 'AUTHORITY_VIA_PARENT_ONLY', 'CONDITION_NOT_MET'],
    perAction: true,
    find: (db, q, lookups, actions) => each(actorFindings(db, q, lookups, actions)),
  },
  {
    folder: 'prohibitedAction',
    kinds: ['PROHIBITED_ACTION'],
    perAction: true,
    find: (db, q, lookups, actions) => once(lookups, findings(prohibitedFindings(db, q, actions))),
  },
  {
    folder: 'unattributedAction',
    kinds: ['UNATTRIBUTED_ACTION'],
    perAction: true,
    find: (db, q, lookups, actions) => once(lookups, findings(unattributedFindings(db, q, actions))),
  },
  {
    folder: 'disclaimedAuthority',
    kinds: ['DISCLAIMED_AUTHORITY'],
    perAction: false,
    find: (db, q, lookups) => each(disclaimedFindings(db, q, lookups)),
  },
  {
    folder: 'conflictingAttribution',
    kinds: ['CONFLICTING_ATTRIBUTION'],
    perAction: false,
    find: (db, q, lookups) => once(lookups, findings(conflictingFindings(db, q))),
  },
  { folder: 'referrals', kinds: ['REFERRAL_LOOP', 'DEAD_END'], perAction: false, find: (db, q, lookups) => once(lookups, referralFindings(db, q)) },
  { folder: 'dormantPower', kinds: ['DORMANT_POWER'], perAction: false, find: (db, q, lookups) => each(dormantFindings(db, q, lookups)) },
  {
    folder: 'heldUnlawful',
    kinds: ['HELD_UNLAWFUL'],
    perAction: true,
    // Which holdings count depends on the reading: asked in each.
    find: (db, q, lookups, actions) => Promise.all(lookups.map((l) => findings(heldUnlawfulFindings(db, { ...q, reading: l.reading }, actions)))),
  },
];
