// Dates as precise as their sources. A bundle date is 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD';
// a year or a month stands for the interval of days it covers. Stored in Neo4j as the first
// day (`x`), and only for an imprecise date also `xPrecision` ('YEAR' | 'MONTH') and `xLast`
// (the last day). Answers write a date at its own precision ("2022-04") and print it in
// words at that precision ("April 2022", "2022年4月").

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

/** The shapes a bundle date may take (checked for a real calendar day by parsePartialDate). */
export const PARTIAL_DATE_PATTERN = '^\\d{4}(-\\d{2}(-\\d{2})?)?$';

export interface PartialDate {
  /** First day of the interval, YYYY-MM-DD. */
  first: string;
  /** Last day of the interval, YYYY-MM-DD (the same day for a full date). */
  last: string;
  precision: DatePrecision;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A bundle date as its interval, or null when it is not 'YYYY', 'YYYY-MM' or a real 'YYYY-MM-DD'. */
export function parsePartialDate(value: unknown): PartialDate | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] === undefined) return { first: `${match[1]}-01-01`, last: `${match[1]}-12-31`, precision: 'YEAR' };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  if (match[3] === undefined) {
    return { first: `${match[1]}-${match[2]}-01`, last: `${match[1]}-${match[2]}-${pad(daysIn(year, month))}`, precision: 'MONTH' };
  }
  const day = Number(match[3]);
  if (day < 1 || day > daysIn(year, month)) return null;
  return { first: value, last: value, precision: 'DAY' };
}

/** A stored first day written at its stored precision: ('2022-04-01', 'MONTH') → '2022-04'. */
export function dateAtPrecision(first: string, precision?: string | null): string {
  const day = first.slice(0, 10);
  if (precision === 'YEAR') return day.slice(0, 4);
  if (precision === 'MONTH') return day.slice(0, 7);
  return day;
}

/** The precision a date written as text has: 'YYYY' → YEAR, 'YYYY-MM' → MONTH, else DAY. */
export function precisionOf(text: string): DatePrecision {
  return /^\d{4}$/.test(text) ? 'YEAR' : /^\d{4}-\d{2}$/.test(text) ? 'MONTH' : 'DAY';
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A date (written at its precision, as answers carry it) in words, in one language:
 * '2022-04' → "April 2022" / "2022年4月"; '1689' → "1689" / "1689年";
 * '2022-06-13' → "13 June 2022" / "2022年6月13日". Anything else is returned unchanged.
 */
export function formatDate(value: string | null | undefined, lang: 'en' | 'zh'): string {
  if (!value) return '';
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  if (lang === 'zh') return `${year}年${month ? `${Number(month)}月` : ''}${day ? `${Number(day)}日` : ''}`;
  if (!month) return year;
  const monthName = MONTHS[Number(month) - 1];
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/** A preposition-led phrase: "on 13 June 2022", "in April 2022", "in 1689" (English only; Chinese needs none). */
export function onDate(value: string | null | undefined): string {
  if (!value) return '';
  return `${precisionOf(value) === 'DAY' ? 'on' : 'in'} ${formatDate(value, 'en')}`;
}
