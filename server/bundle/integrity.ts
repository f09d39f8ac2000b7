// Rules that keep a bundle from breaking the graph or the database rather than from
// misdescribing the law: no cycles in the hierarchies the questions climb, lengths that
// Neo4j's indexes can hold, no invisible or control characters in ids and names, and a
// ceiling on what one YAML or JSON document may list (NDJSON streams larger cases).
import { bundleRelations, referencesOf, type BundleItem } from './bundleShape.js';
import type { ProblemCode } from './problem.js';

type Segments = (string | number)[];
type Report = (at: Segments, code: ProblemCode, message: string, lineAt?: Segments) => void;

/** The limits, documented in docs/bundle-format.md ("Validation rules and messages"). */
export const INTEGRITY_LIMITS = {
  /** Characters in an id. */
  id: 200,
  /** Characters in a name, title, alias or other naming field. */
  name: 300,
  /** Characters in any other short field (a URL, a locator, an outlet). */
  string: 2000,
  /** Characters in a text field (a quote, a provision's text, a summary): a passage, not a document. */
  text: 20_000,
  /** Items in one YAML or JSON bundle (or one NDJSON line). */
  items: 50_000,
  /** Bytes of a YAML or JSON bundle file. */
  fileBytes: 20 * 1024 * 1024,
} as const;

/** Hierarchies a question climbs: a cycle in one makes it loop or answer nonsense. */
const ACYCLIC: Record<string, { verb: string; why: string }> = {
  PART_OF: { verb: 'is part of', why: 'a body cannot be part of itself, however indirectly' },
  SUCCEEDED_BY: {
    verb: 'is succeeded by',
    why: 'a body cannot succeed itself; a body restored under an old name is a new body with an id of its own',
  },
  WITHIN: { verb: 'lies within', why: 'a place cannot contain itself' },
  NARROWER_THAN: { verb: 'is narrower than', why: 'a power cannot be narrower than itself' },
  IMPLEMENTS: { verb: 'implements', why: 'an instrument cannot implement itself, however indirectly' },
};

const NAMED_CHARACTERS: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'TAB',
  0x0a: 'LINE FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/** Not in an id or a name: control characters, and the invisible ones that change how text reads or compares. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_IN_NAMES = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
/** Not in any text: control characters other than tab and line breaks, and direction overrides. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

function characterName(text: string, index: number): string {
  const code = text.codePointAt(index)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return NAMED_CHARACTERS[code] ? `${hex} ${NAMED_CHARACTERS[code]}` : hex;
}

const field = (at: Segments) => String([...at].reverse().find((s) => typeof s === 'string') ?? 'value');
const count = (n: number) => n.toLocaleString('en');

function checkCharacters(value: string, at: Segments, isName: boolean, report: Report) {
  const bad = (isName ? NOT_IN_NAMES : NOT_IN_TEXT).exec(value);
  if (!bad) return;
  const what = isName ? 'An id or a name must be plain text' : 'Text may hold tabs and line breaks, but no other control character';
  report(
    at,
    'BAD_CHARACTER',
    `${field(at)} contains an invisible or control character (${characterName(value, bad.index)}) at character ${bad.index + 1}. ${what}: remove it.`,
  );
}

function checkLength(value: string, at: Segments, max: number, kind: string, report: Report) {
  if (value.length <= max) return;
  const advice =
    kind === 'text'
      ? 'quote the passage that supports the fact, not the whole document'
      : kind === 'id'
        ? 'use a short id made of words joined by dots or hyphens'
        : 'shorten it, and put the rest in a description or note';
  report(
    at,
    'TOO_LONG',
    `${field(at)} is ${count(value.length)} characters long; ${kind === 'text' ? 'a text' : `${kind === 'id' ? 'an' : 'a'} ${kind}`} may have at most ${count(max)}: ${advice}.`,
  );
}

/** Every string under a value that is not one of an item's own fields (evidence, conditions, the expect section). */
function checkNested(value: unknown, at: Segments, report: Report) {
  if (typeof value === 'string') {
    checkLength(value, at, INTEGRITY_LIMITS.text, 'text', report);
    checkCharacters(value, at, false, report);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkNested(v, [...at, i], report));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkNested(v, [...at, k], report);
  }
}

function checkFields({ spec, item, at }: BundleItem, report: Report) {
  for (const [key, value] of Object.entries(item)) {
    const property = spec.properties[key];
    const here = [...at, key];
    const isName = key === 'id' || (spec.names.includes(key) && property?.kind !== 'text');
    const [max, kind] =
      key === 'id'
        ? [INTEGRITY_LIMITS.id, 'id']
        : isName
          ? [INTEGRITY_LIMITS.name, 'name']
          : property?.kind === 'string'
            ? [INTEGRITY_LIMITS.string, 'short field']
            : [INTEGRITY_LIMITS.text, 'text'];
    if (typeof value === 'string') {
      checkLength(value, here, max, kind, report);
      checkCharacters(value, here, isName, report);
    } else if (Array.isArray(value) && property?.kind === 'string[]') {
      value.forEach((v, i) => {
        if (typeof v !== 'string') return;
        checkLength(v, [...here, i], isName ? INTEGRITY_LIMITS.name : INTEGRITY_LIMITS.string, isName ? 'name' : 'short field', report);
        checkCharacters(v, [...here, i], isName, report);
      });
    } else {
      checkNested(value, here, report);
    }
  }
}

/** Cycles among the bundle's own links of one hierarchy, each reported once, at its first member. */
function checkCycles(items: BundleItem[], report: Report) {
  for (const [type, { verb, why }] of Object.entries(ACYCLIC)) {
    const next = new Map<string, string[]>();
    const where = new Map<string, { at: Segments; field: string }>();
    for (const { spec, item, at } of items) {
      const relation = bundleRelations(spec.label).find((r) => r.type === type && r.to.includes(spec.label));
      if (!relation) continue;
      const id = item.id as string;
      next.set(
        id,
        referencesOf(item, relation).map((r) => r.id),
      );
      where.set(id, { at, field: relation.field });
    }
    // Depth-first, with an explicit stack: a chain of tens of thousands of links must not overflow the call stack.
    const state = new Map<string, 'open' | 'done'>();
    const reported = new Set<string>();
    for (const root of next.keys()) {
      if (state.has(root)) continue;
      const path: string[] = [root];
      const cursor: number[] = [0];
      state.set(root, 'open');
      while (path.length) {
        const id = path[path.length - 1];
        const targets = next.get(id) ?? [];
        const i = cursor[cursor.length - 1]++;
        if (i >= targets.length) {
          state.set(id, 'done');
          path.pop();
          cursor.pop();
          continue;
        }
        const target = targets[i];
        if (state.get(target) === 'open') {
          const cycle = [...path.slice(path.indexOf(target)), target];
          const key = cycle.slice(0, -1).sort().join('|');
          if (reported.has(key)) continue;
          reported.add(key);
          const { at, field: name } = where.get(cycle[0])!;
          const chain = cycle.map((c, n) => (n === 0 ? `"${c}"` : n === 1 ? `${verb} "${c}"` : `which ${verb} "${c}"`)).join(', ');
          report(
            [...at, name],
            'CYCLE',
            `${name} makes a cycle: ${chain}. The questions follow these links upwards, and ${why}: remove one of the links.`,
          );
        } else if (!state.has(target) && next.has(target)) {
          state.set(target, 'open');
          path.push(target);
          cursor.push(0);
        }
      }
    }
  }
}

/** The integrity rules over one bundle (or one NDJSON part); called by validateBundle. */
export function checkIntegrity(data: unknown, items: BundleItem[], report: Report): void {
  if (items.length > INTEGRITY_LIMITS.items) {
    report(
      [],
      'TOO_LARGE',
      `The bundle lists ${count(items.length)} items; a YAML or JSON bundle (or one NDJSON line) may list at most ${count(INTEGRITY_LIMITS.items)}. Write a large case as NDJSON, a header line and then parts of at most that many items, and import it with npm run import (docs/bundle-format.md, "Large cases").`,
    );
    return;
  }
  for (const entry of items) checkFields(entry, report);
  if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) if (key === 'expect' || key === 'format') checkNested(value, [key], report);
  }
  checkCycles(items, report);
}
