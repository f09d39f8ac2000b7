// The model of Quanze, declared once. The GraphQL type definitions, the bundle's JSON
// Schema, the database constraints and the client's captions are all derived from this
// file (see typeDefs.ts, ../bundle/jsonSchema.ts, ../neo4j/migrations.ts); a test checks
// that they agree.

export type ScalarKind = 'string' | 'text' | 'int' | 'float' | 'boolean' | 'date' | 'string[]' | 'json';

export interface PropertySpec {
  kind: ScalarKind;
  description: string;
  required?: boolean;
  enum?: readonly string[];
}

export interface NodeSpec {
  label: string;
  /** Key of this type's list in a case bundle, and the plural in the API. */
  plural: string;
  description: string;
  descriptionZh: string;
  /** Properties that name the thing; they feed full-text search and captions. */
  names: readonly string[];
  /** Whether each node of this type states a fact and so must cite a Source. */
  cited: boolean;
  properties: Record<string, PropertySpec>;
}

export interface RelationSpec {
  /** Relationship type in Neo4j. */
  type: string;
  from: string;
  /** Labels the relation may point to (more than one makes a GraphQL union). */
  to: readonly string[];
  /** Field name on the `from` node in bundles and in the API. */
  field: string;
  many: boolean;
  description: string;
  /** What the relation means in the picture: law, fact, speech, structure. */
  layer: 'DE_JURE' | 'DE_FACTO' | 'WHO_SAYS' | 'STRUCTURE' | 'PROVENANCE';
  properties?: Record<string, PropertySpec>;
  /** The relation states a fact of its own and carries its own citations. */
  cited?: boolean;
  required?: boolean;
}

export const MODALITIES = ['POWER', 'DUTY', 'PERMISSION', 'PROHIBITION'] as const;
export const STANCES = ['CLAIMS_SELF', 'DENIES_SELF', 'ATTRIBUTES', 'REFERS', 'UNKNOWN', 'UNREACHABLE'] as const;
export const ACTOR_ROLES = ['DECIDED', 'EXECUTED', 'REQUESTED', 'COMMUNICATED'] as const;
export const SUCCESSION_KINDS = ['RENAMED', 'MERGED', 'REPLACED'] as const;
export const SOURCE_KINDS = ['NEWS', 'OFFICIAL', 'LAW_TEXT', 'DISCIPLINE_REPORT', 'SCHOLARSHIP'] as const;
export const PLACE_LEVELS = ['COUNTRY', 'PROVINCE', 'CITY', 'COUNTY', 'DISTRICT', 'COMMUNITY'] as const;
export const BODY_LEVELS = ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY', 'COMMUNITY', 'NONE'] as const;
export const BODY_KINDS = [
  'AGENCY', 'EPIDEMIC_HQ', 'HQ_DIVISION', 'PARTY_ORGAN', 'HOTLINE', 'COMPANY', 'COMMUNITY_OFFICE',
  'DISCIPLINE_COMMISSION', 'REGULATOR', 'POLICE', 'LEGISLATURE', 'PLATFORM', 'OTHER',
] as const;
export const DOC_TYPES = ['LAW', 'REGULATION', 'MEASURE', 'NOTICE', 'INTERNAL_DECISION', 'GUIDELINE', 'OTHER'] as const;

const id: PropertySpec = { kind: 'string', required: true, description: 'Stable identifier, lowercase words joined by dots or hyphens (e.g. cn-henan-zhengzhou).' };
const name: PropertySpec = { kind: 'string', required: true, description: 'Name in English.' };
const nameZh: PropertySpec = { kind: 'string', required: true, description: 'Name in Chinese (中文名称).' };
const aliases: PropertySpec = { kind: 'string[]', description: 'Other names, short names and former names, in any language.' };
const pinyin: PropertySpec = { kind: 'string', description: 'Pinyin of the Chinese name without tones or spaces, computed on import (e.g. fengxianbin).' };
const validFrom: PropertySpec = { kind: 'date', description: 'First day on which this is in force or exists; open when absent.' };
const validTo: PropertySpec = { kind: 'date', description: 'Last day on which this is in force or exists; open when absent.' };
const unsourced: PropertySpec = { kind: 'boolean', description: 'True when an editor asserts this without a source; the UI marks it.' };

export const NODES: readonly NodeSpec[] = [
  {
    label: 'Case', plural: 'cases', names: ['title', 'titleZh'], cited: false,
    description: 'One investigation. Every fact belongs to at least one case.',
    descriptionZh: '案例：一次调查，所有事实至少属于一个案例。',
    properties: {
      id, title: { kind: 'string', required: true, description: 'Title in English.' },
      titleZh: { kind: 'string', required: true, description: 'Title in Chinese.' },
      summary: { kind: 'text', description: 'What the case is about, in English.' },
      summaryZh: { kind: 'text', description: 'What the case is about, in Chinese.' },
      fictional: { kind: 'boolean', description: 'True for an illustrative case not drawn from the public record.' },
    },
  },
  {
    label: 'Source', plural: 'sources', names: ['title'], cited: false,
    description: 'A document that evidences facts: a news report, an official notice, a law text, a discipline report.',
    descriptionZh: '来源：证明事实的文件。',
    properties: {
      id, title: { kind: 'string', required: true, description: 'Title as published.' },
      titleEn: { kind: 'string', description: 'Title translated into English.' },
      outlet: { kind: 'string', required: true, description: 'Publisher or outlet as printed (e.g. 界面新闻, via 新浪财经).' },
      author: { kind: 'string', description: 'Author or reporter as printed.' },
      publishedAt: { kind: 'date', required: true, description: 'Date of publication.' },
      url: { kind: 'string', description: 'Where the document can be read.' },
      kind: { kind: 'string', required: true, enum: SOURCE_KINDS, description: 'What sort of document it is.' },
      language: { kind: 'string', required: true, description: 'Language code of the document (zh, en).' },
    },
  },
  {
    label: 'Place', plural: 'places', names: ['name', 'nameZh', 'aliases', 'pinyin'], cited: false,
    description: 'A jurisdiction: country, province, city, district. WITHIN its parent.',
    descriptionZh: '地方：国家、省、市、区等行政区域。',
    properties: {
      id, name, nameZh, aliases, pinyin,
      level: { kind: 'string', required: true, enum: PLACE_LEVELS, description: 'Administrative level.' },
    },
  },
  {
    label: 'BodyType', plural: 'bodyTypes', names: ['name', 'nameZh', 'aliases', 'pinyin'], cited: false,
    description: 'A class of bodies that a rule names instead of one body (各级大数据管理部门).',
    descriptionZh: '机构类型：规则中泛指的一类机构。',
    properties: { id, name, nameZh, aliases, pinyin, description: { kind: 'text', description: 'What bodies of this type are.' } },
  },
  {
    label: 'Body', plural: 'bodies', names: ['name', 'nameZh', 'aliases', 'pinyin'], cited: true,
    description: 'Anything that can hold power or act: an agency, an epidemic HQ or its division, a party organ, a hotline, a company, a community office, a discipline commission.',
    descriptionZh: '机构：可以持有或行使权力的主体。',
    properties: {
      id, name, nameZh, aliases, pinyin,
      kind: { kind: 'string', required: true, enum: BODY_KINDS, description: 'What sort of body it is.' },
      level: { kind: 'string', required: true, enum: BODY_LEVELS, description: 'Level of government it sits at.' },
      validFrom, validTo, unsourced,
    },
  },
  {
    label: 'Person', plural: 'persons', names: ['name', 'nameZh', 'aliases', 'pinyin'], cited: true,
    description: 'A public office holder. Private individuals are never stored by name or identifier.',
    descriptionZh: '人员：仅限公职人员，不记录私人个人。',
    properties: { id, name, nameZh, aliases, pinyin, unsourced },
  },
  {
    label: 'Group', plural: 'groups', names: ['name', 'nameZh', 'aliases'], cited: true,
    description: 'The people affected, as a group (the depositors of four rural banks).',
    descriptionZh: '群体：受影响的人群，不记个人。',
    properties: { id, name, nameZh, aliases, size: { kind: 'int', description: 'How many people, where known.' }, unsourced },
  },
  {
    label: 'Instrument', plural: 'instruments', names: ['title', 'titleZh', 'aliases', 'pinyin', 'officialId'], cited: true,
    description: 'A law, regulation, measure, notice or internal decision. ISSUED_BY one or more bodies; may IMPLEMENT a higher instrument.',
    descriptionZh: '文件：法律、法规、办法、通知或内部决定。',
    properties: {
      id,
      title: { kind: 'string', required: true, description: 'Title in English.' },
      titleZh: { kind: 'string', required: true, description: 'Title in Chinese, as issued.' },
      aliases, pinyin,
      officialId: { kind: 'string', description: 'Official document number (文号), where one exists.' },
      url: { kind: 'string', description: 'Official text, where one exists.' },
      docType: { kind: 'string', required: true, enum: DOC_TYPES, description: 'What sort of instrument it is.' },
      issuedOn: { kind: 'date', description: 'Date of issue.' },
      effectiveFrom: { kind: 'date', description: 'First day in force; the issue date when absent.' },
      effectiveTo: { kind: 'date', description: 'Last day in force; open when absent.' },
      unsourced,
    },
  },
  {
    label: 'Provision', plural: 'provisions', names: ['ref', 'textZh', 'text'], cited: true,
    description: 'One article or clause of an Instrument, PART_OF it.',
    descriptionZh: '条款：文件中的一条或一款。',
    properties: {
      id,
      ref: { kind: 'string', required: true, description: 'Article or clause reference as printed (第十条).' },
      textZh: { kind: 'text', description: 'Text in Chinese, verbatim.' },
      text: { kind: 'text', description: 'English gist of the text.' },
      unsourced,
    },
  },
  {
    label: 'Power', plural: 'powers', names: ['name', 'nameZh', 'aliases', 'pinyin'], cited: false,
    description: 'A kind of act: assign a code, convert a code, manage the code system. NARROWER_THAN a broader power.',
    descriptionZh: '权力：一类行为，如赋码、转码。',
    properties: { id, name, nameZh, aliases, pinyin, description: { kind: 'text', description: 'What the act is, in plain words.' } },
  },
  {
    label: 'Grant', plural: 'grants', names: [], cited: true,
    description: 'One conferral read from a Provision: a modality of a Power TO a Body or BodyType WITHIN a Place.',
    descriptionZh: '授权：从条款中读出的一项授予。',
    properties: {
      id,
      modality: { kind: 'string', required: true, enum: MODALITIES, description: 'POWER, DUTY, PERMISSION or PROHIBITION.' },
      purposes: { kind: 'string[]', description: 'Purposes the grant is limited to (for a PROHIBITION: the purposes outside which use is forbidden).' },
      conditions: { kind: 'json', description: 'Structured conditions: a list of {kind: THRESHOLD|CONSENT|APPROVAL|PROCEDURE, param, min, max, body, description, descriptionZh}.' },
      validFrom, validTo,
      note: { kind: 'text', description: 'How the editor read the provision, in English.' },
      unsourced,
    },
  },
  {
    label: 'Action', plural: 'actions', names: ['summary', 'summaryZh'], cited: true,
    description: 'One thing that was actually done: EXERCISED a Power, AFFECTED a Group, IN a Place, PERFORMED_BY actors.',
    descriptionZh: '行为：实际发生的一件事。',
    properties: {
      id,
      summary: { kind: 'text', required: true, description: 'What was done, in English.' },
      summaryZh: { kind: 'text', required: true, description: 'What was done, in Chinese.' },
      startedAt: { kind: 'date', required: true, description: 'First day of the action.' },
      endedAt: { kind: 'date', description: 'Last day of the action, where known.' },
      purpose: { kind: 'string', description: 'What it was done for (epidemic-control, stop-petition, ...).' },
      affectedCount: { kind: 'int', description: 'How many people it affected, where known.' },
      conditionsMet: { kind: 'json', description: 'What is known of how it met the conditions of a grant: a list of {kind, met: true|false|null, note}.' },
      unsourced,
    },
  },
  {
    label: 'Statement', plural: 'statements', names: ['quoteZh', 'quote'], cited: true,
    description: 'One thing a body or person said about who holds a power: SAID_BY a speaker, ABOUT a Power, NAMES the body it attributes or refers to.',
    descriptionZh: '表态：某机构或人员关于权力归属的说法。',
    properties: {
      id,
      saidOn: { kind: 'date', required: true, description: 'Day it was said.' },
      stance: { kind: 'string', required: true, enum: STANCES, description: 'CLAIMS_SELF, DENIES_SELF, ATTRIBUTES, REFERS, UNKNOWN or UNREACHABLE.' },
      quoteZh: { kind: 'text', description: 'What was said, in Chinese, verbatim as reported.' },
      quote: { kind: 'text', description: 'English gist of what was said.' },
      speaker: { kind: 'string', description: 'Who was speaking, as reported, without a private name (duty-room staff, hotline operator).' },
      unsourced,
    },
  },
];

const share: PropertySpec = { kind: 'float', description: 'Share of ownership, 0 to 1.' };

export const RELATIONS: readonly RelationSpec[] = [
  { type: 'IN_CASE', from: '*', to: ['Case'], field: 'cases', many: true, layer: 'PROVENANCE', description: 'The cases this belongs to; set by import from the bundle.' },
  { type: 'WITHIN', from: 'Place', to: ['Place'], field: 'within', many: false, layer: 'STRUCTURE', description: 'The parent jurisdiction.' },
  { type: 'JURISDICTION', from: 'Body', to: ['Place'], field: 'jurisdiction', many: false, layer: 'STRUCTURE', description: 'The place the body serves.' },
  { type: 'IS_A', from: 'Body', to: ['BodyType'], field: 'isA', many: true, layer: 'STRUCTURE', description: 'Types of body this body is (so grants to the type reach it).' },
  { type: 'PART_OF', from: 'Body', to: ['Body'], field: 'partOf', many: false, layer: 'STRUCTURE', description: 'The body it is a division or office of.' },
  {
    type: 'SUCCEEDED_BY', from: 'Body', to: ['Body'], field: 'succeededBy', many: false, layer: 'STRUCTURE', cited: true,
    description: 'The body that took over from this one.',
    properties: { on: { kind: 'date', required: true, description: 'Day of succession.' }, how: { kind: 'string', required: true, enum: SUCCESSION_KINDS, description: 'RENAMED, MERGED or REPLACED.' } },
  },
  { type: 'STAFFED_BY', from: 'Body', to: ['Body'], field: 'staffedBy', many: true, layer: 'STRUCTURE', cited: true, description: 'Bodies whose staff answer for this one.' },
  { type: 'BUILT_BY', from: 'Body', to: ['Body'], field: 'builtBy', many: true, layer: 'STRUCTURE', cited: true, description: 'Who built it (a platform and its contractor).' },
  { type: 'OPERATED_BY', from: 'Body', to: ['Body'], field: 'operatedBy', many: true, layer: 'STRUCTURE', cited: true, description: 'Who runs it day to day.' },
  { type: 'OWNED_BY', from: 'Body', to: ['Body'], field: 'ownedBy', many: true, layer: 'STRUCTURE', cited: true, description: 'Owners of a company.', properties: { share } },
  {
    type: 'HOLDS_POSITION', from: 'Person', to: ['Body'], field: 'positions', many: true, layer: 'STRUCTURE', cited: true,
    description: 'A public position held in a body.',
    properties: {
      title: { kind: 'string', required: true, description: 'Title in English.' },
      titleZh: { kind: 'string', required: true, description: 'Title in Chinese.' },
      from: { kind: 'date', description: 'First day in the position.' }, to: { kind: 'date', description: 'Last day in the position.' },
    },
  },
  { type: 'ISSUED_BY', from: 'Instrument', to: ['Body'], field: 'issuedBy', many: true, layer: 'DE_JURE', description: 'The bodies that issued it.' },
  { type: 'IMPLEMENTS', from: 'Instrument', to: ['Instrument'], field: 'implements', many: true, layer: 'DE_JURE', description: 'The higher instruments it implements.' },
  { type: 'PART_OF', from: 'Provision', to: ['Instrument'], field: 'partOf', many: false, layer: 'DE_JURE', required: true, description: 'The instrument this provision is part of.' },
  { type: 'NARROWER_THAN', from: 'Power', to: ['Power'], field: 'narrowerThan', many: false, layer: 'STRUCTURE', description: 'The broader power this one is a part of.' },
  { type: 'CONFERRED_BY', from: 'Grant', to: ['Provision'], field: 'conferredBy', many: false, layer: 'DE_JURE', required: true, description: 'The provision the grant is read from.' },
  { type: 'OF', from: 'Grant', to: ['Power'], field: 'power', many: false, layer: 'DE_JURE', required: true, description: 'The power granted, imposed, permitted or prohibited.' },
  { type: 'TO', from: 'Grant', to: ['Body', 'BodyType'], field: 'to', many: true, layer: 'DE_JURE', description: 'The bodies or body types it is granted to (absent for a prohibition that binds everyone).' },
  { type: 'WITHIN', from: 'Grant', to: ['Place'], field: 'within', many: false, layer: 'DE_JURE', required: true, description: 'The place the grant applies in.' },
  { type: 'EXERCISED', from: 'Action', to: ['Power'], field: 'exercised', many: true, layer: 'DE_FACTO', required: true, description: 'The powers the action exercised.' },
  { type: 'AFFECTED', from: 'Action', to: ['Group'], field: 'affected', many: true, layer: 'DE_FACTO', description: 'The groups it affected.', properties: { count: { kind: 'int', description: 'How many of the group it affected.' } } },
  { type: 'IN', from: 'Action', to: ['Place'], field: 'in', many: false, layer: 'DE_FACTO', required: true, description: 'Where it was done.' },
  {
    type: 'PERFORMED_BY', from: 'Action', to: ['Body', 'Person'], field: 'performedBy', many: true, layer: 'DE_FACTO', cited: true,
    description: 'Who did it and in which role.',
    properties: { role: { kind: 'string', required: true, enum: ACTOR_ROLES, description: 'DECIDED, EXECUTED, REQUESTED or COMMUNICATED.' } },
  },
  { type: 'SAID_BY', from: 'Statement', to: ['Body', 'Person'], field: 'saidBy', many: false, layer: 'WHO_SAYS', required: true, description: 'Who said it.' },
  { type: 'ABOUT', from: 'Statement', to: ['Power'], field: 'about', many: true, layer: 'WHO_SAYS', required: true, description: 'The powers it is about.' },
  { type: 'NAMES', from: 'Statement', to: ['Body'], field: 'names', many: true, layer: 'WHO_SAYS', description: 'The bodies it attributes the power to or refers the asker to.' },
];

/** Citation properties on EVIDENCED_BY, and on the `citations` of cited relations. */
export const CITATION: Record<string, PropertySpec> = {
  quoteZh: { kind: 'text', description: 'The passage in Chinese, verbatim.' },
  quote: { kind: 'text', description: 'The passage in English (verbatim for an English source, a gist otherwise).' },
  locator: { kind: 'string', description: 'Where in the source: paragraph, article, page.' },
};

export function nodeSpec(label: string): NodeSpec {
  const spec = NODES.find((n) => n.label === label);
  if (!spec) throw new Error(`Unknown node type ${label}`);
  return spec;
}

export function relationsFrom(label: string): RelationSpec[] {
  return RELATIONS.filter((r) => r.from === label || (r.from === '*' && label !== 'Case' && label !== 'Source'));
}
