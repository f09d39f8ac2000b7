// A deterministic corpus of bad bundles, each made from the valid tiny fixture by one to three
// changes that each break a rule (so none of them can be valid by chance): missing and
// mistyped fields, dangling references, impossible dates, cycles, overlong names, control
// characters, duplicate and malformed ids, private data, unknown fields, another case's
// node, and broken YAML or JSON text. Used by test/server/fuzz.test.ts.
import { stringify } from 'yaml';
import { NASTY_STRINGS, seeded, type Random } from './fuzzRandom.js';

type Bundle = Record<string, any>;
type Item = Record<string, any>;

export interface BadBundle {
  kind: string;
  /** The bundle as parsed data, or as file text (then `file` says its format). */
  data?: unknown;
  text?: string;
  file?: string;
}

const LISTS = [
  'sources',
  'places',
  'bodyTypes',
  'powers',
  'bodies',
  'persons',
  'groups',
  'instruments',
  'provisions',
  'grants',
  'actions',
  'statements',
];

function someItem(r: Random, b: Bundle): { list: string; item: Item; index: number } {
  const list = r.pick(LISTS.filter((l) => Array.isArray(b[l]) && b[l].length));
  const index = r.int(0, b[list].length - 1);
  return { list, item: b[list][index], index };
}

/** Each change breaks a rule on its own. */
const BREAKERS: { kind: string; apply(r: Random, b: Bundle): void }[] = [
  { kind: 'id removed', apply: (r, b) => delete someItem(r, b).item.id },
  {
    kind: 'malformed id',
    apply: (r, b) => (someItem(r, b).item.id = r.pick(['Bad Id!', '', ' ', 'a b', '../x', 'x'.repeat(201), 'a\u0000b', '中文', 5, null])),
  },
  {
    kind: 'duplicate id',
    apply: (r, b) => {
      const { list, item } = someItem(r, b);
      b[list].push({ ...item });
    },
  },
  { kind: 'case id missing', apply: (_r, b) => delete b.case.id },
  { kind: 'case not an object', apply: (r, b) => (b.case = r.pick([null, 'test-tiny', [], 5])) },
  { kind: 'unknown format', apply: (r, b) => (b.format = r.pick(['quanze-bundle/999', '', null, 1, 'QUANZE-BUNDLE/1'])) },
  { kind: 'unknown top-level list', apply: (_r, b) => (b.nodes = [{ id: 'x' }]) },
  { kind: 'unknown field', apply: (r, b) => (someItem(r, b).item[r.pick(['secret', 'password', '__proto__x', 'Name'])] = 'x') },
  { kind: 'list not a list', apply: (r, b) => (b[r.pick(LISTS)] = r.pick([{}, 'x', 5, true])) },
  { kind: 'item not an object', apply: (r, b) => b[r.pick(LISTS.filter((l) => b[l]))].push(r.pick([null, 'x', 5, [], true])) },
  { kind: 'name missing', apply: (r, b) => delete r.pick(b.bodies as Item[]).name },
  { kind: 'name of the wrong type', apply: (r, b) => (r.pick(b.bodies as Item[]).nameZh = r.pick([5, true, [], {}, null])) },
  { kind: 'name too long', apply: (r, b) => (r.pick(b.bodies as Item[]).name = 'n'.repeat(r.pick([301, 3000, 100_000]))) },
  {
    kind: 'control character in a name',
    apply: (r, b) => (r.pick(b.persons as Item[]).nameZh = `冯${r.pick(['\u0000', '\u202e', '\u200b', '\u0007', '\u001b', '\ufeff', '\u2066'])}献彬`),
  },
  {
    kind: 'dangling reference',
    apply: (r, b) => (r.pick(b.bodies as Item[]).jurisdiction = r.pick(['no-such-place', 't-hq', ...NASTY_STRINGS.slice(0, 12)])),
  },
  { kind: 'dangling power', apply: (r, b) => (b.grants[0].power = r.pick(['no-such-power', 't-city', ''])) },
  { kind: 'reference of the wrong type', apply: (r, b) => (b.grants[0].to = r.pick(['t-hq', 5, [5], [null], { id: 't-hq' }])) },
  {
    kind: 'impossible date',
    apply: (r, b) => {
      const date = r.pick(['2022-02-30', '2022-13-01', '2022-00-01', 'yesterday', '', 20220101, '99999-01-01', '2022/01/01', true]);
      r.pick<() => void>([
        () => (b.bodies[0].validTo = date),
        () => (b.actions[0].startedAt = date),
        () => (b.instruments[0].issuedOn = date),
        () => (b.sources[0].publishedAt = date),
        () => (b.statements[0].saidOn = date),
      ])();
    },
  },
  {
    kind: 'end before start',
    apply: (r, b) =>
      r.pick<() => void>([
        () => Object.assign(b.bodies[1], { validFrom: '2022-04-01', validTo: '2021-01-01' }),
        () => Object.assign(b.actions[0], { startedAt: '2022-06-14', endedAt: '2022-06-13' }),
        () => Object.assign(b.persons[0].positions[0], { from: '2022-06-22', to: '2021-01-01' }),
      ])(),
  },
  {
    kind: 'cycle',
    apply: (r, b) =>
      r.pick<() => void>([
        () => (b.bodies.find((x: Item) => x.id === 't-hq').partOf = 't-division'),
        () => (b.bodies.find((x: Item) => x.id === 't-division').partOf = 't-division'),
        () => (b.instruments[0].implements = ['t-city-measure']),
        () => (b.places[0].within = 't-city'),
        () => (b.powers[0].narrowerThan = 't-code.assign'),
      ])(),
  },
  { kind: 'bad enum', apply: (r, b) => (r.pick(b.bodies as Item[]).kind = r.pick(['NOPE', 'agency', '', 5, null])) },
  { kind: 'bad number', apply: (r, b) => (b.groups[0].size = r.pick([-1, 'many', 1.5, Number.POSITIVE_INFINITY, '1317'])) },
  {
    kind: 'private data',
    apply: (r, b) =>
      (b.persons[0].positions[0].title = r.pick(['电话 13812345678', 'tel +86 138-1234-5678', '身份证 110101199003074514', 'mail a.b@example.com'])),
  },
  { kind: 'evidence of no source', apply: (r, b) => (b.bodies[0].evidence = [{ source: r.pick(['no-such-source', '', 5]), quoteZh: 'x' }]) },
  { kind: 'evidence missing', apply: (r, b) => delete r.pick(b.bodies.filter((x: Item) => x.evidence) as Item[]).evidence },
  { kind: "another case's node", apply: (_r, b) => (b.case.id = 'fuzz-other-case') },
  { kind: 'too many problems', apply: (_r, b) => (b.places = Array.from({ length: 2000 }, (_, i) => ({ id: `p${i}`, name: 'x', level: 'NOPE' }))) },
];

function brokenData(r: Random, tiny: Bundle): BadBundle {
  const b = structuredClone(tiny);
  const kinds: string[] = [];
  for (let n = r.int(1, 3); n > 0; n--) {
    const breaker = r.pick(BREAKERS);
    try {
      breaker.apply(r, b);
      kinds.push(breaker.kind);
    } catch {
      // An earlier change removed what this one needed; the earlier one already breaks the bundle.
    }
  }
  if (!kinds.length) return brokenData(r, tiny);
  return { kind: kinds.join(' + '), data: b };
}

function brokenText(r: Random, tiny: Bundle): BadBundle {
  if (r.chance(0.5)) {
    // JSON cut short anywhere is never valid JSON.
    const text = JSON.stringify(tiny);
    return { kind: 'truncated JSON', text: text.slice(0, r.int(0, text.length - 1)), file: 'fuzz.json' };
  }
  const lines = stringify(tiny).split('\n');
  const at = r.int(1, lines.length - 1);
  const junk = r.pick([
    'bad: [unclosed',
    'bad: {unclosed: ',
    '  - { id: x, name: "unclosed }',
    '\tname: tab-indented',
    'case: duplicate key',
    ': : :',
    '- - - ]',
    '&anchor *alias',
    'key: !!binary not-base64!',
    '!!python/object:os.system ["echo"]',
    '%YAML 9.9',
    '---\n---\nformat: 1',
  ]);
  lines.splice(at, 0, junk);
  return { kind: 'broken YAML', text: lines.join('\n'), file: 'fuzz.yaml' };
}

export function bundleCorpus(seed: number, count: number, tiny: Bundle): BadBundle[] {
  const r = seeded(seed);
  const fixed: BadBundle[] = [
    { kind: 'not a bundle', data: null },
    { kind: 'not a bundle', data: [] },
    { kind: 'not a bundle', data: 'format: quanze-bundle/1' },
    { kind: 'not a bundle', data: 42 },
    { kind: 'empty bundle', data: {} },
    { kind: 'format only', data: { format: 'quanze-bundle/1' } },
    { kind: 'empty file', text: '', file: 'fuzz.yaml' },
    { kind: 'binary file', text: '\u0000\u0001\u0002\ufffd\ufffd', file: 'fuzz.yaml' },
    {
      kind: 'billion laughs',
      text: 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n',
      file: 'fuzz.yaml',
    },
  ];
  const made = Array.from({ length: Math.max(0, count - fixed.length) }, () => (r.chance(0.8) ? brokenData(r, tiny) : brokenText(r, tiny)));
  return [...fixed, ...made];
}
