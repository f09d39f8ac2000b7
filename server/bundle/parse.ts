// Reads a bundle file (YAML or JSON: JSON is YAML 1.2) keeping where every item and
// field was written, so each problem can name its line.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode, type Document } from 'yaml';
import type { Problem } from './problem.js';

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
  const problems: Problem[] = doc.errors.map((error) => ({
    file,
    line: lineCounter.linePos(error.pos[0]).line,
    path: '',
    message: `The file is not valid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}.`,
    code: 'PARSE_ERROR',
  }));
  const lineAt = (offset: number | undefined) => (offset === undefined ? 0 : lineCounter.linePos(offset).line);
  return {
    file,
    data: problems.length ? safeToJs(doc) : doc.toJS({ maxAliasCount: 1000 }),
    problems,
    lineOf: (path) => lineAt(offsetOf(doc, path)),
  };
}

export async function readBundleFile(file: string): Promise<ParsedBundle> {
  return parseBundleText(await readFile(file, 'utf8'), file);
}

/** A bundle built in memory (an export, a test) rather than read from a file. */
export function bundleFromData(data: unknown, file = '(bundle)'): ParsedBundle {
  return { file, data, problems: [], lineOf: () => 0 };
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
  let offset = (doc.contents as YamlNode | null)?.range?.[0];
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
