// Every string the explorer shows, in English and Chinese. Domain words follow the model:
// Body, Grant, Provision, Statement, Source (机构, 授权, 条款, 表态, 来源).
// The texts are in messages/en.ts and messages/zh.ts; this module picks and fills them.
import { en, type Messages } from './messages/en';
import { zh } from './messages/zh';

export type Lang = 'en' | 'zh';
export type { Messages } from './messages/en';

const MESSAGES: Record<Lang, Messages> = { en, zh };

let current: Lang = 'en';
const listeners = new Set<(lang: Lang) => void>();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const listener of listeners) listener(next);
}

export function onLangChange(listener: (lang: Lang) => void): void {
  listeners.add(listener);
}

type StringKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
type MapKey = { [K in keyof Messages]: Messages[K] extends Record<string, string> ? K : never }[keyof Messages];

/** The message in the current language, with {placeholders} filled. */
export function t(key: StringKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[current][key].replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? ''));
}

/** A value's text from a per-value table, which the model's unions key; undefined for a value from outside the model. */
const valueText = (l: Lang, table: MapKey, value: string): string | undefined => (MESSAGES[l][table] as Record<string, string | undefined>)[value];

/** A per-value message in both languages, English first: for captions, which show both. */
export function tvPair(table: MapKey, value: string): { name: string; nameZh: string } {
  const of = (l: Lang) => valueText(l, table, value) ?? (/^[A-Z][A-Z0-9_]+$/.test(value) ? words(value) : value);
  return { name: of('en'), nameZh: of('zh') };
}

/** A message in both languages, with {placeholders} filled. */
export function tPair(key: StringKey, params: Record<string, string | number> = {}): { name: string; nameZh: string } {
  const of = (l: Lang) => MESSAGES[l][key].replace(/\{(\w+)\}/g, (_m, n: string) => String(params[n] ?? ''));
  return { name: of('en'), nameZh: of('zh') };
}

/** A message from one of the per-value tables (stances, roles, gap kinds…); the value itself when none. */
export function tv(table: MapKey, value: string): string {
  return valueText(current, table, value) ?? (/^[A-Z][A-Z0-9_]+$/.test(value) ? words(value) : value);
}

/** "HOLDS_INVALID" → "Holds invalid", for a value no table names yet (a newer model's). */
function words(value: string): string {
  const w = value.replace(/_+/g, ' ').toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
}
