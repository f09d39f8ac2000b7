/** What is wrong with a bundle, where, and in words an editor can act on. */
export interface Problem {
  file: string;
  /** 1-based line in the file; 0 when the bundle did not come from a file. */
  line: number;
  /** Where in the bundle, e.g. `bodies[3].succeededBy.on`. */
  path: string;
  message: string;
  code: ProblemCode;
}

export type ProblemCode =
  | 'PARSE_ERROR'
  | 'UNQUOTED_VALUE'
  | 'MISSING_FIELD'
  | 'UNKNOWN_FIELD'
  | 'WRONG_TYPE'
  | 'BAD_ENUM'
  | 'BAD_DATE'
  | 'BAD_ID'
  | 'BAD_FORMAT'
  | 'EMPTY_LIST'
  | 'DUPLICATE_ID'
  | 'DANGLING_REFERENCE'
  | 'WRONG_TARGET_TYPE'
  | 'ID_TAKEN'
  | 'MISSING_EVIDENCE'
  | 'CITATION_WITHOUT_QUOTE'
  | 'UNKNOWN_SOURCE'
  | 'PERSON_WITHOUT_POSITION'
  | 'PRIVATE_DATA'
  | 'DATE_ORDER'
  | 'UNRELATED_CONDITION'
  | 'NODE_OF_ANOTHER_CASE'
  | 'CYCLE'
  | 'TOO_LONG'
  | 'BAD_CHARACTER'
  | 'TOO_LARGE';

/** `file:line  path  message`, the form the CLI prints and editors can jump to. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}  ${p.path || '(bundle)'}  ${p.message}`;
}

/** Path segments as written in messages: `bodies[3].succeededBy.on`. */
export function pathText(segments: readonly (string | number)[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Thrown where a caller cannot take problems back as a value (seeding at start-up). */
export class BundleProblemsError extends Error {
  readonly code = 'BUNDLE_PROBLEMS';
  constructor(readonly problems: Problem[]) {
    super(
      `The bundle has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written. Fix them and import again:\n${problems.map(formatProblem).join('\n')}`,
    );
  }
}
