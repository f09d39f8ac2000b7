// A deterministic corpus of bad requests to /graphql: malformed bodies, wrong types, negative
// and huge counts, unknown fields, queries past the depth, alias and cost limits, huge and
// control-character strings, bad ids, dates and enums, writes without or with bad
// credentials, and bad bundles sent to importBundle by an editor. Used by test/server/fuzz.test.ts.
import { createHmac } from 'node:crypto';
import { BAD_COUNTS, BAD_DATES, BAD_ENUMS, NASTY_STRINGS, seeded, type Random } from './fuzzRandom.js';

export interface FuzzRequest {
  kind: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path?: string;
  contentType?: string;
  body?: string;
  bearer?: string;
  authorization?: string;
}

/** Ids of the tiny fixture (test/fixtures/bundles/valid-tiny.yaml), so some probes reach real data. */
const POWERS = ['t-code', 't-code.assign'];
const PLACES = ['t-city', 't-province', 't-country'];
const BODIES = ['t-hq', 't-new-bureau', 't-division'];
const CASES = ['test-tiny'];

const gql = (s: string) => JSON.stringify(s);
const json = (query: string, variables?: unknown) => JSON.stringify(variables === undefined ? { query } : { query, variables });

function anyId(r: Random, real: readonly string[]): string {
  return r.chance(0.3) ? r.pick(real) : r.pick(NASTY_STRINGS);
}

/** One question with its arguments written inline, each either sensible or broken. */
function question(r: Random, arg: (name: string, good: string) => string): string {
  const at = () => arg('at', gql('2022-06-13'));
  const limit = () => arg('limit', '10');
  const reading = () => arg('reading', 'AS_IT_STOOD');
  switch (r.int(0, 10)) {
    case 0:
      return `whoCan(power: ${arg('power', gql(r.pick(POWERS)))}, place: ${arg('place', gql(r.pick(PLACES)))}, at: ${at()}, limit: ${limit()}, reading: ${reading()}) { holders { body { id } } dataVersion }`;
    case 1:
      return `whoDid(power: ${arg('power', gql(r.pick(POWERS)))}, from: ${arg('from', gql('2022-01-01'))}, to: ${arg('to', gql('2022-12-31'))}, limit: ${limit()}) { actions { action { id } } }`;
    case 2:
      return `gaps(case: ${arg('case', gql('test-tiny'))}, at: ${at()}, limit: ${limit()}, first: ${arg('first', '5')}, after: ${arg('after', gql('x'))}) { findings { id kind } total }`;
    case 3:
      return `search(text: ${arg('text', gql('郑州'))}, limit: ${limit()}) { hits { node { id } score } }`;
    case 4:
      return `neighborhood(id: ${arg('id', gql(r.pick(BODIES)))}, depth: ${arg('depth', '2')}, at: ${at()}, limit: ${limit()}) { nodes { id } edges { id } }`;
    case 5:
      return `explain(body: ${arg('body', gql(r.pick(BODIES)))}, power: ${arg('power', gql(r.pick(POWERS)))}, at: ${at()}, reading: ${reading()}) { verdict }`;
    case 6:
      return `compare(power: ${arg('power', gql(r.pick(POWERS)))}, places: ${arg('places', `[${gql(r.pick(PLACES))}]`)}, at: ${at()}) { rows { place { id } } }`;
    case 7:
      return `timeline(case: ${arg('case', gql('test-tiny'))}, limit: ${limit()}) { events { id } }`;
    case 8:
      return `caseGraph(case: ${arg('case', gql('test-tiny'))}, at: ${at()}, limit: ${limit()}) { nodes { id } }`;
    case 9:
      return `bodies(limit: ${limit()}, offset: ${arg('offset', '0')}) { id name }`;
    default:
      return `story(case: ${arg('case', gql('test-tiny'))}) { leadAction dataVersion }`;
  }
}

/** Breaks at most one argument (some requests stay valid, as controls), with a value fitting how it can go wrong. */
function brokenArgument(r: Random): (name: string, good: string) => string {
  let broken = false;
  return (name, good) => {
    if (broken || r.chance(0.55)) return good;
    broken = true;
    if (['limit', 'offset', 'first', 'depth'].includes(name)) return r.pick(BAD_COUNTS);
    if (['at', 'from', 'to'].includes(name)) return r.chance(0.8) ? gql(r.pick(BAD_DATES)) : r.pick(['5', 'true', '{ y: 2022 }', '[]']);
    if (name === 'reading') return r.pick(BAD_ENUMS);
    if (name === 'places')
      return r.pick(['[]', 'null', gql('t-city'), `[${gql(r.pick(NASTY_STRINGS))}]`, `[${Array(200).fill('"t-city"').join(',')}]`]);
    return r.chance(0.8) ? gql(anyId(r, [...POWERS, ...PLACES, ...BODIES, ...CASES])) : r.pick(['123', 'null', 'true', '["a"]', '{ id: "a" }']);
  };
}

const MALFORMED_BODIES: readonly string[] = [
  '{"query": "{ dataVersion }"',
  '{query: "{ dataVersion }"}',
  "{'query': '{ dataVersion }'}",
  '[]',
  '[{"query":"{ dataVersion }"},{"query":"{ dataVersion }"}]',
  '"{ dataVersion }"',
  'null',
  '123',
  'true',
  '{}',
  '{"query": 5}',
  '{"query": null}',
  '{"query": ["{ dataVersion }"]}',
  '{"query": "{ dataVersion }", "variables": "x"}',
  '{"query": "{ dataVersion }", "variables": [1, 2]}',
  '{"query": "{ dataVersion }", "operationName": 5}',
  '{"query": "{ dataVersion }", "operationName": "Nope"}',
  '{"query": "query A { dataVersion } query B { dataVersion }"}',
  '{"query": "{ dataVersion }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
  '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
  '{"query": "{ dataVersion }", "query": "{ __typename }"}',
  '\ufeff{"query": "{ dataVersion }"}',
  '{"query": "{ dataVersion }"}garbage',
  '{"query": "\\ud800"}',
  '{"query": "\u0000"}',
  '{"__proto__": {"query": "{ dataVersion }"}}',
  '{"constructor": {"prototype": {"admin": true}}, "query": "{ dataVersion }"}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `{"query": "{ dataVersion }", "variables": ${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`,
  '\x00\x01\x02\x03\xff\xfe',
  '',
  ' ',
];

function malformed(r: Random): FuzzRequest {
  if (r.chance(0.5)) return { kind: 'malformed JSON', body: r.pick(MALFORMED_BODIES) };
  // A valid request cut at a random place: never valid JSON again.
  const whole = json(`{ ${question(r, (_n, good) => good)} }`);
  return { kind: 'truncated JSON', body: whole.slice(0, r.int(1, whole.length - 1)) };
}

function wrongTransport(r: Random): FuzzRequest {
  const body = json('{ dataVersion }');
  return r.pick<FuzzRequest>([
    { kind: 'wrong content type', contentType: 'text/plain', body },
    { kind: 'wrong content type', contentType: 'application/x-www-form-urlencoded', body: 'query=%7BdataVersion%7D' },
    {
      kind: 'wrong content type',
      contentType: 'multipart/form-data; boundary=x',
      body: '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--',
    },
    { kind: 'wrong content type', contentType: 'application/json; charset=utf-16', body },
    { kind: 'wrong content type', contentType: 'application/graphql', body: '{ dataVersion }' },
    { kind: 'wrong method', method: 'PUT', body },
    { kind: 'wrong method', method: 'DELETE', body },
    { kind: 'GET', method: 'GET', path: `/graphql?query=${encodeURIComponent('{ dataVersion }')}` },
    { kind: 'GET', method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { importBundle(bundle: {}) { nodes } }')}` },
    { kind: 'GET', method: 'GET', path: '/graphql?query=%E0%A4%A' },
    { kind: 'bad path', method: 'GET', path: '/graphql/%E0%A4%A' },
    { kind: 'bad path', method: 'GET', path: `/${'%'.repeat(3)}` },
    { kind: 'bad path', method: 'GET', path: '/../../etc/passwd' },
  ]);
}

function badArguments(r: Random): FuzzRequest {
  return { kind: 'bad argument', body: json(`{ ${question(r, brokenArgument(r))} }`) };
}

function badVariables(r: Random): FuzzRequest {
  const names = ['power', 'place', 'at', 'limit', 'reading'] as const;
  const broken = r.pick(names);
  const values: Record<string, unknown> = { power: r.pick(POWERS), place: r.pick(PLACES), at: '2022-06-13', limit: 10, reading: 'AS_IT_STOOD' };
  values[broken] = r.pick<unknown>(
    broken === 'limit'
      ? [-1, -2147483649, 2 ** 31, 1e300, 1.5, '10', true, null, [1], { n: 1 }]
      : broken === 'at'
        ? [...BAD_DATES, 20220613, { year: 2022 }, ['2022-06-13']]
        : broken === 'reading'
          ? ['FOO', 'as_it_stood', 1, null, ['AS_IT_STOOD']]
          : [...NASTY_STRINGS, 123, null, true, [], { id: 'x' }],
  );
  if (r.chance(0.2)) values.unknownVariable = 'x';
  const query =
    'query Q($power: ID!, $place: ID, $at: Date, $limit: Int, $reading: Reading) { whoCan(power: $power, place: $place, at: $at, limit: $limit, reading: $reading) { holders { body { id } } } }';
  return { kind: 'bad variable', body: json(query, values) };
}

function unknownThings(r: Random): FuzzRequest {
  return {
    kind: 'unknown field',
    body: json(
      r.pick([
        '{ nope }',
        '{ dataVersion nope }',
        '{ whoCan(power: "t-code", nope: 1) { holders { body { id } } } }',
        '{ whoCan(power: "t-code") { holders { secret } } }',
        '{ bodies { password } }',
        '{ __type(name: "Body") { fields { name } } }',
        '{ dataVersion @nope }',
        '{ dataVersion @include(if: "yes") }',
        '{ ...F } fragment F on Nope { id }',
        '{ ...Missing }',
        'query($x: Nope) { dataVersion }',
        'query($x: Int) { dataVersion }',
        '{ dataVersion(x: 1) }',
        '{ search { hits { node { id } } } }',
        '{ whoCan { holders { body { id } } } }',
        'query { dataVersion } mutation { importBundle(bundle: {}) { nodes } }',
        `{ ${gql('x')} }`,
        '{ 1 }',
        '{ dataVersion { id } }',
        '{ whoCan(power: "t-code") }',
      ]),
    ),
  };
}

function overLimits(r: Random): FuzzRequest {
  const n = r.int(16, 60);
  const aliases = Array.from(
    { length: n },
    (_, i) => `a${i}: whoCan(power: "t-code.assign", place: "t-city") { holders { body { id name nameZh } } }`,
  ).join(' ');
  const deep = (depth: number) => `{ __schema { types { ${'fields { type { ofType { '.repeat(depth)}name${' } } }'.repeat(depth)} } } }`;
  const neighbours = Array.from(
    { length: 15 },
    (_, i) => `n${i}: neighborhood(id: "t-hq", depth: 50, limit: 100000) { nodes { id label name nameZh } edges { id source target } }`,
  ).join(' ');
  return {
    kind: 'over a limit',
    body: json(
      r.pick([
        `{ ${aliases} }`,
        deep(r.int(5, 40)),
        `{ ${neighbours} }`,
        `{ ${Array.from({ length: 15 }, (_, i) => `g${i}: gaps(case: "test-tiny", limit: 100000) { findings { id kind severity title titleZh } }`).join(' ')} }`,
        '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
        `{ dataVersion ${'@include(if: true) '.repeat(r.int(100, 2000))}}`,
        `{ ${Array.from({ length: r.int(2000, 7000) }, () => '__typename').join(' ')} }`,
        `{ ${Array.from({ length: 300 }, (_, i) => `...F${i}`).join(' ')} } ${Array.from({ length: 300 }, (_, i) => `fragment F${i} on Query { dataVersion }`).join(' ')}`,
        ((d: number) => `{ bodies { ${'partOf { '.repeat(d)}id${' }'.repeat(d)} } }`)(r.int(12, 30)),
        `query ${'('.repeat(200)}`,
      ]),
    ),
  };
}

function hugeStrings(r: Random): FuzzRequest {
  const size = r.pick([1_001, 10_000, 100_000, 1_000_000, 5_000_000]);
  const char = r.pick(['x', '郑', '\u0000', '\u202e', '"', '\\', '🙂']);
  const text = char.repeat(Math.ceil(size / char.length));
  return r.pick<FuzzRequest>([
    { kind: 'huge string', body: json('query($t: String!) { search(text: $t) { hits { node { id } } } }', { t: text }) },
    { kind: 'huge string', body: json('query($id: ID!) { neighborhood(id: $id) { nodes { id } } }', { id: text }) },
    { kind: 'huge string', body: json(`{ whoCan(power: ${gql(text.slice(0, 200_000))}) { holders { body { id } } } }`) },
    { kind: 'huge string', body: json('{ dataVersion }', { padding: text }) },
    { kind: 'huge string', body: json(`# ${text.slice(0, 500_000).replace(/\n/g, ' ')}\n{ dataVersion }`) },
  ]);
}

function controlCharacters(r: Random): FuzzRequest {
  const c = String.fromCharCode(r.pick([0, 1, 7, 8, 11, 12, 27, 127, 0x85, 0x2028, 0x2029, 0x202e, 0x200b, 0xfeff, 0xd800]));
  return r.pick<FuzzRequest>([
    { kind: 'control character', body: json(`{ data${c}Version }`) },
    { kind: 'control character', body: json(`{ search(text: "郑${c}州") { hits { node { id } } } }`) },
    { kind: 'control character', body: json('query($id: ID!) { neighborhood(id: $id) { nodes { id } } }', { id: `t-hq${c}` }) },
    { kind: 'control character', body: json(`{ dataVersion }${c}`) },
    { kind: 'control character', body: json(`{ gaps(case: "test${c}tiny") { total } }`) },
  ]);
}

/** An HS256 JWT by hand, so the fuzz can forge bad ones (alg none, wrong secret, expired, no role). */
function forgedJwt(r: Random, secret: string): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const variants = [
    { header: { alg: 'none', typ: 'JWT' }, payload: { roles: ['editor'], sub: 'x' }, signature: '' },
    { header: { alg: 'HS256' }, payload: { roles: ['editor'], exp: now - 60 }, signature: 'good' },
    { header: { alg: 'HS256' }, payload: { roles: ['reader'] }, signature: 'good' },
    { header: { alg: 'HS256' }, payload: { roles: 'editor' }, signature: 'good' },
    { header: { alg: 'HS256' }, payload: { roles: ['editor'] }, signature: 'wrong' },
    { header: { alg: 'HS512' }, payload: { roles: ['editor'] }, signature: 'wrong' },
    { header: { alg: 'RS256' }, payload: { roles: ['editor'] }, signature: 'wrong' },
  ];
  const v = r.pick(variants);
  const unsigned = `${b64(v.header)}.${b64(v.payload)}`;
  if (v.signature === '') return `${unsigned}.`;
  const key = v.signature === 'good' ? secret : 'not-the-secret-of-this-server-000000';
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

function writeWithoutCredentials(r: Random, secret: string, validBundle: unknown): FuzzRequest {
  const query = r.pick([
    'mutation($b: JSON!) { importBundle(bundle: $b) { nodes dataVersion } }',
    'mutation($b: JSON!) { importBundle(bundle: $b, dryRun: false) { nodes } }',
    'mutation { createBodies(input: [{ id: "x", name: "x" }]) { bodies { id } } }',
    'mutation { deleteBodies(where: {}) { nodesDeleted } }',
    'mutation { __typename }',
  ]);
  const authorization = r.pick<string | undefined>([
    undefined,
    'Bearer',
    'Bearer ',
    'Bearer wrong-token',
    'Basic ZWRpdG9yOmVkaXRvcg==',
    'bearer  ',
    `Bearer ${forgedJwt(r, secret)}`,
    `Bearer ${forgedJwt(r, secret)}`,
    `Bearer ${'x'.repeat(6000)}`,
    'Bearer \u0000',
  ]);
  return { kind: 'write without credentials', body: json(query, { b: validBundle }), authorization: authorization?.split('\u0000').join('') };
}

function badUpload(r: Random, token: string, badBundle: unknown): FuzzRequest {
  const weird = [null, 'format: quanze-bundle/1', 42, [], [{ format: 'quanze-bundle/1' }], { format: 'quanze-bundle/1' }];
  const bundle = r.chance(0.85) ? badBundle : r.pick<unknown>(weird);
  const dry = r.pick<unknown>([undefined, false, true, 'yes', 0]);
  const variables: Record<string, unknown> = { b: bundle };
  if (dry !== undefined) variables.dry = dry;
  return {
    kind: 'bad bundle upload',
    bearer: token,
    body: json('mutation($b: JSON!, $dry: Boolean) { importBundle(bundle: $b, dryRun: $dry) { nodes relations dataVersion } }', variables),
  };
}

export interface RequestCorpusOptions {
  seed: number;
  count: number;
  editorToken: string;
  jwtSecret: string;
  /** A valid bundle, for the writes that must be refused for want of credentials. */
  validBundle: unknown;
  /** Bad bundles, for the editor's uploads. */
  badBundles: unknown[];
}

export function requestCorpus(options: RequestCorpusOptions): FuzzRequest[] {
  const r = seeded(options.seed);
  const makers: ((r: Random) => FuzzRequest)[] = [
    malformed,
    wrongTransport,
    badArguments,
    badArguments,
    badVariables,
    unknownThings,
    overLimits,
    hugeStrings,
    controlCharacters,
    (r) => writeWithoutCredentials(r, options.jwtSecret, options.validBundle),
    (r) => badUpload(r, options.editorToken, r.pick(options.badBundles)),
  ];
  return Array.from({ length: options.count }, (_, i) => makers[i % makers.length](r));
}
