// A bundle read one part at a time, so a national case of a million actions never sits in
// memory as one document. A YAML or JSON file is one part; an NDJSON file (`.ndjson` or
// `.jsonl`, docs/bundle-format.md) is a header line with `format` and `case`, then one part
// per line, each a map of lists (`{"actions": [...]}`) that add to the bundle's lists.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { readBundleFile, type ParsedBundle } from './parse.js';
import type { Problem } from './problem.js';

export interface BundleStream {
  file: string;
  /** Each part as a bundle of its own: the header's `format` and `case` and that part's lists. Can be read more than once. */
  parts(): AsyncIterable<ParsedBundle>;
  /**
   * One digest of everything the bundle says, and its header (the first part's data), read
   * without checking anything: an import uses them to know an unchanged bundle at once
   * (server/bundle/importUnchanged.ts). Undefined when the bundle cannot be told apart this way.
   */
  fingerprint?(): Promise<BundleFingerprint | undefined>;
}

export interface BundleFingerprint {
  digest: string;
  header: unknown;
}

export const isStreamedFile = (file: string) => /\.(ndjson|jsonl)$/i.test(file);

/** The bundle in FILE, as parts: NDJSON line by line, any other file whole. */
export async function openBundleFile(file: string): Promise<BundleStream> {
  if (!isStreamedFile(file)) {
    return streamOf(await readBundleFile(file));
  }
  await access(file);
  return { file, parts: () => ndjsonParts(file), fingerprint: () => ndjsonFingerprint(file) };
}

/** One part of a bundle that is already in memory. */
export function streamOf(bundle: ParsedBundle): BundleStream {
  return {
    file: bundle.file,
    parts: async function* () {
      yield bundle;
    },
    fingerprint: async () => {
      const text = bundle.problems.length ? undefined : plainJson(bundle.data);
      return text === undefined ? undefined : { digest: createHash('sha256').update(text).digest('base64'), header: bundle.data };
    },
  };
}

/** The data as JSON, or undefined when JSON would not say it exactly (a date object, an infinite number, …). */
function plainJson(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  try {
    return JSON.stringify(data, function (this: Record<string, unknown>, key, value: unknown) {
      const raw = this[key];
      if (typeof raw === 'number' && !Number.isFinite(raw)) throw new Error('not plain data');
      if (typeof raw === 'bigint' || typeof raw === 'function' || typeof raw === 'symbol') throw new Error('not plain data');
      // A plain object of any realm (its prototype is an Object.prototype, whose own is null), or an array.
      if (
        typeof raw === 'object' &&
        raw !== null &&
        !Array.isArray(raw) &&
        Object.getPrototypeOf(Object.getPrototypeOf(raw) ?? Object.prototype) !== null
      ) {
        throw new Error('not plain data');
      }
      return value;
    });
  } catch {
    return undefined;
  }
}

/** An NDJSON file's bytes, digested as they are read, and its first line. */
async function ndjsonFingerprint(file: string): Promise<BundleFingerprint | undefined> {
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let headDone = false;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (headDone) continue;
    const end = chunk.indexOf(10);
    head.push(end < 0 ? chunk : chunk.subarray(0, end));
    headBytes += end < 0 ? chunk.length : end;
    headDone = end >= 0 || headBytes > 1 << 20;
  }
  let header: unknown;
  try {
    header = JSON.parse(Buffer.concat(head).toString('utf8'));
  } catch {
    return undefined;
  }
  return { digest: hash.digest('base64'), header };
}

function lineProblem(file: string, line: number, message: string, code: Problem['code'] = 'PARSE_ERROR'): Problem {
  return { file, line, path: '', message, code };
}

async function* ndjsonParts(file: string): AsyncGenerator<ParsedBundle> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: Record<string, unknown> | undefined;
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (!text.trim()) continue;
    const at = line;
    let data: unknown;
    const problems: Problem[] = [];
    try {
      data = JSON.parse(text);
    } catch (error) {
      problems.push(
        lineProblem(file, at, `Line ${at} is not valid JSON: ${(error as Error).message}. Each line of an NDJSON bundle is one JSON object.`),
      );
    }
    if (!problems.length && (typeof data !== 'object' || data === null || Array.isArray(data))) {
      problems.push(
        lineProblem(
          file,
          at,
          `Line ${at} must be a JSON object: the header ({"format", "case"}) first, then maps of lists such as {"actions": [...]}.`,
          'WRONG_TYPE',
        ),
      );
    }
    const fields = (data ?? {}) as Record<string, unknown>;
    if (!header) {
      header = { format: fields.format, case: fields.case };
      yield { file, data: problems.length ? undefined : fields, problems, lineOf: () => at };
      continue;
    }
    for (const key of ['format', 'case']) {
      if (key in fields)
        problems.push(
          lineProblem(
            file,
            at,
            `Line ${at} repeats "${key}", which belongs on the first line only; later lines hold lists such as {"actions": [...]}.`,
            'BAD_FORMAT',
          ),
        );
    }
    yield { file, data: problems.length ? undefined : { ...fields, ...header }, problems, lineOf: () => at };
  }
  if (!header)
    yield {
      file,
      data: undefined,
      problems: [lineProblem(file, 0, 'The bundle is empty: its first line must be {"format": "quanze-bundle/1", "case": {...}}.', 'MISSING_FIELD')],
      lineOf: () => 0,
    };
}
