// Private individuals' identifiers must never enter the graph (docs/domain.md: a Person is a
// public office holder only). These patterns catch the common mainland forms.

export interface PrivateDataFinding {
  kind: 'ID_CARD' | 'MOBILE' | 'LANDLINE';
  /** The match with its middle masked, so reporting it does not repeat it. */
  masked: string;
}

const ID_CARD_18 = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const ID_CARD_15 = /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const LANDLINE = /(?<![\d-])0\d{2,3}-?\d{7,8}(?![\d-])/g;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

function isRealDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** An 18-digit resident ID: a plausible birth date and a valid ISO 7064 check character. */
export function isIdCard18(text: string): boolean {
  const year = Number(text.slice(6, 10));
  if (year < 1900 || year > 2100 || !isRealDay(year, Number(text.slice(10, 12)), Number(text.slice(12, 14)))) return false;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(text[i]), 0);
  return CHECK_CHARS[sum % 11] === text[17].toUpperCase();
}

/** The old 15-digit form has a two-digit birth year and no check character. */
function isIdCard15(text: string): boolean {
  return isRealDay(1900 + Number(text.slice(6, 8)), Number(text.slice(8, 10)), Number(text.slice(10, 12)));
}

function mask(text: string): string {
  const keep = Math.min(3, Math.floor(text.length / 4));
  return text.slice(0, keep) + '*'.repeat(text.length - 2 * keep) + text.slice(text.length - keep);
}

export function findPrivateData(text: string): PrivateDataFinding[] {
  const findings: PrivateDataFinding[] = [];
  for (const m of text.matchAll(ID_CARD_18)) if (isIdCard18(m[0])) findings.push({ kind: 'ID_CARD', masked: mask(m[0]) });
  for (const m of text.matchAll(ID_CARD_15)) if (isIdCard15(m[0])) findings.push({ kind: 'ID_CARD', masked: mask(m[0]) });
  for (const m of text.matchAll(MOBILE)) findings.push({ kind: 'MOBILE', masked: mask(m[0]) });
  for (const m of text.matchAll(LANDLINE)) findings.push({ kind: 'LANDLINE', masked: mask(m[0]) });
  return findings;
}

export const PRIVATE_DATA_NAMES: Record<PrivateDataFinding['kind'], string> = {
  ID_CARD: 'a mainland ID-card number',
  MOBILE: 'a mobile phone number',
  LANDLINE: 'a landline phone number',
};
