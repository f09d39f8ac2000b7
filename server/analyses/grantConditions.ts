// Conditions of a grant (or added by a restriction) and their status: met, not met or
// unknown, from the caller's context or an action's recorded outcome.
import { citationEvidence, refOf, type DescribedNode } from './evidence.js';
import { storedJson } from './run.js';
import type { Condition, ConditionContext, ConditionStatus } from './types.js';

import type { StoredCondition, Outcome } from './holdingRows.js';

/** The conditions of a grant (or a restriction), each with its id: given, else `<owner>#<n>` (1-based). */
export function parseConditions(json: string | null | undefined, owner = ''): StoredCondition[] {
  const parsed = storedJson(json);
  const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : [];
  return list
    .map((c, n) => (c && typeof c === 'object' ? { ...(c as StoredCondition), id: (c as StoredCondition).id ?? `${owner}#${n + 1}` } : c))
    .filter((c): c is StoredCondition => typeof c?.kind === 'string');
}

/** The outcomes an action records (Action.conditionsMet). */
export function parseOutcomes(json: string | null | undefined): Outcome[] {
  const parsed = storedJson(json);
  return Array.isArray(parsed) ? parsed.filter((o): o is Outcome => !!o && typeof o === 'object') : [];
}

const LISTED_IN: Record<string, 'consents' | 'approvals' | 'procedures'> = { CONSENT: 'consents', APPROVAL: 'approvals', PROCEDURE: 'procedures' };

/** The recorded outcome that decides a condition: one naming its id, else a legacy one of its kind. */
export function outcomeOf(condition: StoredCondition, outcomes: Outcome[]): Outcome | undefined {
  return outcomes.find((o) => o.condition && o.condition === condition.id) ?? outcomes.find((o) => !o.condition && o.kind === condition.kind);
}

/**
 * Whether the caller's context meets a condition, in this order: `met` (by condition id),
 * the recorded outcomes of the context's `action`, a threshold's param compared with
 * min/max, and the legacy lists (consents, approvals, procedures: met when listed by body,
 * param, id or description). Anything nothing says is UNKNOWN; `met: null` is UNKNOWN too.
 */
export function conditionStatus(condition: StoredCondition, context: ConditionContext | null | undefined, outcomes: Outcome[] = []): ConditionStatus {
  const given = condition.id && context?.met && typeof context.met === 'object' ? context.met[condition.id] : undefined;
  if (typeof given === 'boolean') return given ? 'MET' : 'NOT_MET';
  const recorded = outcomeOf(condition, outcomes);
  if (recorded && typeof recorded.met === 'boolean') return recorded.met ? 'MET' : 'NOT_MET';
  if (!context) return 'UNKNOWN';
  if (condition.kind === 'THRESHOLD') {
    const raw = condition.param ? context[condition.param] : undefined;
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(value)) return 'UNKNOWN';
    const aboveMin = condition.min === undefined || condition.min === null || value >= condition.min;
    const belowMax = condition.max === undefined || condition.max === null || value <= condition.max;
    return aboveMin && belowMax ? 'MET' : 'NOT_MET';
  }
  const key = LISTED_IN[condition.kind];
  const listed = key ? context[key] : undefined;
  if (!Array.isArray(listed)) return 'UNKNOWN';
  const names = [condition.body, condition.param, condition.id, condition.description, condition.descriptionZh].filter(Boolean);
  return listed.some((entry) => names.includes(String(entry))) ? 'MET' : 'UNKNOWN';
}

export function conditionOf(
  c: StoredCondition,
  from: Condition['from'],
  context: ConditionContext | null | undefined,
  outcomes: Outcome[],
  described: Map<string, DescribedNode>,
): Condition {
  const status = conditionStatus(c, context, outcomes);
  const recorded = context?.met?.[c.id ?? ''] === undefined ? outcomeOf(c, outcomes) : undefined;
  const decided = recorded && typeof recorded.met === 'boolean';
  return {
    id: c.id ?? '',
    from,
    kind: c.kind,
    param: c.param ?? null,
    min: c.min ?? null,
    max: c.max ?? null,
    body: c.body ? refOf(described, c.body, 'Body') : null,
    description: c.description ?? null,
    descriptionZh: c.descriptionZh ?? null,
    status,
    outcomeNote: decided ? (recorded.note ?? null) : null,
    outcomeNoteZh: decided ? (recorded.noteZh ?? null) : null,
    evidence: decided && recorded.evidence?.length ? citationEvidence(JSON.stringify(recorded.evidence), false, described) : [],
  };
}
