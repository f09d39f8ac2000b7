// Writes values into GraphQL documents, so that what the explorer sends (and shows under
// "Query behind this answer") is one complete document with nothing left to fill in.
// No imports: the tests check it without a browser.

/** A GraphQL literal for a value: strings and lists as JSON (GraphQL accepts JSON's escapes), objects with bare keys. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

/** The scalar types a variable can have; any other named type is an enum (input objects are written as objects). */
const SCALARS = new Set(['ID', 'String', 'Int', 'Float', 'Boolean', 'Date', 'JSON']);

/**
 * The document with its variables written in: the variable definitions dropped, each
 * `name: $variable` argument given the value as a literal, or left out when the value is
 * unset (so the argument's default applies, as it would with the variable omitted).
 */
export function inlined(document: string, variables: Record<string, unknown>): string {
  const set = (name: string) => variables[name] !== undefined && variables[name] !== null && variables[name] !== '';
  // A variable of an enum type (`$reading: Reading`) is written bare: AS_LATER_HELD, not "AS_LATER_HELD".
  const definitions = /^(?:query|mutation) \w+\(([^)]*)\)/m.exec(document)?.[1] ?? '';
  const enums = new Set([...definitions.matchAll(/\$(\w+): \[?(\w+)/g)].filter(([, , type]) => !SCALARS.has(type)).map(([, name]) => name));
  const write = (name: string) => {
    const value = variables[name];
    return enums.has(name) && typeof value === 'string' && /^[A-Z_][A-Z0-9_]*$/.test(value) ? value : literal(value);
  };
  return document.replace(/^((?:query|mutation) \w+)\([^)]*\)/m, '$1').replace(/\(([^()]*\$[^()]*)\)/g, (_, list: string) => {
    const args = splitArguments(list).filter((arg) => {
      const variable = /^\w+: \$(\w+)$/.exec(arg);
      return !variable || set(variable[1]);
    });
    const written = args.map((arg) => arg.replace(/\$(\w+)/g, (__, name: string) => write(name)));
    return written.length ? `(${written.join(', ')})` : '';
  });
}

/** The arguments of a printed argument list, split at top-level commas and line breaks. */
function splitArguments(list: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    if (ch === '{' || ch === '[') depth++;
    if (ch === '}' || ch === ']') depth--;
    if (depth === 0 && (ch === ',' || ch === '\n')) {
      if (current.trim()) args.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) args.push(current.trim());
  return args;
}
