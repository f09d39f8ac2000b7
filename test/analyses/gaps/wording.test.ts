// The shared wording of findings, without a database: purposes from terms, action subjects
// from data, sentences without doubled marks.
import { describe, expect, it } from '@jest/globals';
import {
  actionSubject,
  affectsPeople,
  periodOf,
  purposePhrase,
  purposeText,
  sentence,
  UNDESCRIBED_PURPOSE,
} from '../../../server/analyses/gaps/wording.js';
import { docKindText, refForZh } from '../../../server/analyses/names.js';
import { BASIS_WORDS, weakest } from '../../../server/analyses/gaps/finding.js';
import { action, runPower } from './fixtures.js';
import { wordingProblems } from './wordingCheck.js';

describe('shared wording of findings', () => {
  it('shows a purpose by its term, never by its slug', () => {
    expect(purposeText({ label: 'crowd control', labelZh: '人群管控' })).toEqual({ en: 'crowd control', zh: '人群管控' });
    expect(purposeText({ label: 'crowd control', labelZh: null })).toEqual({ en: 'crowd control', zh: 'crowd control' });
    expect(purposeText(null)).toEqual(UNDESCRIBED_PURPOSE);
    expect(UNDESCRIBED_PURPOSE).toEqual({ en: 'a purpose the case does not describe', zh: '案例未说明的用途' });
    const read = purposePhrase(
      action({ purpose: 'stop-petitions', purposeLabel: { label: 'stopping petitions', labelZh: '阻止上访' }, purposeBasis: 'EDITOR_READING' }),
    );
    expect(read.en).toContain('what an editor reads as stopping petitions');
    expect(read.zh).toContain('据编者解读');
    expect(JSON.stringify(purposePhrase(action({ purpose: 'stop-petitions' })))).not.toContain('stop-petitions');
  });
  it('weighs an action by whether its power bears on people', () => {
    expect(affectsPeople(action())).toBe(true);
    expect(affectsPeople(action({ powers: [runPower] }))).toBe(false);
  });
  it('names an action from data: its power (gloss dropped), whom and which months', () => {
    expect(actionSubject(action())).toEqual({ en: 'Assign a mark (120 petitioners, June 2022)', zh: '赋标（120名上访者，2022年6月）' });
    expect(actionSubject(action({ title: 'Red marks', titleZh: '赋红标' })).en).toBe('Red marks (120 petitioners, June 2022)');
    expect(periodOf('2022-06-11', '2022-07-02')).toEqual({ en: 'June–July 2022', zh: '2022年6月至7月' });
  });
  it('closes a sentence once', () => {
    expect(sentence('It was done.', 'en')).toBe('It was done.');
    expect(sentence('It was done', 'en')).toBe('It was done.');
    expect(sentence('已完成。', 'zh')).toBe('已完成。');
    // A sentence borrowed from a case written in English keeps its own full stop, in Chinese text too.
    expect(sentence('No early election followed.', 'zh')).toBe('No early election followed.');
    expect(sentence('称“已完成”', 'zh')).toBe('称“已完成”。');
  });
  it('names an instrument by its kind, and keeps English references out of Chinese', () => {
    expect(docKindText('MEASURE')).toEqual({ en: 'measures', zh: '办法' });
    expect(docKindText('PRIVY_ORDER', { label: 'Order in Council', labelZh: null }).en).toBe('Order in Council');
    expect(refForZh('Functional positioning (article not reported)')).toBe('');
    expect(refForZh('第三条')).toBe('第三条');
    expect(refForZh('local rules clause', '制定本地区管理办法条款')).toBe('制定本地区管理办法条款');
  });
  it('takes the weakest basis and says it in both languages', () => {
    expect(weakest(['STATED', null, 'EDITOR_READING'])).toBe('EDITOR_READING');
    expect(weakest(['EDITOR_READING', 'INFERRED'])).toBe('INFERRED');
    expect(weakest([])).toBe('STATED');
    for (const words of Object.values(BASIS_WORDS)) {
      expect(wordingProblems(words.en, 'en', { ids: [], enums: ['STATED', 'EDITOR_READING', 'INFERRED'] })).toEqual([]);
      expect(wordingProblems(words.zh, 'zh', { ids: [], enums: ['STATED', 'EDITOR_READING', 'INFERRED'] })).toEqual([]);
    }
  });
  it('catches a leak, an enum, an id and a doubled mark', () => {
    const ctx = { ids: ['act-1'], enums: ['DECIDED', 'REQUESTED'] };
    expect(wordingProblems('赋码（REQUESTED）', 'zh', ctx)).toHaveLength(2);
    expect(wordingProblems('Done by act-1..', 'en', ctx)).toHaveLength(2);
    expect(wordingProblems('河南 did it.', 'en', ctx).length).toBeGreaterThan(0);
    expect(wordingProblems('Data Co., Ltd. did it.', 'en', { ...ctx, names: ['Data Co., Ltd.'] })).toEqual([]);
    expect(wordingProblems('It was done on 2022-06-11.', 'en', ctx)).toEqual(['ISO date in text: 2022-06-11']);
    expect(wordingProblems('于2022-06赋码。', 'zh', ctx)).toEqual(['ISO date in text: 2022-06']);
    expect(wordingProblems('It was done on 11 June 2022: "see 2022-06-11".', 'en', ctx)).toEqual([]);
  });
});
