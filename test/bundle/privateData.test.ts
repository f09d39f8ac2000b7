// The private-data rule on a corpus of the ways people write identifiers, and of text that
// must pass (dates, document numbers, hotlines, statistics, URLs). No database: the rule is
// a function of the text, and of the reviewers' list of names.
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findPrivateData, privateNames, type PrivateDataFinding } from '../../server/bundle/privateData.js';

const kinds = (text: string, names: string[] = []) => findPrivateData(text, names).map((f) => f.kind);

const FOUND: [string, PrivateDataFinding['kind']][] = [
  ['13812345678', 'MOBILE'],
  ['+8613812345678', 'MOBILE'],
  ['8613812345678', 'MOBILE'],
  ['008613812345678', 'MOBILE'],
  ['+86 138 1234 5678', 'MOBILE'],
  ['+86-138-1234-5678', 'MOBILE'],
  ['(+86) 13812345678', 'MOBILE'],
  ['138-1234-5678', 'MOBILE'],
  ['138 1234 5678', 'MOBILE'],
  ['138.1234.5678', 'MOBILE'],
  ['１３８１２３４５６７８', 'MOBILE'],
  ['１３８－１２３４－５６７８', 'MOBILE'],
  ['１３８ １２３４ ５６７８', 'MOBILE'],
  ['138\u200B1234\u200B5678', 'MOBILE'],
  ['138–1234–5678', 'MOBILE'],
  ['联系电话：13812345678。', 'MOBILE'],
  ['手机号13812345678联系', 'MOBILE'],
  ['0371-65550000', 'LANDLINE'],
  ['(0371)12345678', 'LANDLINE'],
  ['（0371）12345678', 'LANDLINE'],
  ['0371 6555 0000', 'LANDLINE'],
  ['010-12345678', 'LANDLINE'],
  ['+86 371 6555 0000', 'LANDLINE'],
  ['+86 (0371) 6555-0000', 'LANDLINE'],
  ['11010519491231002X', 'ID_CARD'],
  ['11010519491231002x', 'ID_CARD'],
  ['410105199001011233', 'ID_CARD'],
  ['4101 0519 9001 0112 33', 'ID_CARD'],
  ['410105 19900101 1233', 'ID_CARD'],
  ['410105-19900101-1233', 'ID_CARD'],
  ['１１０１０５１９４９１２３１００２Ｘ', 'ID_CARD'],
  ['110105 19491231 002X', 'ID_CARD'],
  ['身份证号110105491231002', 'ID_CARD'],
  ['卡号6212 2610 0200 3456 782', 'BANK_CARD'],
  ['4111-1111-1111-1111', 'BANK_CARD'],
  ['zhang.san@example.com', 'EMAIL'],
  ['邮箱：zhangsan＠qq.com', 'EMAIL'],
  ['QQ：123456789', 'MESSAGING_ID'],
  ['微信号: wxid_abc12345', 'MESSAGING_ID'],
];

const PASSES: string[] = [
  '12345',
  '12320热线',
  '2022-06-13',
  '2022-06-13 2022-06-14',
  '2020-03-01 至 2023-01-08',
  '豫政〔2020〕12号',
  '郑政〔2020〕1号',
  'https://finance.sina.com.cn/doc-imizmscu6179183.shtml',
  'https://example.org/doc-20220615123456.shtml',
  '1,317名储户',
  '1317名储户',
  'Article 10',
  '第十条',
  '[2019] UKSC 41',
  'HC Deb 9 September 2019 vol 664 c88',
  'ISBN 978-7-301-12345-6',
  '110105194912310021',
  '4111-1111-1111-1112',
  'batches of 100 or more',
  '3.5 million',
  '2019年8月28日',
  'published 24 September 2019 at 10:30',
  'CBP-8589',
  'a power of 1,000,000 yuan',
  'press@gov.example is not private? no: a public office address is still refused', // see below
];

describe('private data, normalised before matching', () => {
  it.each(FOUND)('finds %s', (text, kind) => {
    expect(kinds(text)).toEqual([kind]);
  });

  it.each(PASSES.slice(0, -1))('leaves %s alone', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('refuses any e-mail address, even an office one: the bundle cites sources, it does not list contacts', () => {
    expect(kinds(PASSES[PASSES.length - 1])).toEqual(['EMAIL']);
  });

  it('finds each number in a run of them, and a number beside a date', () => {
    expect(kinds('2022-06-13 13812345678')).toEqual(['MOBILE']);
    expect(kinds('A depositor, ID 11010519491231002X, called 13912345678 and 0371-65550000.')).toEqual(['ID_CARD', 'MOBILE', 'LANDLINE']);
  });

  it('masks what it found instead of repeating it', () => {
    const [finding] = findPrivateData('+86 138-1234-5678', []);
    expect(finding.masked).not.toContain('1234');
    expect(finding.masked).toMatch(/^\+86\*+678$|^138\*+678$/);
  });

  it('covers at least 30 formats each way', () => {
    expect(FOUND.length).toBeGreaterThanOrEqual(30);
    expect(PASSES.length).toBeGreaterThanOrEqual(20);
  });
});

describe("the reviewers' list of private people's names", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanze-names-'));
  const file = path.join(dir, 'private-names.txt');
  const before = process.env.QUANZE_PRIVATE_NAMES_FILE;
  afterAll(() => {
    if (before === undefined) delete process.env.QUANZE_PRIVATE_NAMES_FILE;
    else process.env.QUANZE_PRIVATE_NAMES_FILE = before;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('flags a listed name however it is spaced or written, and nothing else', () => {
    fs.writeFileSync(file, '# names a reviewer flagged as private depositors\n李小明\nJohn  Q. Citizen\n');
    process.env.QUANZE_PRIVATE_NAMES_FILE = file;
    const names = privateNames();
    expect(names).toEqual(['李小明', 'johnqcitizen']);
    for (const text of ['储户李小明称', '储户 李 小 明', '李·小明', 'ＪＯＨＮ Q CITIZEN wrote']) expect(kinds(text, names)).toEqual(['PRIVATE_NAME']);
    for (const text of ['李小红', '冯献彬', 'John Citizen']) expect(kinds(text, names)).toEqual([]);
    expect(findPrivateData('储户李小明称', names)[0].masked).toBe('李**');
  });

  it('is empty when there is no list', () => {
    process.env.QUANZE_PRIVATE_NAMES_FILE = path.join(dir, 'none.txt');
    expect(privateNames()).toEqual([]);
  });
});
