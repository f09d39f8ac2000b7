// Private individuals' identifiers must never enter the graph (docs/domain.md: a Person is a
// public office holder only). Text is normalised before matching, so the ways people write a
// number (full-width digits, spaces, dashes, dots, parentheses, a +86 / 0086 prefix) do not
// hide it; and a reviewer may list names of private people that must not appear at all.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';

export interface PrivateDataFinding {
  kind: 'ID_CARD' | 'MOBILE' | 'LANDLINE' | 'BANK_CARD' | 'EMAIL' | 'MESSAGING_ID' | 'PRIVATE_NAME';
  /** The match with its middle masked, so reporting it does not repeat it. */
  masked: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

function isRealDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** An 18-digit resident ID: a plausible birth date and a valid ISO 7064 check character. */
export function isIdCard18(text: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(text)) return false;
  const year = Number(text.slice(6, 10));
  if (year < 1900 || year > 2100 || !isRealDay(year, Number(text.slice(10, 12)), Number(text.slice(12, 14)))) return false;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(text[i]), 0);
  return CHECK_CHARS[sum % 11] === text[17].toUpperCase();
}

/** The old 15-digit form has a two-digit birth year and no check character. */
function isIdCard15(text: string): boolean {
  return /^\d{15}$/.test(text) && isRealDay(1900 + Number(text.slice(6, 8)), Number(text.slice(8, 10)), Number(text.slice(10, 12)));
}

/** A payment card number: a UnionPay, Visa or Mastercard prefix and a valid Luhn check digit. */
function isBankCard(digits: string): boolean {
  if (!/^(?:62|4|5[1-5])\d{14,17}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function classify(digits: string): PrivateDataFinding['kind'] | undefined {
  if (isIdCard18(digits) || isIdCard15(digits)) return 'ID_CARD';
  if (/^1[3-9]\d{9}$/.test(digits)) return 'MOBILE';
  if (/^0[1-9]\d{8,10}$/.test(digits)) return 'LANDLINE';
  if (isBankCard(digits)) return 'BANK_CARD';
  return undefined;
}

/**
 * Full-width forms to ASCII (NFKC: `１３８` → `138`, `（` → `(`, `＋` → `+`, `＠` → `@`), every
 * dash to `-`, and invisible characters that could split a number removed.
 */
export function normaliseForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\u30FC\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '');
}

/** Between two groups of digits: one space, dash or dot, or a parenthesis with a space or dash beside it. */
const SEPARATOR = String.raw`(?:[ .\-]|\)[ \-]?|[ \-]?\()`;
/** A run of digit groups, perhaps opened by `+`, `(` or `(+`, perhaps ending in an ID card's X. */
const NUMBER_LIKE = new RegExp(String.raw`(?<![0-9A-Za-z])(?:\+|\(\+?)?\d+(?:${SEPARATOR}\d+)*(?:[ \-]?[Xx](?![0-9A-Za-z]))?\)?(?![0-9A-Za-z])`, 'g');
const EMAIL = /(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;
const MESSAGING = /(?:QQ|微信号?|WeChat(?: ID)?|wxid)\s*[:：号]?\s*([A-Za-z0-9][A-Za-z0-9_-]{4,19})(?![\w-])/gi;

function mask(text: string): string {
  const keep = Math.min(3, Math.floor(text.length / 4));
  return text.slice(0, keep) + '*'.repeat(text.length - 2 * keep) + text.slice(text.length - keep);
}

/**
 * The numbers in one run of digit groups. Groups are joined left to right, longest first, so
 * `+86 138 1234 5678` is one mobile number and `2022-06-13 13812345678` is a date and a mobile
 * number; a +86 / 0086 prefix is dropped, and an area code written after it takes its 0 back.
 */
function numbersIn(span: string): { kind: PrivateDataFinding['kind']; text: string }[] {
  const groups = span.match(/\d+|[Xx]/g) ?? [];
  if (groups.length > 1 && /[Xx]/.test(groups[groups.length - 1])) groups.splice(-2, 2, groups[groups.length - 2] + 'X');
  const first = groups[0] ?? '';
  const international = /^(?:\+|\(\+)/.test(span) || first === '0086';
  if (groups.length > 1 && (first === '86' || first === '0086')) {
    groups.shift();
    if (international && /^[2-9]/.test(groups[0] ?? '')) groups[0] = `0${groups[0]}`;
  }
  const found: { kind: PrivateDataFinding['kind']; text: string }[] = [];
  const joined = groups.join('');
  // A run written as one piece with a country code (8613812345678) is read with the code dropped.
  if (groups.length === 1 && /^(?:0086|86)1[3-9]\d{9}$/.test(joined)) return [{ kind: 'MOBILE', text: span }];
  for (let i = 0; i < groups.length;) {
    let matched = false;
    // A number starts with a group of three or more digits (an area code, 138, 4101): never with a month or a day.
    if ((groups[i]?.length ?? 0) < 3) {
      i += 1;
      continue;
    }
    for (let j = Math.min(groups.length, i + 8); j > i; j--) {
      const kind = classify(groups.slice(i, j).join(''));
      if (kind) {
        found.push({ kind, text: groups.length === 1 ? span : groups.slice(i, j).join(' ') });
        i = j;
        matched = true;
        break;
      }
    }
    if (!matched) i += 1;
  }
  return found;
}

/** Matching form of a name: normalised, lower case, without spaces or middle dots (张 三, 张·三 and 张三 are one name). */
function nameKey(text: string): string {
  return normaliseForMatching(text)
    .toLowerCase()
    .replace(/[\s·・.]+/g, '');
}

let namesCache: { file: string; mtimeMs: number; checkedAt: number; names: string[] } | undefined;

/**
 * The reviewer-set list of private people's names: one name per line, `#` starts a comment,
 * in `QUANZE_PRIVATE_NAMES_FILE` or else `<data folder>/private-names.txt`. It stays outside the
 * repository, since the list itself names private people. Looked at again at most once a second.
 */
export function privateNames(): string[] {
  const file = process.env.QUANZE_PRIVATE_NAMES_FILE || path.join(loadConfig().dataDir, 'private-names.txt');
  const now = Date.now();
  if (namesCache?.file === file && now - namesCache.checkedAt < 1000) return namesCache.names;
  let mtimeMs = -1;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    // no list: no names to look for
  }
  if (namesCache?.file !== file || namesCache.mtimeMs !== mtimeMs) {
    const names =
      mtimeMs < 0
        ? []
        : fs
            .readFileSync(file, 'utf8')
            .split('\n')
            .map((line) => line.replace(/#.*/, '').trim())
            .filter(Boolean)
            .map(nameKey)
            .filter((name) => name.length >= 2);
    namesCache = { file, mtimeMs, checkedAt: now, names };
  }
  namesCache.checkedAt = now;
  return namesCache.names;
}

const ORDER: PrivateDataFinding['kind'][] = ['ID_CARD', 'MOBILE', 'LANDLINE', 'BANK_CARD', 'EMAIL', 'MESSAGING_ID', 'PRIVATE_NAME'];

/** Printable ASCII is its own NFKC form and holds none of the characters normaliseForMatching replaces. */
const PLAIN_ASCII = /^[\x20-\x7E]*$/;
/**
 * What each pattern cannot match without, tested first: most texts of a bundle (ids, dates,
 * names, titles) hold no digit, `@` or messaging keyword, and these tests are much cheaper than
 * the patterns (EMAIL's lookbehind retries every word at every start). Each is implied by its
 * pattern, so testing it first finds exactly what the pattern alone finds.
 */
const HAS_DIGIT = /\d/;
const MESSAGING_KEYWORD = /QQ|微信|WeChat|wxid/i;

export function findPrivateData(text: string, names: readonly string[] = privateNames()): PrivateDataFinding[] {
  const normal = PLAIN_ASCII.test(text) ? text : normaliseForMatching(text);
  const findings: PrivateDataFinding[] = [];
  if (HAS_DIGIT.test(normal)) {
    for (const m of normal.matchAll(NUMBER_LIKE)) {
      for (const number of numbersIn(m[0])) findings.push({ kind: number.kind, masked: mask(number.text.trim()) });
    }
  }
  if (normal.includes('@')) for (const m of normal.matchAll(EMAIL)) findings.push({ kind: 'EMAIL', masked: mask(m[0]) });
  if (MESSAGING_KEYWORD.test(normal)) {
    for (const m of normal.matchAll(MESSAGING))
      if (/\d{5,}/.test(m[1]) || /^wxid/i.test(m[0])) findings.push({ kind: 'MESSAGING_ID', masked: mask(m[1]) });
  }
  if (names.length) {
    const key = nameKey(text);
    for (const name of names) if (key.includes(name)) findings.push({ kind: 'PRIVATE_NAME', masked: name[0] + '*'.repeat(name.length - 1) });
  }
  return findings.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

export const PRIVATE_DATA_NAMES: Record<PrivateDataFinding['kind'], string> = {
  ID_CARD: 'a mainland ID-card number',
  MOBILE: 'a mobile phone number',
  LANDLINE: 'a landline phone number',
  BANK_CARD: 'a bank card number',
  EMAIL: 'an e-mail address',
  MESSAGING_ID: 'a QQ or WeChat account',
  PRIVATE_NAME: "the name of a private person on the reviewers' list",
};
