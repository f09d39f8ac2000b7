// How a property of each model kind is stored in Neo4j and read back, so import and
// export are exact inverses.
import neo4j from 'neo4j-driver';
import type { PropertySpec } from '../model/model.js';

/** A bundle value as a Neo4j parameter: dates as `date`, whole numbers as integers (a JS number would be a float), json as text. */
function toGraphValue(spec: PropertySpec, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (spec.kind) {
    case 'date': {
      const [year, month, day] = String(value).split('-').map(Number);
      return new neo4j.types.Date(year, month, day);
    }
    case 'int':
      return neo4j.int(value as number);
    case 'json':
      return JSON.stringify(value);
    default:
      return value;
  }
}

/** A stored value back as a bundle writes it. */
export function fromGraphValue(spec: PropertySpec, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (spec.kind) {
    case 'date':
      return String(value);
    case 'int':
      return neo4j.isInt(value) ? (value as { toNumber(): number }).toNumber() : value;
    case 'json':
      return JSON.parse(String(value));
    default:
      return value;
  }
}

/** Bundle values for the properties a spec declares, converted for Neo4j; absent ones are left out. */
export function graphProperties(specs: Record<string, PropertySpec>, values: Record<string, unknown>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const value = toGraphValue(spec, values[key]);
    if (value !== null) properties[key] = value;
  }
  return properties;
}
