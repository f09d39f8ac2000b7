// Reads a bundle file (YAML or JSON: JSON is YAML 1.2) keeping where every item and
// field was written, so each problem can name its line.
import { readFile, stat } from 'node:fs/promises';
import {
  LineCounter,
  Parser,
  Scalar,
  parseDocument,
  isMap,
  isSeq,
  isScalar,
  isPair,
  visit,
  type Node as YamlNode,
  type Document,
  type Pair,
  type YAMLError,
} from 'yaml';
import { INTEGRITY_LIMITS } from './integrity.js';
import { pathText, type Problem } from './problem.js';

export interface ParsedBundle {
  file: string;
  /** The bundle as plain data (undefined when the text could not be read at all). */
  data: unknown;
  /** Syntax errors; when there are any, `data` may be partial. */
  problems: Problem[];
  /** 1-based line of the deepest written node on the path (the key's line for a map entry); 0 if unknown. */
  lineOf(path: readonly (string | number)[]): number;
}

export function parseBundleText(text: string, file: string): ParsedBundle {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? 0 : lineCounter.linePos(offset).line);
  const problems: Problem[] = doc.errors.map((error) => ({
    file,
    line: lineCounter.linePos(error.code === 'MISSING_CHAR' ? unclosedQuoteAt(text, error.pos[0]) : error.pos[0]).line,
    path: '',
    message: `The file is not valid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}.${hintFor(error)}`,
    code: 'PARSE_ERROR',
  }));
  if (!doc.errors.length) {
    for (const split of joinSplitValues(doc, text)) {
      problems.push({ file, line: lineAt(split.offset), path: pathText(split.path), message: split.message, code: 'UNQUOTED_VALUE' });
    }
  }
  let data: unknown = undefined;
  if (doc.errors.length) data = safeToJs(doc);
  else {
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch {
      // Anchors that expand exponentially ("billion laughs"): the parser stops them before memory runs out.
      problems.push({
        file,
        line: 0,
        path: '',
        message:
          'The file repeats anchors and aliases (&name … *name) so many times that it would expand past what can be read. Write the items out, or use fewer aliases.',
        code: 'TOO_LARGE',
      });
    }
  }
  return {
    file,
    data,
    problems,
    lineOf: (path) => lineAt(offsetOf(doc, path)),
  };
}

export async function readBundleFile(file: string): Promise<ParsedBundle> {
  // A YAML document takes tens of times its size in memory: past the ceiling, refuse before reading.
  const { size } = await stat(file);
  if (size > INTEGRITY_LIMITS.fileBytes) {
    const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
    const message = `The file is ${mb(size)}; a YAML or JSON bundle may be at most ${mb(INTEGRITY_LIMITS.fileBytes)}. Write a large case as NDJSON (a header line, then one part per line) and import that (docs/bundle-format.md, "Large cases").`;
    return { file, data: undefined, problems: [{ file, line: 0, path: '', message, code: 'TOO_LARGE' }], lineOf: () => 0 };
  }
  return parseBundleText(await readFile(file, 'utf8'), file);
}

/**
 * Where an unclosed quote opens: the parser notices it only where the text or the document
 * ends, often hundreds of lines later, so the quoted scalar that never closes is looked up.
 */
function unclosedQuoteAt(text: string, reported: number): number {
  const open: number[] = [];
  const walk = (token: unknown): void => {
    if (!token || typeof token !== 'object') return;
    const t = token as { type?: string; source?: string; offset?: number };
    if ((t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') && typeof t.source === 'string' && t.offset !== undefined) {
      const quote = t.source[0];
      if (t.source.length < 2 || !t.source.endsWith(quote)) open.push(t.offset);
    }
    for (const value of Object.values(token)) {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') walk(value);
    }
  };
  for (const token of new Parser().parse(text)) walk(token);
  return open.filter((offset) => offset <= reported).pop() ?? reported;
}

/** A bundle built in memory (an export, a test) rather than read from a file. */
export function bundleFromData(data: unknown, file = '(bundle)'): ParsedBundle {
  return { file, data, problems: [], lineOf: () => 0 };
}

/** What to do about a syntax error that an unquoted value causes inside `{ }` or `[ ]`. */
function hintFor(error: YAMLError): string {
  if (error.code !== 'BLOCK_IN_FLOW') return '';
  return ' Inside { } or [ ], a value that contains ": " or "," must be quoted, for example ref: "Art. II, s. 1, cl. 1".';
}

interface SplitValue {
  offset: number;
  path: (string | number)[];
  message: string;
}

/** The bundle path of a map inside the document, from the ancestors `visit` passes. */
function pathOf(ancestors: readonly unknown[], node: unknown): (string | number)[] {
  const chain = [...ancestors, node];
  const path: (string | number)[] = [];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isSeq(parent)) path.push(parent.items.indexOf(child));
    else if (isPair(parent) && isScalar(parent.key)) path.push(String(parent.key.value));
  }
  return path;
}

/**
 * Inside a flow map `{ ref: Art. II, s. 1, cl. 1 }` each comma ends a value, so YAML reads
 * `ref: Art. II` and two keys without values, `s. 1` and `cl. 1`, which the schema would
 * then report as unknown fields one by one. Such a key is never meant: join the pieces back
 * into the value they were cut from and report the one thing to fix, quoting.
 */
function joinSplitValues(doc: Document, text: string): SplitValue[] {
  const splits: SplitValue[] = [];
  visit(doc, {
    Map(_, map, ancestors) {
      if (!map.flow) return;
      const kept: Pair[] = [];
      for (let i = 0; i < map.items.length; i++) {
        const pair = map.items[i];
        const stray = (p: Pair | undefined) => p !== undefined && p.value === null && isScalar(p.key) && p.key.type === Scalar.PLAIN;
        if (!stray(pair)) {
          kept.push(pair);
          continue;
        }
        const strays: Pair[] = [];
        while (stray(map.items[i])) strays.push(map.items[i++]);
        i--;
        const before = kept[kept.length - 1];
        const value = before && isScalar(before.value) && before.value.type === Scalar.PLAIN ? before.value : undefined;
        const lastKey = strays[strays.length - 1].key as Scalar;
        const keyName = before && isScalar(before.key) ? String(before.key.value) : undefined;
        if (value && keyName && value.range && lastKey.range) {
          const whole = text.slice(value.range[0], lastKey.range[1]);
          splits.push({
            offset: value.range[0],
            path: [...pathOf(ancestors, map), keyName],
            message: `The value of ${keyName} contains a comma but is not in quotes: inside { } a comma ends a value, so "${whole}" was read as ${keyName}: ${String(value.value)} followed by ${strays.length === 1 ? 'a field' : 'fields'} ${strays.map((p) => `"${String((p.key as Scalar).value)}"`).join(', ')}. Write it in quotes: ${keyName}: "${whole}".`,
          });
          before.value = new Scalar(whole);
        } else {
          const names = strays.map((p) => `"${String((p.key as Scalar).value)}"`).join(', ');
          splits.push({
            offset: (strays[0].key as Scalar).range?.[0] ?? 0,
            path: pathOf(ancestors, map),
            message: `Inside { } a comma ends a value, so ${names} ${strays.length === 1 ? 'was' : 'were'} read as ${strays.length === 1 ? 'a field' : 'fields'} without a value. Quote the value that contains the comma, or write field: value.`,
          });
        }
      }
      map.items = kept;
    },
  });
  return splits;
}

function safeToJs(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
}

function offsetOf(doc: Document, path: readonly (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = doc.contents?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      offset = (node as YamlNode | null)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}
