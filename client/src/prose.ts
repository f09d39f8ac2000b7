// Recorded values in words for readers: a condition as a sentence, a property's name and
// value without field names, enum names or JSON.
import { formatDate, parsePartialDate } from '../../server/dates';
import { lang, t, tv } from './messages';
import { pick } from './names';

/** A date as answers carry it, at its own precision, in the reader's language: "April 2022" / "2022年4月", never 2022-04-01. */
export function dateInWords(value: string | null | undefined): string {
  return formatDate(value, lang());
}

/** The last day a date at its precision covers ('2022-04' → '2022-04-30'): the day to draw "as of" for it. */
export function lastDayOf(value: string): string {
  return parsePartialDate(value)?.last ?? value;
}

/** "HOLDS_INVALID" → "holds invalid": the last resort for a value no message table names. */
export function humanize(value: string): string {
  const words = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface ConditionLike {
  kind?: string | null;
  param?: string | null;
  min?: number | null;
  max?: number | null;
  body?: { name?: string | null; nameZh?: string | null; id?: string } | string | null;
  description?: string | null;
  descriptionZh?: string | null;
}

/** A grant's condition as a sentence: its own description when it has one, else one made from its parts. */
export function conditionSentence(c: ConditionLike): string {
  const own = pick(c.description, c.descriptionZh);
  if (own) return own;
  const body = typeof c.body === 'string' ? c.body : c.body ? pick(c.body.name, c.body.nameZh) || c.body.id || '' : '';
  const param = c.param ? humanize(c.param).toLowerCase() : '';
  switch (c.kind) {
    case 'THRESHOLD':
      if (c.min != null && c.max != null) return t('condBetween', { what: param, min: c.min, max: c.max });
      if (c.min != null) return t('condAtLeast', { what: param, min: c.min });
      if (c.max != null) return t('condAtMost', { what: param, max: c.max });
      return t('condThreshold', { what: param });
    case 'CONSENT':
      return body ? t('condConsent', { body }) : t('condConsentAny');
    case 'APPROVAL':
      return body ? t('condApproval', { body }) : t('condApprovalAny');
    case 'PROCEDURE':
      return param ? t('condProcedure', { what: param }) : t('condProcedureAny');
    default:
      return t('condOther');
  }
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A recorded property's value in words: lists joined, conditions as sentences, enum values named, dates at their precision. */
export function valueInWords(key: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && /^[[{]/.test(value.trim())) {
    try {
      return valueInWords(key, JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) {
    if (/condition/i.test(key)) return value.map((c) => conditionSentence(c as ConditionLike)).join(lang() === 'zh' ? '；' : '; ');
    return value.map((v) => valueInWords(key, v)).join(lang() === 'zh' ? '、' : ', ');
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('kind' in o && /condition/i.test(key)) return conditionSentence(o);
    return Object.entries(o)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${propertyName(k)}: ${valueInWords(k, v)}`)
      .join('; ');
  }
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'string' && /^[A-Z][A-Z0-9_]+$/.test(value)) {
    for (const table of ['modalityShort', 'stances', 'roles', 'severity', 'layerNames', 'verdicts'] as const) {
      const named = tv(table, value);
      if (named !== value) return named;
    }
    return humanize(value);
  }
  if (typeof value === 'string' && DATE.test(value)) return dateInWords(value);
  return String(value);
}

/** A property's name for readers: "startedAt" → "Started at". */
export function propertyName(key: string): string {
  return humanize(key.replace(/Zh$/, lang() === 'zh' ? 'Zh' : ' (Chinese)'));
}
