// Conditions and their recorded outcomes, checked beyond what the JSON Schema can say (it
// only knows that `conditions` and `conditionsMet` are maps or lists):
//
//   Condition, in Grant.conditions and in Provision.restricts[].conditions:
//     { id?, kind: THRESHOLD|CONSENT|APPROVAL|PROCEDURE, param?, min?, max?, body?, description?, descriptionZh? }
//   Outcome, in Action.conditionsMet:
//     { condition?, kind? (older bundles), met: true|false|null, note?, noteZh?, evidence? }
//
// A condition written without an id gets one: `<grantId>#<n>` for the n-th condition of a
// grant, `<provisionId>#<n>` for the n-th condition a provision's restrictions add (counted
// across its `restricts` in order), both 1-based. An outcome names the condition it is
// about; the condition must belong to a grant (or a restriction of a grant) of a power the
// action exercised, or of a broader or narrower one, since only those could have been met.
import { CONDITION_KINDS } from '../model/model.js';
import { bundleRelations, referencesOf, type BundleItem } from './bundleShape.js';
import { ID_PATTERN } from './jsonSchema.js';
import { pathText, type ProblemCode } from './problem.js';
import { closest } from './spelling.js';
import type { ExistingIds } from './validate.js';

import { checkOutcomes, powerFamilies } from './outcomes.js';
export type Segments = (string | number)[];
export type Report = (at: Segments, code: ProblemCode, message: string, lineAt?: Segments) => void;

export const CONDITION_FIELDS = ['id', 'kind', 'param', 'min', 'max', 'body', 'description', 'descriptionZh'] as const;
export const OUTCOME_FIELDS = ['condition', 'kind', 'met', 'note', 'noteZh', 'evidence'] as const;
export const CITATION_FIELDS = ['source', 'quote', 'quoteZh', 'locator'];

/** The id of a condition written without one: the n-th (1-based) of its grant or restricting provision. */
export function defaultConditionId(ownerId: string, n: number): string {
  return `${ownerId}#${n}`;
}

/** One condition of the bundle, with the id it goes by. */
export interface BundleCondition {
  id: string;
  /** The id was written, not defaulted. */
  written: boolean;
  kind: unknown;
  /** The grant it conditions: the grant's own, or the grant a restriction adds it to. */
  grantId: string;
  /** Set for a condition a provision's restriction adds. */
  provisionId?: string;
  value: Record<string, unknown>;
  at: Segments;
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A json list field as entries with their paths; a single map counts as a list of one. */
export function entriesOf(value: unknown, at: Segments): [unknown, Segments][] {
  if (Array.isArray(value)) return value.map((v, i) => [v, [...at, i]]);
  if (isMap(value)) return [[value, at]];
  return [];
}

export function idOf(reference: unknown): string | undefined {
  if (typeof reference === 'string') return reference;
  if (isMap(reference) && typeof reference.id === 'string') return reference.id;
  return undefined;
}

/** Every condition written in the bundle, grants' first, each with its id. */
export function bundleConditions(items: BundleItem[]): BundleCondition[] {
  const conditions: BundleCondition[] = [];
  for (const { spec, item, at } of items) {
    if (spec.label === 'Grant') {
      entriesOf(item.conditions, [...at, 'conditions']).forEach(([value, where], i) => {
        if (!isMap(value)) return;
        const written = typeof value.id === 'string';
        conditions.push({
          id: written ? (value.id as string) : defaultConditionId(item.id as string, i + 1),
          written,
          kind: value.kind,
          grantId: item.id as string,
          value,
          at: where,
        });
      });
    }
    if (spec.label === 'Provision') {
      const restricts = bundleRelations('Provision').find((r) => r.type === 'RESTRICTS');
      if (!restricts) continue;
      let n = 0;
      for (const ref of referencesOf(item, restricts)) {
        for (const [value, where] of entriesOf(ref.properties.conditions, [...at, ...ref.at, 'conditions'])) {
          if (!isMap(value)) continue;
          n += 1;
          const written = typeof value.id === 'string';
          conditions.push({
            id: written ? (value.id as string) : defaultConditionId(item.id as string, n),
            written,
            kind: value.kind,
            grantId: ref.id,
            provisionId: item.id as string,
            value,
            at: where,
          });
        }
      }
    }
  }
  return conditions;
}

// ---------------------------------------------------------------- the checks

export function checkConditions(items: BundleItem[], existing: ExistingIds | undefined, report: Report): void {
  const labels = new Map<string, { label: string; at: Segments }>();
  for (const { spec, item, at } of items) if (!labels.has(item.id as string)) labels.set(item.id as string, { label: spec.label, at });
  const conditions = bundleConditions(items);
  checkConditionShapes(items, report);
  checkConditionIds(conditions, labels, report);
  for (const c of conditions) checkConditionBody(c, labels, existing, report);
  const powers = powerFamilies(items);
  const grantPower = new Map<string, string>();
  for (const { spec, item } of items) {
    const power = spec.label === 'Grant' ? idOf(item.power) : undefined;
    if (power) grantPower.set(item.id as string, power);
  }
  for (const entry of items) {
    if (entry.spec.label === 'Action') checkOutcomes(entry, conditions, grantPower, powers, labels, report);
  }
}

export function unknownFields(value: Record<string, unknown>, known: readonly string[], what: string, at: Segments, report: Report) {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const guess = closest(key, known);
    report([...at, key], 'UNKNOWN_FIELD', `${what} has no field ${key}. ${guess ? `Did you mean ${guess}?` : `Its fields are ${known.join(', ')}.`}`);
  }
}

export function kindProblem(kind: unknown, at: Segments, report: Report): boolean {
  if (typeof kind === 'string' && (CONDITION_KINDS as readonly string[]).includes(kind)) return false;
  const guess = typeof kind === 'string' ? closest(kind, CONDITION_KINDS) : undefined;
  report(
    [...at, 'kind'],
    'BAD_ENUM',
    `kind is ${typeof kind === 'string' ? `"${kind}"` : describe(kind)}, which is not one of ${CONDITION_KINDS.join(', ')}.${guess ? ` Did you mean ${guess}?` : ''}`,
  );
  return true;
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `text ("${value}")`;
  return String(value);
}

const CONDITION_EXAMPLE = '{ id: senate-consent, kind: CONSENT, body: BODY_ID, description: ... }';

/** Each condition is a map of the known fields, with a kind and values of the right sort. */
function checkConditionShapes(items: BundleItem[], report: Report) {
  for (const { spec, item, at } of items) {
    const lists: [unknown, Segments][] = [];
    if (spec.label === 'Grant') lists.push([item.conditions, [...at, 'conditions']]);
    if (spec.label === 'Provision') {
      const restricts = bundleRelations('Provision').find((r) => r.type === 'RESTRICTS');
      for (const ref of restricts ? referencesOf(item, restricts) : []) lists.push([ref.properties.conditions, [...at, ...ref.at, 'conditions']]);
    }
    for (const [list, listAt] of lists) {
      for (const [value, where] of entriesOf(list, listAt)) {
        if (!isMap(value)) {
          report(where, 'WRONG_TYPE', `A condition must be a map such as ${CONDITION_EXAMPLE}, not ${describe(value)}.`);
          continue;
        }
        unknownFields(value, CONDITION_FIELDS, 'A condition', where, report);
        if (value.kind === undefined)
          report([...where, 'kind'], 'MISSING_FIELD', `This condition has no kind, which is required: one of ${CONDITION_KINDS.join(', ')}.`, where);
        else kindProblem(value.kind, where, report);
        for (const key of ['id', 'param', 'body', 'description', 'descriptionZh']) {
          if (value[key] !== undefined && (typeof value[key] !== 'string' || value[key] === ''))
            report([...where, key], 'WRONG_TYPE', `${key} must be text, not ${describe(value[key])}.`);
        }
        for (const key of ['min', 'max']) {
          if (value[key] !== undefined && typeof value[key] !== 'number')
            report([...where, key], 'WRONG_TYPE', `${key} must be a number, not ${describe(value[key])}.`);
        }
        if (value.kind === 'THRESHOLD' && (typeof value.param !== 'string' || (value.min === undefined && value.max === undefined))) {
          report(
            where,
            'MISSING_FIELD',
            'A THRESHOLD condition needs param (what is counted, e.g. votesFor) and min or max (the bounds, inclusive).',
          );
        }
        if (typeof value.min === 'number' && typeof value.max === 'number' && value.min > value.max) {
          report([...where, 'max'], 'WRONG_TYPE', `max (${value.max}) is below min (${value.min}): no value could meet this condition.`);
        }
      }
    }
  }
}

function checkConditionIds(conditions: BundleCondition[], labels: Map<string, { label: string; at: Segments }>, report: Report) {
  const first = new Map<string, BundleCondition>();
  for (const c of conditions) {
    if (c.written) {
      if (typeof c.value.id !== 'string' || c.value.id === '') continue; // reported as WRONG_TYPE
      if (!new RegExp(ID_PATTERN).test(c.id)) {
        report(
          [...c.at, 'id'],
          'BAD_ID',
          `id "${c.id}" is not a valid id: use lowercase letters and digits in words joined by dots or hyphens (e.g. senate-consent).`,
        );
        continue;
      }
      const node = labels.get(c.id);
      if (node) {
        report(
          [...c.at, 'id'],
          'DUPLICATE_ID',
          `The condition id "${c.id}" is already the id of ${pathText(node.at)} (a ${node.label}); ids must be unique across the bundle.`,
        );
        continue;
      }
    }
    const earlier = first.get(c.id);
    if (earlier) {
      report(
        c.written ? [...c.at, 'id'] : c.at,
        'DUPLICATE_ID',
        `The condition id "${c.id}" is already used by ${pathText(earlier.at)}; condition ids must be unique across the bundle.`,
      );
    } else {
      first.set(c.id, c);
    }
  }
}

function checkConditionBody(
  c: BundleCondition,
  labels: Map<string, { label: string; at: Segments }>,
  existing: ExistingIds | undefined,
  report: Report,
) {
  const body = c.value.body;
  if (typeof body !== 'string' || body === '') return;
  const here = labels.get(body);
  if (here?.label === 'Body' || existing?.get('Body')?.has(body)) return;
  const at = [...c.at, 'body'];
  if (here) {
    report(
      at,
      'WRONG_TARGET_TYPE',
      `body points at "${body}", which is a ${here.label}; a condition's body must be a Body (whose consent or approval is needed).`,
    );
    return;
  }
  const bodies = [...labels].filter(([, v]) => v.label === 'Body').map(([id]) => id);
  const guess = closest(body, bodies);
  report(
    at,
    'DANGLING_REFERENCE',
    `body points at "${body}", but no Body has that id in this bundle${existing ? ' or the database' : ''}.${guess ? ` Did you mean ${guess}?` : ''}`,
  );
}
