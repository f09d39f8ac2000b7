// Small hand-made rows and holders for the database-free tests of each finding kind.
import type { DescribedNode } from '../../../server/analyses/evidence.js';
import type { Condition, Evidence, Holder, NodeRef } from '../../../server/analyses/types.js';
import type { ActionFacts } from '../../../server/analyses/gaps/wording.js';

export const ref = (id: string, name: string, nameZh: string, label = 'Body'): NodeRef => ({ id, label, name, nameZh });

export const source = {
  id: 'src-a',
  title: '报道',
  titleEn: 'Report',
  outlet: '新闻',
  author: null,
  publishedAt: '2022-07-01',
  url: null,
  kind: 'NEWS',
};

export const evidence = (quoteZh: string, quoteEn = 'gist'): Evidence => ({
  quote: quoteZh,
  quoteZh,
  quoteEn,
  locator: 'para 1',
  source,
  unsourced: false,
});

/** Described nodes as describeNodes gives them: each with one quote, the source described too. */
export function described(ids: string[]): Map<string, DescribedNode> {
  const map = new Map<string, DescribedNode>();
  for (const id of ids)
    map.set(id, { ref: ref(id, 'A node', '某节点', 'Action'), evidence: [evidence(`关于此事的原文${ids.indexOf(id)}`)], source: null });
  map.set('src-a', { ref: ref('src-a', 'Report', '报道', 'Source'), evidence: [], source });
  return map;
}

export const power = { ...ref('p.assign', 'Assign a mark (any colour)', '赋标', 'Power'), affectsPeople: true };
export const runPower = { ...ref('p.run', 'Run the system', '运行系统', 'Power'), affectsPeople: false };

export function action(extra: Partial<ActionFacts> = {}): ActionFacts {
  return {
    id: 'act-1',
    summary: 'Officials marked 120 petitioners.',
    summaryZh: '官员给120名上访者赋标。',
    startedAt: '2022-06-11',
    affectedCount: 120,
    groups: [{ name: 'Petitioners at the gate', nameZh: '门口的上访者' }],
    powers: [power],
    ...extra,
  };
}

export function condition(extra: Partial<Condition> = {}): Condition {
  return {
    id: 'g-1#1',
    from: 'GRANT',
    outcomeNote: null,
    outcomeNoteZh: null,
    evidence: [],
    kind: 'CONSENT',
    param: null,
    min: null,
    max: null,
    body: ref('b-board', 'Heritage Board', '遗产委员会'),
    description: 'consent of the heritage board',
    descriptionZh: '遗产委员会同意',
    status: 'UNKNOWN',
    ...extra,
  };
}

export function holder(body: NodeRef, extra: Partial<Holder> = {}): Holder {
  return {
    through: null,
    body,
    via: 'DIRECT',
    modality: 'POWER',
    power,
    grantPlace: ref('pl', 'Harbour', '港市', 'Place'),
    conditions: [],
    note: null,
    noteZh: null,
    chain: [
      {
        kind: 'INSTRUMENT',
        node: ref('ins-1', 'Marking Measures', '标记管理办法', 'Instrument'),
        text: null,
        textZh: null,
        evidence: [],
        basis: 'STATED',
      },
    ],
    grantId: `g-${body.id}`,
    basis: 'STATED',
    typeLevel: false,
    dateUncertain: false,
    uncertainty: null,
    uncertaintyZh: null,
    ...extra,
  };
}
