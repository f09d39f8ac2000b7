// The shapes of the model's declarations and its closed and open vocabularies (modalities,
// stances, built-in terms…). server/model/model.ts gathers them with the node and relation types.

export type ScalarKind = 'string' | 'text' | 'int' | 'float' | 'boolean' | 'date' | 'string[]' | 'json';

export interface PropertySpec {
  kind: ScalarKind;
  description: string;
  required?: boolean;
  enum?: readonly string[];
  /**
   * An open vocabulary: `enum` lists the built-in values, and a bundle may declare more as
   * Terms of this vocabulary (see Term). Validation, not the schema, checks the value.
   */
  vocabulary?: Vocabulary;
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
  /**
   * Pairs of fields of which at least one must be written: a text in either language
   * suffices (a case may be English-only or Chinese-only).
   */
  oneOf?: readonly (readonly [string, string])[];
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
  /** Pairs of properties of which at least one must be written (see NodeSpec.oneOf). */
  oneOf?: readonly (readonly [string, string])[];
}

export const MODALITIES = ['POWER', 'DUTY', 'PERMISSION', 'PROHIBITION'] as const;
export const STANCES = [
  'CLAIMS_SELF',
  'DENIES_SELF',
  'ATTRIBUTES',
  'DENIES_OTHER',
  'REFERS',
  'FORWARDS',
  'ACCUSES',
  'EXPLAINS_CAUSE',
  'UNKNOWN',
  'UNREACHABLE',
] as const;
export const ACTOR_ROLES = ['DECIDED', 'EXECUTED', 'REQUESTED', 'COMMUNICATED'] as const;
export const SUCCESSION_KINDS = ['RENAMED', 'MERGED', 'REPLACED'] as const;
/** How a claim is known: a source states it, an editor reads it from a source, or an analysis infers it. */
export const BASES = ['STATED', 'EDITOR_READING', 'INFERRED'] as const;
export const CAPACITIES = ['SUBSTANTIVE', 'ACTING', 'INTERIM'] as const;
export const RESTRICTION_EFFECTS = ['CONDITIONS', 'SUSPENDS'] as const;
export const CONDITION_KINDS = ['THRESHOLD', 'CONSENT', 'APPROVAL', 'PROCEDURE'] as const;

/** Open vocabularies: the built-in values below, and whatever Terms a bundle declares. */
export const VOCABULARIES = ['BODY_KIND', 'BODY_LEVEL', 'PLACE_LEVEL', 'DOC_TYPE', 'SOURCE_KIND', 'PURPOSE'] as const;
export type Vocabulary = (typeof VOCABULARIES)[number];

export const SOURCE_KINDS = [
  'NEWS',
  'OFFICIAL',
  'LAW_TEXT',
  'DISCIPLINE_REPORT',
  'SCHOLARSHIP',
  'COURT_RECORD',
  'LEGISLATIVE_RECORD',
  'GAZETTE',
  'ARCHIVE',
  'BOOK',
] as const;
export const PLACE_LEVELS = [
  'SUPRANATIONAL',
  'COUNTRY',
  'STATE',
  'PROVINCE',
  'REGION',
  'CITY',
  'COUNTY',
  'MUNICIPALITY',
  'DISTRICT',
  'LOCALITY',
  'COMMUNITY',
] as const;
export const BODY_LEVELS = [
  'SUPRANATIONAL',
  'NATIONAL',
  'FEDERAL',
  'STATE',
  'PROVINCIAL',
  'REGIONAL',
  'MUNICIPAL',
  'COUNTY',
  'LOCAL',
  'COMMUNITY',
  'NONE',
] as const;
export const BODY_KINDS = [
  'HEAD_OF_STATE',
  'HEAD_OF_GOVERNMENT',
  'CABINET',
  'MINISTRY',
  'DEPARTMENT',
  'AGENCY',
  'OFFICE',
  'LEGISLATURE',
  'COURT',
  'PROSECUTOR',
  'ARMED_FORCES',
  'POLICE',
  'REGULATOR',
  'LOCAL_GOVERNMENT',
  'EPIDEMIC_HQ',
  'HQ_DIVISION',
  'PARTY_ORGAN',
  'DISCIPLINE_COMMISSION',
  'HOTLINE',
  'COMPANY',
  'COMMUNITY_OFFICE',
  'PLATFORM',
  'OTHER',
] as const;
export const DOC_TYPES = [
  'CONSTITUTION',
  'TREATY',
  'STATUTE',
  'LAW',
  'REGULATION',
  'DECREE',
  'EXECUTIVE_ORDER',
  'ORDER',
  'PROCLAMATION',
  'MEASURE',
  'NOTICE',
  'GUIDELINE',
  'INTERNAL_DECISION',
  'JUDGMENT',
  'CONVENTION',
  'OTHER',
] as const;

/** Built-in values of each open vocabulary (PURPOSE has none: purposes are always the case's own). */
export const BUILT_IN_TERMS: Record<Vocabulary, readonly string[]> = {
  BODY_KIND: BODY_KINDS,
  BODY_LEVEL: BODY_LEVELS,
  PLACE_LEVEL: PLACE_LEVELS,
  DOC_TYPE: DOC_TYPES,
  SOURCE_KIND: SOURCE_KINDS,
  PURPOSE: [],
};
