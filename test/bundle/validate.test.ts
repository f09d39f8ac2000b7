import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { bundleFromData, readBundleFile, parseBundleText } from '../../server/bundle/parse.js';
import { validateBundle } from '../../server/bundle/validate.js';
import { formatProblem, type Problem } from '../../server/bundle/problem.js';
import { isIdCard18, findPrivateData } from '../../server/bundle/privateData.js';
import { projectRoot } from '../../server/config.js';

const fixture = (name: string) => path.join(projectRoot, 'test', 'fixtures', 'bundles', name);

async function problemsOf(name: string, existing?: Map<string, Set<string>>): Promise<Problem[]> {
  return validateBundle(await readBundleFile(fixture(name)), { existing });
}

/** line, path, code and message of each problem: what an editor sees. */
function summary(problems: Problem[]) {
  return problems.map((p) => ({ line: p.line, path: p.path, code: p.code, message: p.message }));
}

describe('a valid bundle', () => {
  it('has no problems', async () => {
    expect(await problemsOf('valid-tiny.yaml')).toEqual([]);
  });

  it('reads the same as JSON', async () => {
    const yaml = await readBundleFile(fixture('valid-tiny.yaml'));
    const json = parseBundleText(JSON.stringify(yaml.data, null, 2), 'tiny.json');
    expect(validateBundle(json)).toEqual([]);
    expect(json.data).toEqual(yaml.data);
  });
});

describe('a bad bundle', () => {
  it('that is not YAML names the line', async () => {
    const problems = await problemsOf('bad-yaml.yaml');
    expect(summary(problems)).toEqual([{ line: 5, path: '', code: 'PARSE_ERROR', message: 'The file is not valid YAML: Map keys must be unique.' }]);
    expect(formatProblem(problems[0])).toBe(`${fixture('bad-yaml.yaml')}:5  (bundle)  The file is not valid YAML: Map keys must be unique.`);
  });

  it('reports every schema problem with its line', async () => {
    expect(summary(await problemsOf('bad-schema.yaml'))).toEqual([
      { line: 1, path: 'format', code: 'BAD_FORMAT', message: 'format must be "quanze-bundle/1", not text ("quanze-bundle/2").' },
      {
        line: 11,
        path: 'bodies[0].kind',
        code: 'MISSING_FIELD',
        message:
          'Body "t-no-kind" has no kind, which is required: what sort of body it is (a built-in kind or a BODY_KIND term the bundle declares).',
      },
      { line: 17, path: 'bodies[1].nmae', code: 'UNKNOWN_FIELD', message: 'A Body has no field nmae. Did you mean name?' },
      {
        line: 20,
        path: 'bodies[1].kind',
        code: 'BAD_ENUM',
        message:
          'kind is "AGENCYY", which is not one of HEAD_OF_STATE, HEAD_OF_GOVERNMENT, CABINET, MINISTRY, DEPARTMENT, AGENCY, OFFICE, LEGISLATURE, COURT, PROSECUTOR, ARMED_FORCES, POLICE, REGULATOR, LOCAL_GOVERNMENT, EPIDEMIC_HQ, HQ_DIVISION, PARTY_ORGAN, DISCIPLINE_COMMISSION, HOTLINE, COMPANY, COMMUNITY_OFFICE, PLATFORM, OTHER. Did you mean AGENCY? A case may add its own: terms: [{ id, vocabulary: BODY_KIND, value: AGENCYY, label }].',
      },
      {
        line: 22,
        path: 'bodies[1].pinyin',
        code: 'UNKNOWN_FIELD',
        message: 'A Body has no field pinyin. pinyin is computed on import from the Chinese name; remove it.',
      },
      {
        line: 24,
        path: 'bodies[2].id',
        code: 'BAD_ID',
        message: 'id "Bad Id" is not a valid id: use lowercase letters and digits in words joined by dots or hyphens (e.g. cn-henan-zhengzhou).',
      },
      { line: 29, path: 'bodies[2].jurisdiction', code: 'WRONG_TYPE', message: 'jurisdiction must be an id or { id: ... }, not a list.' },
      { line: 32, path: 'groups[0].size', code: 'WRONG_TYPE', message: 'size must be a whole number, not text ("many").' },
    ]);
  });

  it('reports impossible dates and dates out of order, reading a month or a year as the days it covers', async () => {
    const notADate = ', which is not a real calendar date: write YYYY-MM-DD, or YYYY-MM or "YYYY" when the source gives only the month or the year.';
    expect(summary(await problemsOf('bad-dates.yaml'))).toEqual([
      { line: 7, path: 'sources[0].publishedAt', code: 'BAD_DATE', message: `publishedAt is "2022-02-30"${notADate}` },
      { line: 15, path: 'bodies[0].validTo', code: 'DATE_ORDER', message: 'validTo (2022-03-31) is before validFrom (2022-04-01).' },
      { line: 27, path: 'persons[0].positions[0].to', code: 'DATE_ORDER', message: 'to (2021-06-01) is before from (2022-06-01).' },
      { line: 34, path: 'instruments[0].issuedOn', code: 'BAD_DATE', message: `issuedOn is "2021-13-01"${notADate}` },
      {
        line: 40,
        path: 'instruments[1].issuedOn',
        code: 'BAD_DATE',
        message: 'issuedOn is the number 1689: write a year alone in quotes, "1689" (YAML reads an unquoted 1689 as a number).',
      },
      // May 2022 certainly begins after April 2022 ends; April 2022 and 15 April 2022 may be in order, so no problem.
      { line: 42, path: 'instruments[1].effectiveTo', code: 'DATE_ORDER', message: 'effectiveTo (2022-04) is before effectiveFrom (2022-05).' },
      { line: 48, path: 'instruments[2].issuedOn', code: 'BAD_DATE', message: `issuedOn is "2022-4"${notADate}` },
    ]);
  });

  it('reports dangling references, wrong target types and duplicate ids', async () => {
    expect(summary(await problemsOf('bad-references.yaml'))).toEqual([
      {
        line: 14,
        path: 'bodies[0].jurisdiction',
        code: 'DANGLING_REFERENCE',
        message: 'jurisdiction points at "t-nowhere", but no Place has that id in this bundle.',
      },
      {
        line: 16,
        path: 'bodies[1].id',
        code: 'DUPLICATE_ID',
        message: 'The id "t-place" is already used by places[0] (a Place); ids must be unique across the bundle.',
      },
      {
        line: 30,
        path: 'grants[0].power',
        code: 'WRONG_TARGET_TYPE',
        message: 'power points at "t-body", which is a Body; OF must point at a Power.',
      },
      {
        line: 39,
        path: 'actions[0].exercised[0]',
        code: 'DANGLING_REFERENCE',
        message: 'exercised points at "health-code.assign", but no Power has that id in this bundle.',
      },
    ]);
  });

  it('may point at shared vocabulary the database has, and only that', async () => {
    const existing = new Map([
      ['Power', new Set(['health-code.assign'])],
      ['Body', new Set(['t-nowhere'])],
      ['Case', new Set(['t-body'])],
    ]);
    expect(summary(await problemsOf('bad-references.yaml', existing))).toEqual([
      {
        line: 9,
        path: 'bodies[0].id',
        code: 'ID_TAKEN',
        message: 'The id "t-body" already belongs to a Case in the database; choose another id for this Body.',
      },
      {
        line: 14,
        path: 'bodies[0].jurisdiction',
        code: 'WRONG_TARGET_TYPE',
        message: 'jurisdiction points at "t-nowhere", which is a Body in the database; JURISDICTION must point at a Place.',
      },
      {
        line: 16,
        path: 'bodies[1].id',
        code: 'DUPLICATE_ID',
        message: 'The id "t-place" is already used by places[0] (a Place); ids must be unique across the bundle.',
      },
      {
        line: 30,
        path: 'grants[0].power',
        code: 'WRONG_TARGET_TYPE',
        message: 'power points at "t-body", which is a Body; OF must point at a Power.',
      },
    ]);
  });

  it('reports facts without evidence and citations without quotes or sources', async () => {
    expect(summary(await problemsOf('bad-evidence.yaml'))).toEqual([
      {
        line: 9,
        path: 'bodies[0]',
        code: 'MISSING_EVIDENCE',
        message: 'Body "t-uncited" states a fact and cites no evidence: add evidence: [{ source, quoteZh }] or unsourced: true.',
      },
      {
        line: 19,
        path: 'bodies[1].staffedBy[0]',
        code: 'MISSING_EVIDENCE',
        message:
          'STAFFED_BY states a fact and must cite evidence (or say unsourced: true): write { id: t-uncited, evidence: [...] } instead of the bare id.',
      },
      {
        line: 21,
        path: 'bodies[1].evidence[0]',
        code: 'CITATION_WITHOUT_QUOTE',
        message: 'This citation of "src-a" quotes nothing: add quoteZh (the passage in Chinese, verbatim) or quote (in English).',
      },
      {
        line: 22,
        path: 'bodies[1].evidence[1].source',
        code: 'UNKNOWN_SOURCE',
        message: 'The citation names source "src-missing", which this bundle does not define: add it under sources.',
      },
      {
        line: 28,
        path: 'bodies[2].succeededBy',
        code: 'MISSING_EVIDENCE',
        message: 'SUCCEEDED_BY states a fact and cites no evidence: add evidence: [{ source, quoteZh }] or unsourced: true.',
      },
      {
        line: 29,
        path: 'bodies[2].evidence',
        code: 'EMPTY_LIST',
        message: 'evidence is an empty list: give at least one citation, or remove it and write unsourced: true.',
      },
    ]);
  });

  it('refuses a person who holds no public position', async () => {
    expect(summary(await problemsOf('bad-person.yaml'))).toEqual([
      {
        line: 9,
        path: 'persons[0]',
        code: 'PERSON_WITHOUT_POSITION',
        message:
          'Person "t-private" holds no public position: a person is recorded only as a public office holder, so add positions: [{ id: BODY_ID, title, titleZh, evidence }].',
      },
    ]);
  });

  it('finds private data in any string, without repeating it', async () => {
    const problems = await problemsOf('bad-private-data.yaml');
    expect(summary(problems)).toEqual([
      {
        line: 6,
        path: 'case.summary',
        code: 'PRIVATE_DATA',
        message:
          "summary contains what looks like a mainland ID-card number (110************02X); private individuals' data must not be stored: remove it.",
      },
      {
        line: 6,
        path: 'case.summary',
        code: 'PRIVATE_DATA',
        message: "summary contains what looks like a mobile phone number (13*******78); private individuals' data must not be stored: remove it.",
      },
      {
        line: 6,
        path: 'case.summary',
        code: 'PRIVATE_DATA',
        message: "summary contains what looks like a landline phone number (037*******000); private individuals' data must not be stored: remove it.",
      },
      {
        line: 14,
        path: 'groups[0].evidence[0].quoteZh',
        code: 'PRIVATE_DATA',
        message:
          "quoteZh contains what looks like a mainland ID-card number (110*********002); private individuals' data must not be stored: remove it.",
      },
    ]);
  });
});

describe('private data patterns', () => {
  it('checks the ID-card check character', () => {
    expect(isIdCard18('11010519491231002X')).toBe(true);
    expect(isIdCard18('110105194912310021')).toBe(false);
  });

  it('leaves hotlines, dates, document numbers and URLs alone', () => {
    for (const text of [
      '12345',
      '12320热线',
      '2022-06-13',
      '豫政〔2020〕12号',
      'https://finance.sina.com.cn/doc-imizmscu6179183.shtml',
      '1,317名储户',
      'Article 10',
    ]) {
      expect(findPrivateData(text)).toEqual([]);
    }
  });

  it('finds numbers embedded in Chinese text', () => {
    expect(findPrivateData('电话13812345678联系').map((f) => f.kind)).toEqual(['MOBILE']);
    expect(findPrivateData('座机010-12345678').map((f) => f.kind)).toEqual(['LANDLINE']);
  });
});

describe('conditions and their outcomes', () => {
  it('refuses unknown kinds and fields, missing bodies, repeated ids and thresholds without bounds, with a guess at the typo', async () => {
    const problems = summary(await problemsOf('bad-conditions.yaml'));
    expect(problems.filter((p) => p.path.startsWith('grants'))).toEqual([
      {
        line: 32,
        path: 'grants[0].conditions[0].body',
        code: 'DANGLING_REFERENCE',
        message: 'body points at "us-senat", but no Body has that id in this bundle. Did you mean us-senate?',
      },
      {
        line: 32,
        path: 'grants[0].conditions[0].kind',
        code: 'BAD_ENUM',
        message: 'kind is "CONSENTT", which is not one of THRESHOLD, CONSENT, APPROVAL, PROCEDURE. Did you mean CONSENT?',
      },
      {
        line: 33,
        path: 'grants[0].conditions[1]',
        code: 'MISSING_FIELD',
        message: 'A THRESHOLD condition needs param (what is counted, e.g. votesFor) and min or max (the bounds, inclusive).',
      },
      { line: 34, path: 'grants[0].conditions[2].bodyy', code: 'UNKNOWN_FIELD', message: 'A condition has no field bodyy. Did you mean body?' },
      {
        line: 34,
        path: 'grants[0].conditions[2].id',
        code: 'DUPLICATE_ID',
        message:
          'The condition id "t-senate-consent" is already used by provisions[1].restricts[0].conditions[0]; condition ids must be unique across the bundle.',
      },
    ]);
  });

  it('refuses an outcome that is not true, false or null, names no condition or one of another power, or cites badly', async () => {
    const problems = summary(await problemsOf('bad-conditions.yaml'));
    expect(problems.filter((p) => p.path.startsWith('actions'))).toEqual([
      {
        line: 56,
        path: 'actions[0].conditionsMet[0].met',
        code: 'WRONG_TYPE',
        message: 'met must be true, false or null (not known), not text ("nope").',
      },
      {
        line: 57,
        path: 'actions[0].conditionsMet[1].condition',
        code: 'DANGLING_REFERENCE',
        message:
          'condition is "t-senate-consnet", but no condition has that id in this bundle. Did you mean t-senate-consent? The conditions of the grants it could rest on are t-senate-consent, t-advice, t-grant-appoint#2.',
      },
      {
        line: 58,
        path: 'actions[0].conditionsMet[2].condition',
        code: 'UNRELATED_CONDITION',
        message:
          'condition "t-petition" belongs to grant t-grant-pardon (of t-pardon), but this action exercised t-appoint: an outcome can only be about a condition of a grant of the power exercised, or of a broader or narrower one. The conditions of the grants it could rest on are t-senate-consent, t-advice, t-grant-appoint#2.',
      },
      {
        line: 59,
        path: 'actions[0].conditionsMet[3].kind',
        code: 'UNRELATED_CONDITION',
        message:
          'kind is PROCEDURE, but no grant of t-appoint (or of a broader or narrower power) in this bundle has a PROCEDURE condition; they have CONSENT, THRESHOLD, APPROVAL. Name the condition instead: condition: CONDITION_ID. The conditions of the grants it could rest on are t-senate-consent, t-advice, t-grant-appoint#2.',
      },
      {
        line: 60,
        path: 'actions[0].conditionsMet[4]',
        code: 'MISSING_FIELD',
        message:
          'This outcome names no condition: write condition: CONDITION_ID. The conditions of the grants it could rest on are t-senate-consent, t-advice, t-grant-appoint#2.',
      },
      {
        line: 63,
        path: 'actions[0].conditionsMet[5].evidence[0].source',
        code: 'UNKNOWN_SOURCE',
        message: 'The citation names source "src-b", which this bundle does not define: add it under sources.',
      },
      {
        line: 63,
        path: 'actions[0].conditionsMet[5].evidence[1]',
        code: 'CITATION_WITHOUT_QUOTE',
        message: 'This citation of "src-a" quotes nothing: add quoteZh (the passage in Chinese, verbatim) or quote (in English).',
      },
    ]);
  });

  it("accepts a condition's body from the database, and a default id <grantId>#<n>", async () => {
    const existing = new Map([['Body', new Set(['us-senat'])]]);
    const problems = summary(await problemsOf('bad-conditions.yaml', existing));
    expect(problems.map((p) => p.path)).not.toContain('grants[0].conditions[0].body');
    expect(problems.map((p) => p.path)).not.toContain('actions[0].conditionsMet[5].condition');
  });

  it('accepts the outcomes of the seed cases, written with the older kind', async () => {
    for (const file of ['henan-red-code-2022.yaml', 'illustrative-millbrook-demolition-permit.yaml']) {
      expect(validateBundle(await readBundleFile(path.join(projectRoot, 'seed', file)))).toEqual([]);
    }
  });
});

describe('a value with a comma inside { }', () => {
  it('is one problem that says to quote it, not a list of unknown fields', () => {
    const text = [
      'format: quanze-bundle/1',
      'case: { id: t-case, title: A constitution }',
      'instruments:',
      '  - { id: t-const, title: Constitution, docType: CONSTITUTION, unsourced: true }',
      'provisions:',
      '  - { id: t-art2, ref: Art. II, s. 1, cl. 1, partOf: t-const, unsourced: true }',
    ].join('\n');
    const problems = validateBundle(parseBundleText(text, 'constitution.yaml'));
    expect(summary(problems)).toEqual([
      {
        line: 6,
        path: 'provisions[0].ref',
        code: 'UNQUOTED_VALUE',
        message:
          'The value of ref contains a comma but is not in quotes: inside { } a comma ends a value, so "Art. II, s. 1, cl. 1" was read as ref: Art. II followed by fields "s. 1", "cl. 1". Write it in quotes: ref: "Art. II, s. 1, cl. 1".',
      },
    ]);
    const quoted = validateBundle(parseBundleText(text.replace('ref: Art. II, s. 1, cl. 1', 'ref: "Art. II, s. 1, cl. 1"'), 'constitution.yaml'));
    expect(quoted).toEqual([]);
  });

  it('hints at quoting when a colon inside { } breaks the YAML', () => {
    const problems = parseBundleText('case: { id: t, title: Note: this }\n', 'note.yaml').problems;
    expect(problems.map((p) => p.message)).toEqual([
      'The file is not valid YAML: Block collections are not allowed within flow collections. Inside { } or [ ], a value that contains ": " or "," must be quoted, for example ref: "Art. II, s. 1, cl. 1".',
    ]);
  });
});

describe('the rules of the model for any legal system, one edit of the law-over-time fixture each', () => {
  type Bundle = Record<string, any>;
  const written = () => parse(readFileSync(fixture('valid-law-over-time.yaml'), 'utf8')) as Bundle;
  const item = (b: Bundle, list: string, id: string) => (b[list] as Bundle[]).find((x) => x.id === id)!;
  const cases: [string, (b: Bundle) => void, string][] = [
    [
      'a repeal of a body',
      (b) => (item(b, 'instruments', 'lot-repeal-act').repeals[0].id = 'lot-commons'),
      'instruments[2].repeals[0] WRONG_TARGET_TYPE: repeals points at "lot-commons", which is a Body; REPEALS must point at an Instrument or a Provision.',
    ],
    [
      'an amendment of an instrument',
      (b) => (item(b, 'provisions', 'lot-fixed-terms-act.s2-amended').amends[0].id = 'lot-fixed-terms-act'),
      'provisions[4].amends[0] WRONG_TARGET_TYPE: amends points at "lot-fixed-terms-act", which is an Instrument; AMENDS must point at a Provision.',
    ],
    [
      'a restriction of a provision',
      (b) => (item(b, 'provisions', 'lot-fixed-terms-act.s3').restricts[0].id = 'lot-prerogative.dissolve'),
      'provisions[3].restricts[0] WRONG_TARGET_TYPE: restricts points at "lot-prerogative.dissolve", which is a Provision; RESTRICTS must point at a Grant.',
    ],
    [
      'a restriction with an unknown effect',
      (b) => (item(b, 'provisions', 'lot-fixed-terms-act.s3').restricts[0].effect = 'REPEALS'),
      'provisions[3].restricts[0].effect BAD_ENUM: effect is "REPEALS", which is not one of CONDITIONS, SUSPENDS.',
    ],
    [
      'a holding against a body',
      (b) => (item(b, 'instruments', 'lot-judgment').holdsInvalid[0].id = 'lot-court'),
      'instruments[4].holdsInvalid[0] WRONG_TARGET_TYPE: holdsInvalid points at "lot-court", which is a Body; HOLDS_INVALID must point at an Instrument or a Provision or a Grant or an Action.',
    ],
    [
      'a holding whose retroactivity is text',
      (b) => (item(b, 'instruments', 'lot-judgment').holdsInvalid[0].retroactive = 'yes'),
      'instruments[4].holdsInvalid[0].retroactive WRONG_TYPE: retroactive must be true or false, not text ("yes").',
    ],
    [
      'an action targeting a power',
      (b) => (item(b, 'actions', 'lot-early-election-motion').targets[0].id = 'lot-dissolve'),
      'actions[1].targets[0] WRONG_TARGET_TYPE: targets points at "lot-dissolve", which is a Power; TARGETED must point at a Person or a Body or a Group.',
    ],
    [
      'a body acting for a person',
      (b) => (item(b, 'bodies', 'lot-council').actsFor[0].id = 'lot-sovereign'),
      'bodies[1].actsFor[0] WRONG_TARGET_TYPE: actsFor points at "lot-sovereign", which is a Person; ACTS_FOR must point at a Body.',
    ],
    [
      'a position in an unknown capacity',
      (b) => ((b.persons as Bundle[]).find((p) => p.positions?.some((x: Bundle) => x.capacity))!.positions[0].capacity = 'DEPUTY'),
      'persons[1].positions[0].capacity BAD_ENUM: capacity is "DEPUTY", which is not one of SUBSTANTIVE, ACTING, INTERIM.',
    ],
    [
      "a grant's basis that is not a basis",
      (b) => ((b.grants as Bundle[]).find((g) => g.basis)!.basis = 'GUESSED'),
      'grants[0].basis BAD_ENUM: basis is "GUESSED", which is not one of STATED, EDITOR_READING, INFERRED.',
    ],
    [
      "a named body's basis that is not a basis",
      (b) => ((b.statements as Bundle[]).find((s) => s.names?.[0]?.basis)!.names[0].basis = 'READ'),
      'statements[1].names[0].basis BAD_ENUM: basis is "READ", which is not one of STATED, EDITOR_READING, INFERRED.',
    ],
    [
      'affectsPeople written as text',
      (b) => (b.powers[0].affectsPeople = 'yes'),
      'powers[0].affectsPeople WRONG_TYPE: affectsPeople must be true or false, not text ("yes").',
    ],
    [
      'a threshold no value could meet',
      (b) => ((b.grants as Bundle[]).flatMap((g) => g.conditions ?? []).find((c: Bundle) => c.kind === 'THRESHOLD').max = 1),
      'grants[2].conditions[0].max WRONG_TYPE: max (1) is below min (434): no value could meet this condition.',
    ],
    [
      'a condition id used twice',
      (b) => b.grants[0].conditions.push({ ...b.grants[0].conditions[0] }),
      'grants[0].conditions[1].id DUPLICATE_ID: The condition id "lot-advice" is already used by grants[0].conditions[0]; condition ids must be unique across the bundle.',
    ],
    [
      "a condition's body misspelt",
      (b) => (b.grants[0].conditions[0].body = 'lot-prme'),
      'grants[0].conditions[0].body DANGLING_REFERENCE: body points at "lot-prme", but no Body has that id in this bundle. Did you mean lot-pm?',
    ],
    [
      "an outcome's kind misspelt",
      (b) => (item(b, 'actions', 'lot-early-election-motion').conditionsMet[0] = { kind: 'CONSENTT', met: false }),
      'actions[1].conditionsMet[0].kind BAD_ENUM: kind is "CONSENTT", which is not one of THRESHOLD, CONSENT, APPROVAL, PROCEDURE. Did you mean CONSENT?',
    ],
    ["a case's languages as text", (b) => (b.case.languages = 'en'), 'case.languages WRONG_TYPE: languages must be a list, not text ("en").'],
  ];
  it.each(cases)('refuses %s, saying what to write', (_, change, message) => {
    const bundle = written();
    expect(validateBundle(bundleFromData(bundle, 'edited.yaml'))).toEqual([]);
    change(bundle);
    expect(validateBundle(bundleFromData(bundle, 'edited.yaml')).map((p) => `${p.path} ${p.code}: ${p.message}`)).toEqual([message]);
  });
});
