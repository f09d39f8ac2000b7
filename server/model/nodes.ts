// The node types of the model, with their properties (declared once: see model.ts).
import {
  MODALITIES,
  STANCES,
  BASES,
  VOCABULARIES,
  SOURCE_KINDS,
  PLACE_LEVELS,
  BODY_LEVELS,
  BODY_KINDS,
  DOC_TYPES,
  type PropertySpec,
  type NodeSpec,
} from './specs.js';

const id: PropertySpec = {
  kind: 'string',
  required: true,
  description: 'Stable identifier, lowercase words joined by dots or hyphens (e.g. cn-henan-zhengzhou).',
};
const name: PropertySpec = {
  kind: 'string',
  description: 'Name in English (or in the language of the case when it has no English name); this or nameZh is required.',
};
const nameZh: PropertySpec = { kind: 'string', description: 'Name in Chinese (中文名称); this or name is required.' };
const NAMED = [['name', 'nameZh']] as const;
export const basis: PropertySpec = {
  kind: 'string',
  enum: BASES,
  description: 'How this is known: STATED by a source (the default), an EDITOR_READING of a source, or INFERRED.',
};
const aliases: PropertySpec = { kind: 'string[]', description: 'Other names, short names and former names, in any language.' };
const pinyin: PropertySpec = {
  kind: 'string',
  description: 'Pinyin of the Chinese name without tones or spaces, computed on import (e.g. fengxianbin).',
};
const validFrom: PropertySpec = { kind: 'date', description: 'First day on which this is in force or exists; open when absent.' };
const validTo: PropertySpec = { kind: 'date', description: 'Last day on which this is in force or exists; open when absent.' };
const unsourced: PropertySpec = { kind: 'boolean', description: 'True when an editor asserts this without a source; the UI marks it.' };

export const NODES: readonly NodeSpec[] = [
  {
    label: 'Case',
    plural: 'cases',
    names: ['title', 'titleZh'],
    cited: false,
    description: 'One investigation. Every fact belongs to at least one case.',
    descriptionZh: '案例：一次调查，所有事实至少属于一个案例。',
    properties: {
      id,
      title: { kind: 'string', description: 'Title in English; this or titleZh is required.' },
      titleZh: { kind: 'string', description: 'Title in Chinese; this or title is required.' },
      summary: { kind: 'text', description: 'What the case is about, in English.' },
      summaryZh: { kind: 'text', description: 'What the case is about, in Chinese.' },
      fictional: { kind: 'boolean', description: 'True for an illustrative case not drawn from the public record.' },
      languages: { kind: 'string[]', description: 'Languages the case is written in, as language codes (en, zh); readers fall back to these.' },
    },
    oneOf: [['title', 'titleZh']],
  },
  {
    label: 'Source',
    plural: 'sources',
    names: ['title'],
    cited: false,
    description: 'A document that evidences facts: a news report, an official notice, a law text, a discipline report.',
    descriptionZh: '来源：证明事实的文件。',
    properties: {
      id,
      title: { kind: 'string', required: true, description: 'Title as published.' },
      titleEn: { kind: 'string', description: 'Title translated into English.' },
      outlet: { kind: 'string', required: true, description: 'Publisher or outlet as printed (e.g. 界面新闻, via 新浪财经).' },
      author: { kind: 'string', description: 'Author or reporter as printed.' },
      publishedAt: { kind: 'date', required: true, description: 'Date of publication.' },
      url: { kind: 'string', description: 'Where the document can be read.' },
      kind: {
        kind: 'string',
        required: true,
        enum: SOURCE_KINDS,
        vocabulary: 'SOURCE_KIND',
        description: 'What sort of document it is (a built-in kind or a SOURCE_KIND term the bundle declares).',
      },
      language: { kind: 'string', required: true, description: 'Language code of the document (zh, en).' },
    },
  },
  {
    label: 'Place',
    plural: 'places',
    names: ['name', 'nameZh', 'aliases', 'pinyin'],
    cited: false,
    description: 'A jurisdiction: country, province, city, district. WITHIN its parent.',
    descriptionZh: '地方：国家、省、市、区等行政区域。',
    properties: {
      id,
      name,
      nameZh,
      aliases,
      pinyin,
      level: {
        kind: 'string',
        required: true,
        enum: PLACE_LEVELS,
        vocabulary: 'PLACE_LEVEL',
        description: 'Administrative level (a built-in level or a PLACE_LEVEL term the bundle declares).',
      },
    },
    oneOf: NAMED,
  },
  {
    label: 'BodyType',
    plural: 'bodyTypes',
    names: ['name', 'nameZh', 'aliases', 'pinyin'],
    cited: false,
    description: 'A class of bodies that a rule names instead of one body (各级大数据管理部门).',
    descriptionZh: '机构类型：规则中泛指的一类机构。',
    properties: { id, name, nameZh, aliases, pinyin, description: { kind: 'text', description: 'What bodies of this type are.' } },
    oneOf: NAMED,
  },
  {
    label: 'Body',
    plural: 'bodies',
    names: ['name', 'nameZh', 'aliases', 'pinyin'],
    cited: true,
    description:
      'Anything that can hold power or act: an agency, an epidemic HQ or its division, a party organ, a hotline, a company, a community office, a discipline commission.',
    descriptionZh: '机构：可以持有或行使权力的主体。',
    properties: {
      id,
      name,
      nameZh,
      aliases,
      pinyin,
      kind: {
        kind: 'string',
        required: true,
        enum: BODY_KINDS,
        vocabulary: 'BODY_KIND',
        description: 'What sort of body it is (a built-in kind or a BODY_KIND term the bundle declares).',
      },
      level: {
        kind: 'string',
        required: true,
        enum: BODY_LEVELS,
        vocabulary: 'BODY_LEVEL',
        description: 'Level of government it sits at (a built-in level or a BODY_LEVEL term the bundle declares).',
      },
      validFrom,
      validTo,
      unsourced,
    },
    oneOf: NAMED,
  },
  {
    label: 'Person',
    plural: 'persons',
    names: ['name', 'nameZh', 'aliases', 'pinyin'],
    cited: true,
    description: 'A public office holder. Private individuals are never stored by name or identifier.',
    descriptionZh: '人员：仅限公职人员，不记录私人个人。',
    properties: { id, name, nameZh, aliases, pinyin, unsourced },
    oneOf: NAMED,
  },
  {
    label: 'Group',
    plural: 'groups',
    names: ['name', 'nameZh', 'aliases'],
    cited: true,
    description: 'The people affected, as a group (the depositors of four rural banks).',
    descriptionZh: '群体：受影响的人群，不记个人。',
    properties: { id, name, nameZh, aliases, size: { kind: 'int', description: 'How many people, where known.' }, unsourced },
    oneOf: NAMED,
  },
  {
    label: 'Instrument',
    plural: 'instruments',
    names: ['title', 'titleZh', 'aliases', 'pinyin', 'officialId'],
    cited: true,
    description: 'A law, regulation, measure, notice or internal decision. ISSUED_BY one or more bodies; may IMPLEMENT a higher instrument.',
    descriptionZh: '文件：法律、法规、办法、通知或内部决定。',
    properties: {
      id,
      title: { kind: 'string', description: 'Title in English (or as issued, for an instrument in another language); this or titleZh is required.' },
      titleZh: { kind: 'string', description: 'Title in Chinese, as issued; this or title is required.' },
      aliases,
      pinyin,
      officialId: { kind: 'string', description: 'Official document number (文号), where one exists.' },
      url: { kind: 'string', description: 'Official text, where one exists.' },
      docType: {
        kind: 'string',
        required: true,
        enum: DOC_TYPES,
        vocabulary: 'DOC_TYPE',
        description: 'What sort of instrument it is (a built-in type or a DOC_TYPE term the bundle declares).',
      },
      issuedOn: { kind: 'date', description: 'Date of issue.' },
      effectiveFrom: { kind: 'date', description: 'First day in force; the issue date when absent.' },
      effectiveTo: { kind: 'date', description: 'Last day in force; open when absent.' },
      unsourced,
    },
    oneOf: [['title', 'titleZh']],
  },
  {
    label: 'Provision',
    plural: 'provisions',
    names: ['ref', 'refZh', 'textZh', 'text'],
    cited: true,
    description: 'One article or clause of an Instrument, PART_OF it.',
    descriptionZh: '条款：文件中的一条或一款。',
    properties: {
      id,
      ref: {
        kind: 'string',
        required: true,
        description:
          'Article or clause reference as printed (第十条, s. 2(1)); when the sources do not report the number, a short English description of what the clause is about ("clause on the function of the health code").',
      },
      refZh: {
        kind: 'string',
        description:
          'The reference for Chinese text (第十条, or 关于健康码功能定位的规定 when the number is not reported); Chinese text leaves out a ref written in English when this is absent.',
      },
      textZh: { kind: 'text', description: 'Text in Chinese, verbatim.' },
      text: { kind: 'text', description: 'English gist of the text.' },
      unsourced,
    },
  },
  {
    label: 'Power',
    plural: 'powers',
    names: ['name', 'nameZh', 'aliases', 'pinyin'],
    cited: false,
    description: 'A kind of act: assign a code, convert a code, manage the code system. NARROWER_THAN a broader power.',
    descriptionZh: '权力：一类行为，如赋码、转码。',
    properties: {
      id,
      name,
      nameZh,
      aliases,
      pinyin,
      description: { kind: 'text', description: 'What the act is, in plain words.' },
      affectsPeople: {
        kind: 'boolean',
        description:
          "True when exercising the power bears directly on people's rights or status (assigning a code, removing an official); findings about its use are then more severe.",
      },
    },
    oneOf: NAMED,
  },
  {
    label: 'Grant',
    plural: 'grants',
    names: [],
    cited: true,
    description: 'One conferral read from a Provision: a modality of a Power TO a Body or BodyType WITHIN a Place.',
    descriptionZh: '授权：从条款中读出的一项授予。',
    properties: {
      id,
      modality: { kind: 'string', required: true, enum: MODALITIES, description: 'POWER, DUTY, PERMISSION or PROHIBITION.' },
      purposes: {
        kind: 'string[]',
        vocabulary: 'PURPOSE',
        description:
          'Purposes the grant is limited to (for a PROHIBITION: the purposes outside which use is forbidden); each a PURPOSE term the bundle declares.',
      },
      conditions: {
        kind: 'json',
        description:
          'Structured conditions: a list of {id, kind: THRESHOLD|CONSENT|APPROVAL|PROCEDURE, param, min, max, body, description, descriptionZh} (docs/bundle-format.md).',
      },
      validFrom,
      validTo,
      note: { kind: 'text', description: 'How the editor read the provision, in English.' },
      noteZh: { kind: 'text', description: 'How the editor read the provision, in Chinese.' },
      basis,
      unsourced,
    },
  },
  {
    label: 'Action',
    plural: 'actions',
    names: ['summary', 'summaryZh'],
    cited: true,
    description: 'One thing that was actually done: EXERCISED a Power, AFFECTED a Group, IN a Place, PERFORMED_BY actors.',
    descriptionZh: '行为：实际发生的一件事。',
    properties: {
      id,
      summary: { kind: 'text', description: 'What was done, in English; this or summaryZh is required.' },
      summaryZh: { kind: 'text', description: 'What was done, in Chinese; this or summary is required.' },
      startedAt: { kind: 'date', required: true, description: 'First day of the action.' },
      endedAt: { kind: 'date', description: 'Last day of the action, where known.' },
      purpose: {
        kind: 'string',
        vocabulary: 'PURPOSE',
        description: 'What it was done for: a PURPOSE term the bundle declares (epidemic-control, stop-petition, ...).',
      },
      purposeBasis: {
        ...basis,
        description: 'How the purpose is known: STATED by a source, or an EDITOR_READING (the default when a purpose is given is STATED).',
      },
      affectedCount: { kind: 'int', description: 'How many people it affected, where known.' },
      conditionsMet: {
        kind: 'json',
        description:
          'What is known of how it met the conditions of the grants it could rest on: a list of {condition (a condition id), met: true|false|null, note, noteZh, evidence} (docs/bundle-format.md).',
      },
      unsourced,
    },
    oneOf: [['summary', 'summaryZh']],
  },
  {
    label: 'Statement',
    plural: 'statements',
    names: ['quoteZh', 'quote'],
    cited: true,
    description:
      'One thing a body or person said about who holds a power: SAID_BY a speaker, ABOUT a Power, NAMES the body it attributes or refers to.',
    descriptionZh: '表态：某机构或人员关于权力归属的说法。',
    properties: {
      id,
      saidOn: { kind: 'date', required: true, description: 'Day it was said.' },
      stance: {
        kind: 'string',
        required: true,
        enum: STANCES,
        description:
          'CLAIMS_SELF, DENIES_SELF, ATTRIBUTES, DENIES_OTHER, REFERS (sends the asker to another body), FORWARDS (says it has passed, or will pass, the matter on to another body itself: handing over leads, reporting upward; the asker is not sent anywhere), ACCUSES, EXPLAINS_CAUSE, UNKNOWN or UNREACHABLE.',
      },
      stanceBasis: {
        ...basis,
        description: 'How the stance is known: STATED when the words say it outright, EDITOR_READING when an editor read it from them.',
      },
      quoteZh: { kind: 'text', description: 'What was said, in Chinese, verbatim as reported.' },
      quote: { kind: 'text', description: 'English gist of what was said.' },
      speaker: { kind: 'string', description: 'Who was speaking, as reported, without a private name (duty-room staff, hotline operator).' },
      unsourced,
    },
  },
  {
    label: 'Term',
    plural: 'terms',
    names: ['label', 'labelZh'],
    cited: false,
    description:
      'A term of an open vocabulary that a case declares: a kind of body, a level, a type of instrument or source, or a purpose, with its labels.',
    descriptionZh: '术语：案例自行声明的词汇项，如机构类别、层级、文件类型、来源类型或用途。',
    properties: {
      id,
      vocabulary: {
        kind: 'string',
        required: true,
        enum: VOCABULARIES,
        description: 'The vocabulary it belongs to: BODY_KIND, BODY_LEVEL, PLACE_LEVEL, DOC_TYPE, SOURCE_KIND or PURPOSE.',
      },
      value: { kind: 'string', required: true, description: 'The value written in bundles (e.g. PRIVY_COUNCIL, or the purpose epidemic-control).' },
      label: { kind: 'string', description: 'What readers see, in English; this or labelZh is required.' },
      labelZh: { kind: 'string', description: 'What readers see, in Chinese; this or label is required.' },
      description: { kind: 'text', description: 'What the term means, in plain words.' },
    },
    oneOf: [['label', 'labelZh']],
  },
];
