// timeline (timeline.cypher): the dated events of a case in order, each titled in English
// and Chinese and carrying its evidence.
import type { Database } from '../neo4j/database.js';
import { citationEvidence, citationSourceIds, describeNodes, refOf, requireNode } from './evidence.js';
import { en, zh } from './names.js';
import { LIST_LIMIT, runAnalysis } from './run.js';
import type { Evidence, NodeRef } from './types.js';
import { dateAtPrecision } from '../dates.js';

/** Instruments a legislature adopts or a court hands down: issued (印发) is the wrong word for them. */
const ENACTED: Record<string, { en: string; zh: string }> = {
  LAW: { en: 'Promulgated', zh: '公布' },
  STATUTE: { en: 'Promulgated', zh: '公布' },
  CONSTITUTION: { en: 'Promulgated', zh: '公布' },
  JUDGMENT: { en: 'Handed down', zh: '作出' },
  TREATY: { en: 'Signed', zh: '签署' },
};

export type TimelineKind =
  | 'ACTION'
  | 'STATEMENT'
  | 'INSTRUMENT_ISSUED'
  | 'INSTRUMENT_IN_FORCE'
  | 'INSTRUMENT_ENDED'
  | 'BODY_RENAMED'
  | 'BODY_CREATED'
  | 'BODY_DISSOLVED'
  | 'SOURCE_PUBLISHED';

export interface TimelineEvent {
  /** Written at its precision: '2022-06-13', '2022-04' or '2022'. */
  date: string;
  endDate: string | null;
  kind: TimelineKind;
  node: NodeRef;
  title: string;
  titleZh: string;
  nodeIds: string[];
  evidence: Evidence[];
}

export interface TimelineAnswer {
  case: NodeRef;
  events: TimelineEvent[];
  incomplete: boolean;
}

interface Row {
  kind: TimelineKind;
  date: string;
  datePrecision: string | null;
  endDate: string | null;
  endPrecision: string | null;
  id: string;
  extra: {
    docType?: string;
    stance?: string;
    saidBy?: string | null;
    about?: string[];
    names?: string[];
    successor?: string;
    how?: string;
    citations?: string | null;
    unsourced?: boolean | null;
  };
}

const STANCE: Record<string, { en: string; zh: string }> = {
  CLAIMS_SELF: { en: 'says it holds', zh: '称自己有' },
  DENIES_SELF: { en: 'says it does not hold', zh: '称自己没有' },
  ATTRIBUTES: { en: 'says someone else holds', zh: '称别的机构有' },
  REFERS: { en: 'refers the asker on about', zh: '让去别处问' },
  FORWARDS: { en: 'passes the matter on, itself, about', zh: '自行将事情转交他方，涉及' },
  UNKNOWN: { en: 'does not know who holds', zh: '不清楚谁有' },
  UNREACHABLE: { en: 'could not be reached about', zh: '无法联系上，未能回答谁有' },
  DENIES_OTHER: { en: 'says another body does not hold', zh: '称别的机构没有' },
  ACCUSES: { en: 'accuses a body of acting without authority to', zh: '指其他机构无权却行使' },
  EXPLAINS_CAUSE: { en: 'gives a cause for an event about', zh: '解释事件原因，涉及' },
};
const HOW: Record<string, { en: string; zh: string }> = {
  RENAMED: { en: 'renamed', zh: '更名为' },
  MERGED: { en: 'merged into', zh: '并入' },
  REPLACED: { en: 'replaced by', zh: '由…取代：' },
};

export async function timeline(db: Database, question: { case: string; limit?: number }): Promise<TimelineAnswer> {
  const caseRef = requireNode(await describeNodes(db, [question.case]), 'Case', question.case);
  const limit = question.limit ?? LIST_LIMIT;
  const rows = await runAnalysis<Row>(db, 'timeline', { case: question.case });
  const shown = rows.slice(0, limit);
  const described = await describeNodes(
    db,
    shown.flatMap((r) => [
      r.id,
      r.extra.saidBy ?? '',
      ...(r.extra.about ?? []),
      ...(r.extra.names ?? []),
      r.extra.successor ?? '',
      ...citationSourceIds(r.extra.citations),
    ]),
  );
  const events = shown.map((r): TimelineEvent => {
    const node = refOf(described, r.id);
    const ref = (id: string | null | undefined) => (id ? refOf(described, id) : null);
    let title = node.name ?? node.id;
    let titleZh = node.nameZh ?? node.name ?? node.id;
    let nodeIds = [r.id];
    let evidence = described.get(r.id)?.evidence ?? [];
    switch (r.kind) {
      case 'STATEMENT': {
        const speaker = ref(r.extra.saidBy);
        const powers = (r.extra.about ?? []).map((id) => refOf(described, id, 'Power'));
        const named = (r.extra.names ?? []).map((id) => refOf(described, id, 'Body'));
        const stance = STANCE[r.extra.stance ?? ''] ?? { en: 'speaks about', zh: '谈及' };
        title = `${en(speaker)} ${stance.en} ${powers.map((p) => `"${p.name ?? p.nameZh ?? p.id}"`).join(', ')}${named.length ? ` (names ${named.map(en).join(', ')})` : ''}`;
        titleZh = `${zh(speaker)}${stance.zh}${powers.map((p) => `“${p.nameZh ?? p.name ?? p.id}”`).join('、')}${named.length ? `（指向${named.map(zh).join('、')}）` : ''}`;
        nodeIds = [r.id, ...(speaker ? [speaker.id] : []), ...powers.map((p) => p.id), ...named.map((b) => b.id)];
        break;
      }
      case 'INSTRUMENT_ISSUED': {
        const enacted = ENACTED[r.extra.docType ?? ''] ?? { en: 'Issued', zh: '印发' };
        title = `${enacted.en}: ${node.name}`;
        titleZh = `${enacted.zh}：《${node.nameZh}》`;
        break;
      }
      case 'INSTRUMENT_IN_FORCE':
        title = `In force: ${node.name}`;
        titleZh = `施行：《${node.nameZh}》`;
        break;
      case 'INSTRUMENT_ENDED':
        title = `No longer in force after this day: ${node.name}`;
        titleZh = `最后施行日：《${node.nameZh}》`;
        break;
      case 'BODY_CREATED':
        title = `Created: ${en(node)}`;
        titleZh = `设立：${zh(node)}`;
        break;
      case 'BODY_DISSOLVED':
        title = `Last day of ${en(node)}`;
        titleZh = `${zh(node)}存续至此日`;
        break;
      case 'BODY_RENAMED': {
        const successor = ref(r.extra.successor);
        const how = HOW[r.extra.how ?? ''] ?? HOW.REPLACED;
        title = `${en(node)} ${how.en} ${en(successor)}`;
        titleZh = `${zh(node)}${how.zh}${zh(successor)}`;
        nodeIds = [r.id, ...(successor ? [successor.id] : [])];
        evidence = citationEvidence(r.extra.citations, r.extra.unsourced, described);
        break;
      }
      case 'SOURCE_PUBLISHED': {
        const source = described.get(r.id)?.source;
        title = `Published: ${node.name} (${source?.outlet ?? ''})`;
        titleZh = `发表：${source?.title ?? node.nameZh}（${source?.outlet ?? ''}）`;
        evidence = source ? [{ quote: null, quoteZh: null, quoteEn: null, locator: null, source, unsourced: false }] : [];
        break;
      }
      default:
        break;
    }
    const date = dateAtPrecision(r.date, r.datePrecision);
    const endDate = r.endDate === null ? null : dateAtPrecision(r.endDate, r.endPrecision);
    return { date, endDate, kind: r.kind, node, title, titleZh, nodeIds, evidence };
  });
  return { case: caseRef, events, incomplete: rows.length > limit };
}
