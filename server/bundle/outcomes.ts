// The recorded outcomes of an action's conditions (conditionsMet): each must name a condition of a grant the action could rest on, with met true, false or null, and its evidence.
import { CONDITION_KINDS } from '../model/model.js';
import { type BundleItem } from './bundleShape.js';
import { closest } from './spelling.js';

import {
  Segments,
  Report,
  OUTCOME_FIELDS,
  CITATION_FIELDS,
  BundleCondition,
  isMap,
  entriesOf,
  idOf,
  unknownFields,
  kindProblem,
  describe,
} from './conditions.js';

/** For each power of the bundle, itself with every power broader and narrower than it. */
export function powerFamilies(items: BundleItem[]): (power: string) => Set<string> {
  const broader = new Map<string, string>();
  for (const { spec, item } of items) {
    const parent = spec.label === 'Power' ? idOf(item.narrowerThan) : undefined;
    if (parent) broader.set(item.id as string, parent);
  }
  const ancestors = (power: string) => {
    const line = [power];
    for (let p = broader.get(power); p && !line.includes(p); p = broader.get(p)) line.push(p);
    return line;
  };
  return (power) => {
    const family = new Set(ancestors(power));
    for (const other of broader.keys()) if (ancestors(other).includes(power)) family.add(other);
    return family;
  };
}

export function exercisedOf(item: Record<string, unknown>): string[] {
  const exercised = item.exercised;
  const list = Array.isArray(exercised) ? exercised : exercised === undefined ? [] : [exercised];
  return list.map(idOf).filter((id): id is string => id !== undefined);
}

export function checkOutcomes(
  { item, at }: BundleItem,
  conditions: BundleCondition[],
  grantPower: Map<string, string>,
  family: (power: string) => Set<string>,
  labels: Map<string, { label: string; at: Segments }>,
  report: Report,
) {
  if (item.conditionsMet === undefined || item.conditionsMet === null) return;
  const exercised = exercisedOf(item);
  const related = new Set(exercised.flatMap((p) => [...family(p)]));
  const applicable = conditions.filter((c) => related.has(grantPower.get(c.grantId) ?? ''));
  const powersText = exercised.join(', ') || 'none';
  const byId = new Map(conditions.map((c) => [c.id, c]));
  for (const [outcome, where] of entriesOf(item.conditionsMet, [...at, 'conditionsMet'])) {
    if (!isMap(outcome)) {
      report(
        where,
        'WRONG_TYPE',
        `An outcome must be a map such as { condition: CONDITION_ID, met: false, note: ..., evidence: [...] }, not ${describe(outcome)}.`,
      );
      continue;
    }
    unknownFields(outcome, OUTCOME_FIELDS, 'An outcome', where, report);
    if (!('met' in outcome)) {
      report(
        [...where, 'met'],
        'MISSING_FIELD',
        'This outcome has no met, which is required: true (the condition was met), false (it was not) or null (not known).',
        where,
      );
    } else if (outcome.met !== true && outcome.met !== false && outcome.met !== null) {
      report([...where, 'met'], 'WRONG_TYPE', `met must be true, false or null (not known), not ${describe(outcome.met)}.`);
    }
    for (const key of ['note', 'noteZh']) {
      if (outcome[key] !== undefined && (typeof outcome[key] !== 'string' || outcome[key] === ''))
        report([...where, key], 'WRONG_TYPE', `${key} must be text, not ${describe(outcome[key])}.`);
    }
    const ids = [...new Set(applicable.map((c) => c.id))];
    const listed = ids.length
      ? `The conditions of the grants it could rest on are ${ids.join(', ')}.`
      : `No grant of ${powersText} in this bundle has a condition.`;
    const badKind = outcome.kind !== undefined && kindProblem(outcome.kind, where, report);
    if (outcome.condition === undefined && outcome.kind === undefined) {
      report(where, 'MISSING_FIELD', `This outcome names no condition: write condition: CONDITION_ID. ${listed}`);
    } else if (outcome.condition !== undefined) {
      const id = outcome.condition;
      const condition = typeof id === 'string' ? byId.get(id) : undefined;
      if (typeof id !== 'string') {
        report([...where, 'condition'], 'WRONG_TYPE', `condition must be a condition id, not ${describe(id)}.`);
      } else if (!condition) {
        const guess = closest(id, [...byId.keys()]);
        report(
          [...where, 'condition'],
          'DANGLING_REFERENCE',
          `condition is "${id}", but no condition has that id in this bundle.${guess ? ` Did you mean ${guess}?` : ''} ${listed}`,
        );
      } else if (!applicable.includes(condition)) {
        const power = grantPower.get(condition.grantId);
        report(
          [...where, 'condition'],
          'UNRELATED_CONDITION',
          `condition "${id}" belongs to grant ${condition.grantId}${power ? ` (of ${power})` : ''}, but this action exercised ${powersText}: an outcome can only be about a condition of a grant of the power exercised, or of a broader or narrower one. ${listed}`,
        );
      } else if (typeof outcome.kind === 'string' && !badKind && outcome.kind !== condition.kind) {
        report(
          [...where, 'kind'],
          'BAD_ENUM',
          `kind is ${outcome.kind}, but condition "${id}" is a ${String(condition.kind)} condition: remove kind (the condition says it) or correct it.`,
        );
      }
    } else if (typeof outcome.kind === 'string' && !badKind && !applicable.some((c) => c.kind === outcome.kind)) {
      const kinds = [...new Set(applicable.map((c) => String(c.kind)))].filter((k) => (CONDITION_KINDS as readonly string[]).includes(k));
      report(
        [...where, 'kind'],
        'UNRELATED_CONDITION',
        `kind is ${outcome.kind}, but no grant of ${powersText} (or of a broader or narrower power) in this bundle has a ${outcome.kind} condition${kinds.length ? `; they have ${kinds.join(', ')}` : ''}. Name the condition instead: condition: CONDITION_ID. ${listed}`,
      );
    }
    checkOutcomeEvidence(outcome.evidence, [...where, 'evidence'], labels, report);
  }
}

export function checkOutcomeEvidence(evidence: unknown, at: Segments, labels: Map<string, { label: string; at: Segments }>, report: Report) {
  if (evidence === undefined) return;
  if (!Array.isArray(evidence)) {
    report(at, 'WRONG_TYPE', `evidence must be a list of citations such as [{ source: SOURCE_ID, quote: ... }], not ${describe(evidence)}.`);
    return;
  }
  if (!evidence.length) {
    report(at, 'EMPTY_LIST', 'evidence is an empty list: give at least one citation, or remove it.');
    return;
  }
  evidence.forEach((citation, i) => {
    const where = [...at, i];
    if (!isMap(citation)) {
      report(where, 'WRONG_TYPE', `A citation must be a map such as { source: SOURCE_ID, quote: ... }, not ${describe(citation)}.`);
      return;
    }
    unknownFields(citation, CITATION_FIELDS, 'A citation', where, report);
    const source = citation.source;
    if (typeof source !== 'string') {
      report([...where, 'source'], 'MISSING_FIELD', 'This citation has no source, which is required: the id of a Source in this bundle.', where);
    } else if (!labels.has(source)) {
      report(
        [...where, 'source'],
        'UNKNOWN_SOURCE',
        `The citation names source "${source}", which this bundle does not define: add it under sources.`,
      );
    } else if (labels.get(source)!.label !== 'Source') {
      report([...where, 'source'], 'UNKNOWN_SOURCE', `The citation names "${source}", which is a ${labels.get(source)!.label}, not a Source.`);
    }
    const quoted = ['quote', 'quoteZh'].some((k) => typeof citation[k] === 'string' && citation[k] !== '');
    if (!quoted)
      report(
        where,
        'CITATION_WITHOUT_QUOTE',
        `This citation of "${String(source)}" quotes nothing: add quoteZh (the passage in Chinese, verbatim) or quote (in English).`,
      );
  });
}
