// A bundle read one part at a time, so a national case of a million actions never sits in
// memory as one document. A YAML or JSON file is one part; an NDJSON file (`.ndjson` or
// `.jsonl`, docs/bundle-format.md) is a header line with `format` and `case`, then one part
// per line, each a map of lists (`{"actions": [...]}`) that add to the bundle's lists.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { readBundleFile, type ParsedBundle } from './parse.js';
import type { Problem } from './problem.js';

export interface BundleStream {
  file: string;
  /** Each part as a bundle of its own: the header's `format` and `case` and that part's lists. Can be read more than once. */
  parts(): AsyncIterable<ParsedBundle>;
}

export const isStreamedFile = (file: string) => /\.(ndjson|jsonl)$/i.test(file);

/** The bundle in FILE, as parts: NDJSON line by line, any other file whole. */
export async function openBundleFile(file: string): Promise<BundleStream> {
  if (!isStreamedFile(file)) {
    const whole = await readBundleFile(file);
    return {
      file,
      parts: async function* () {
        yield whole;
      },
    };
  }
  await access(file);
  return { file, parts: () => ndjsonParts(file) };
}

/** One part of a bundle that is already in memory. */
export function streamOf(bundle: ParsedBundle): BundleStream {
  return {
    file: bundle.file,
    parts: async function* () {
      yield bundle;
    },
  };
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
