// How a property of each model kind is stored in Neo4j and read back, so import and
// export are exact inverses.
import neo4j from 'neo4j-driver';
import type { PropertySpec } from '../model/model.js';
import { dateAtPrecision, parsePartialDate } from '../dates.js';

function neo4jDate(day: string) {
  const [year, month, date] = day.split('-').map(Number);
  return new neo4j.types.Date(year, month, date);
}

/** A bundle value as a Neo4j parameter: dates as `date`, whole numbers as integers (a JS number would be a float), json as text. */
function toGraphValue(spec: PropertySpec, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (spec.kind) {
    case 'date':
      // The first day of the interval; graphProperties adds the precision and the last day.
      return neo4jDate(parsePartialDate(value)?.first ?? String(value));
    case 'int':
      return neo4j.int(value as number);
    case 'json':
      return JSON.stringify(value);
    default:
      return value;
  }
}

/**
 * A stored value back as a bundle writes it. A date is written at the precision stored
 * beside it (`<key>Precision`), so '2022-04' comes back as '2022-04', not '2022-04-01'.
 */
export function fromGraphValue(spec: PropertySpec, value: unknown, precision?: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (spec.kind) {
    case 'date':
      return dateAtPrecision(String(value), typeof precision === 'string' ? precision : null);
    case 'int':
      return neo4j.isInt(value) ? (value as { toNumber(): number }).toNumber() : value;
    case 'json':
      return JSON.parse(String(value));
    default:
      return value;
  }
}

/** The stored property `key` of `stored` as a bundle writes it (a date at its stored precision). */
export function storedBundleValue(spec: PropertySpec, stored: Record<string, unknown>, key: string): unknown {
  return fromGraphValue(spec, stored[key], spec.kind === 'date' ? stored[`${key}Precision`] : undefined);
}

/**
 * Bundle values for the properties a spec declares, converted for Neo4j; absent ones are left out.
 * An imprecise date `x` ('2022-04', '1689') is stored as `x` = its first day, `xPrecision` =
 * 'MONTH' | 'YEAR' and `xLast` = its last day; a full date is stored as `x` alone.
 */
export function graphProperties(specs: Record<string, PropertySpec>, values: Record<string, unknown>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const value = toGraphValue(spec, values[key]);
    if (value === null) continue;
    properties[key] = value;
    if (spec.kind !== 'date') continue;
    const interval = parsePartialDate(values[key]);
    if (interval && interval.precision !== 'DAY') {
      properties[`${key}Precision`] = interval.precision;
      properties[`${key}Last`] = neo4jDate(interval.last);
    }
  }
  return properties;
}
