// A synthetic, clearly fictional case bundle of a chosen size, for the benchmark: a country
// of provinces and cities, each with an epidemic HQ and its division, a health commission and
// a data bureau; provincial measures granting powers to types of body; actions decided by
// officials; statements referring askers elsewhere.
export interface SyntheticSize {
  provinces: number;
  citiesPerProvince: number;
  actionsPerCity: number;
  statementsPerCity: number;
}

const cite = (n: number) => [{ source: 'bench-source', quote: `Synthetic fact ${n}.`, locator: `item ${n}` }];

export function syntheticCase(size: SyntheticSize) {
  const places: object[] = [{ id: 'x', name: 'Exampleland', nameZh: '示例国', level: 'COUNTRY' }];
  const bodies: object[] = [];
  const persons: object[] = [];
  const instruments: object[] = [];
  const provisions: object[] = [];
  const grants: object[] = [];
  const actions: object[] = [];
  const statements: object[] = [];
  let n = 0;
  const bodyTypes = [
    { id: 'bench-type-hq', name: 'Epidemic HQs at every level', nameZh: '各级疫情防控指挥部' },
    { id: 'bench-type-data', name: 'Data bureaus at every level', nameZh: '各级大数据管理部门' },
  ];
  for (let p = 0; p < size.provinces; p++) {
    const province = `x-p${p}`;
    places.push({ id: province, name: `Province ${p}`, nameZh: `第${p}省`, level: 'PROVINCE', within: 'x' });
    instruments.push({
      id: `${province}-measures`, title: `Province ${p} code measures`, titleZh: `第${p}省健康码管理办法`, docType: 'MEASURE',
      issuedOn: '2020-03-01', effectiveFrom: '2020-03-01', evidence: cite(++n),
    });
    provisions.push({ id: `${province}-art5`, ref: '第五条', text: 'HQs at every level assign codes.', textZh: '各级疫情防控指挥部负责赋码。', partOf: `${province}-measures`, evidence: cite(++n) });
    provisions.push({ id: `${province}-art6`, ref: '第六条', text: 'Data bureaus run the platform.', textZh: '各级大数据管理部门负责平台运行。', partOf: `${province}-measures`, evidence: cite(++n) });
    grants.push({ id: `${province}-g-assign`, modality: 'POWER', purposes: ['epidemic-control'], conferredBy: `${province}-art5`, power: 'bench.assign', to: ['bench-type-hq'], within: province, evidence: cite(++n) });
    grants.push({ id: `${province}-g-run`, modality: 'DUTY', conferredBy: `${province}-art6`, power: 'bench.run', to: ['bench-type-data'], within: province, evidence: cite(++n) });
    grants.push({ id: `${province}-g-prohibit`, modality: 'PROHIBITION', purposes: ['epidemic-control'], conferredBy: `${province}-art5`, power: 'bench.assign', within: province, evidence: cite(++n) });
    for (let c = 0; c < size.citiesPerProvince; c++) {
      const city = `${province}-c${c}`;
      places.push({ id: city, name: `City ${p}.${c}`, nameZh: `第${p}省第${c}市`, level: 'CITY', within: province });
      const hq = `${city}-hq`;
      bodies.push({ id: hq, name: `City ${p}.${c} epidemic HQ`, nameZh: `第${p}省第${c}市疫情防控指挥部`, kind: 'EPIDEMIC_HQ', level: 'MUNICIPAL', jurisdiction: city, isA: ['bench-type-hq'], evidence: cite(++n) });
      bodies.push({ id: `${city}-division`, name: `City ${p}.${c} control division`, nameZh: `第${p}省第${c}市社会管控指导部`, kind: 'HQ_DIVISION', level: 'MUNICIPAL', jurisdiction: city, partOf: hq, evidence: cite(++n) });
      bodies.push({ id: `${city}-health`, name: `City ${p}.${c} health commission`, nameZh: `第${p}省第${c}市卫生健康委员会`, kind: 'AGENCY', level: 'MUNICIPAL', jurisdiction: city, evidence: cite(++n) });
      bodies.push({ id: `${city}-data`, name: `City ${p}.${c} data bureau`, nameZh: `第${p}省第${c}市大数据管理局`, kind: 'AGENCY', level: 'MUNICIPAL', jurisdiction: city, isA: ['bench-type-data'], evidence: cite(++n) });
      persons.push({ id: `${city}-official`, name: `Official ${p}.${c}`, nameZh: `官员${p}甲${c}`, positions: [{ id: `${city}-division`, title: 'Head', titleZh: '部长', from: '2021-01-01', evidence: cite(++n) }], evidence: cite(++n) });
      for (let a = 0; a < size.actionsPerCity; a++) {
        const day = String(1 + (a % 28)).padStart(2, '0');
        actions.push({
          id: `${city}-action-${a}`, summary: `Codes turned red in city ${p}.${c} (${a})`, summaryZh: `第${p}省第${c}市赋红码（${a}）`,
          startedAt: `2022-06-${day}`, purpose: a % 2 ? 'epidemic-control' : 'stop-petition', affectedCount: 10 + a,
          exercised: ['bench.assign'], in: city,
          performedBy: a % 3 ? [{ id: `${city}-official`, role: 'DECIDED', evidence: cite(++n) }] : [],
          evidence: cite(++n),
        });
      }
      for (let s = 0; s < size.statementsPerCity; s++) {
        const [speaker, named] = s % 2 ? [`${city}-health`, `${city}-data`] : [`${city}-data`, `${city}-health`];
        statements.push({
          id: `${city}-statement-${s}`, saidOn: '2022-06-15', stance: 'REFERS', speaker: 'duty-room staff', saidBy: speaker,
          about: ['bench.assign'], names: [named], quote: 'Ask the other office.', evidence: cite(++n),
        });
      }
    }
  }
  return {
    format: 'quanze-bundle/1',
    case: { id: 'bench-case', title: 'Synthetic benchmark case', titleZh: '基准测试合成案例', fictional: true, summary: 'Generated by bench/syntheticCase.ts; not real.' },
    sources: [{ id: 'bench-source', title: 'Synthetic source', outlet: 'Quanze benchmark', publishedAt: '2022-06-30', kind: 'OFFICIAL', language: 'en' }],
    places,
    bodyTypes,
    bodies,
    persons,
    instruments,
    provisions,
    powers: [
      { id: 'bench.code', name: 'Administer codes', nameZh: '管理健康码' },
      { id: 'bench.assign', name: 'Assign codes', nameZh: '赋码', narrowerThan: 'bench.code' },
      { id: 'bench.run', name: 'Run the platform', nameZh: '运行平台', narrowerThan: 'bench.code' },
    ],
    grants,
    actions,
    statements,
  };
}
