// The story view: the part of a case a newcomer needs to read its most severe findings.
// Which nodes, from data only: the lead action (the one the most severe findings concern
// most), the findings about it or its power, the holders by law of that power in that place
// on that day with their grant → provision → instrument chains (whoCan), what was done
// there (whoDid) with the actors' positions and parent bodies, and what bodies said about
// the power (accountability). Captions are short, both languages.
import { formatDate } from '../../server/dates';
import type { Label, RelType, Stance } from './generated/model';
import type { Named } from './names';
import { tPair, tvPair } from './messages';
import type { Asked } from './api';
import { askStory, type StoryAnswers, type Finding, type GraphAnswer, type GraphNode, type NodeRef } from './questions';

/** How many findings the story is built on, and how many statements it quotes. */
const MAX_FINDINGS = 5;
const MIN_FINDINGS = 3;
const MAX_STATEMENTS = 6;
const SEVERITY_RANK: Record<string, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };
/** Stances that say something about who holds the power (not "don't know"), most telling first. */
const STANCE_ORDER: readonly string[] = [
  'DENIES_SELF',
  'ATTRIBUTES',
  'REFERS',
  'FORWARDS',
  'CLAIMS_SELF',
  'UNREACHABLE',
  'UNKNOWN',
] satisfies Stance[];
/** Kinds left out of the story graph: powers, places and cases link to everything (the headers name them), groups are counted in the action's caption. */
const CONTEXT_LABELS: ReadonlySet<string> = new Set<Label>(['Power', 'Place', 'Case', 'Source', 'Group']);

export interface Story {
  /** The ids drawn, all present in the case graph. */
  nodeIds: Set<string>;
  /** The findings the story shows, most severe first. */
  findings: Finding[];
  leadAction?: string;
  power?: NodeRef;
  place?: NodeRef;
  at?: string;
  /** The GraphQL documents asked to build it (whoCan, whoDid, accountability). */
  query?: string;
}

function bySeverity(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3));
}

function refOf(node: GraphNode | undefined): NodeRef | undefined {
  return node ? { id: node.id, label: node.label, name: node.name, nameZh: node.nameZh } : undefined;
}

/**
 * What the story is about, chosen on the server from the findings (the lead action: the one
 * the findings concern most, weighted by severity; its power, place and date) with the answers
 * to whoCan, whoDid and accountability about them: one request, asked with the findings.
 */
export interface StoryPlan {
  leadAction?: string;
  powerId?: string;
  placeId?: string;
  at?: string;
  asked?: Asked<StoryAnswers>;
}

export async function planStory(caseId: string): Promise<StoryPlan> {
  const asked = await askStory({ case: caseId });
  const told = asked.data.story;
  return {
    leadAction: told.leadAction ?? undefined,
    powerId: told.power?.id,
    placeId: told.place?.id,
    at: told.at ?? undefined,
    asked: told.power ? { ...asked, data: told } : undefined,
  };
}

/** Builds the story of a case from its graph, its findings and the plan's answers. */
export function buildStory(graph: GraphAnswer, findings: Finding[], plan: StoryPlan): Story {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const sorted = bySeverity(findings);
  const { leadAction, powerId, placeId, at } = plan;
  const out = (id: string, type: string) => graph.edges.filter((e) => e.source === id && e.type === type).map((e) => e.target);

  // The findings: those about the lead action, then those about its power, then the most severe.
  const about = (f: Finding) => (leadAction && f.nodeIds.includes(leadAction) ? 0 : powerId && f.power?.id === powerId ? 1 : 2);
  let chosen = sorted
    .filter((f) => about(f) < 2)
    .sort((a, b) => about(a) - about(b) || (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3))
    .slice(0, MAX_FINDINGS);
  if (chosen.length < MIN_FINDINGS) chosen = [...chosen, ...sorted.filter((f) => !chosen.includes(f))].slice(0, MIN_FINDINGS);

  const ids = new Set<string>();
  const add = (id: string | undefined | null) => {
    if (id && byId.has(id) && !CONTEXT_LABELS.has(byId.get(id)!.label)) ids.add(id);
  };
  for (const f of chosen) f.nodeIds.forEach(add);

  const query = plan.asked?.query;
  if (plan.asked) {
    const { whoCan, whoDid, accountability } = plan.asked.data;
    // By law: each holder and its chain.
    for (const holder of whoCan?.holders ?? []) {
      add(holder.body.id);
      for (const step of holder.chain) add(step.node.id);
    }
    // In fact: the actions, their actors, the bodies they acted through.
    for (const action of whoDid?.actions ?? []) {
      add(action.id);
      for (const actor of action.actors) {
        add(actor.who.id);
        add(actor.through?.id);
      }
    }
    // Who says: the statements in the chosen findings, then the most telling others.
    const statements = (accountability?.stances ?? []).flatMap((s) => s.statements);
    const inFindings = statements.filter((s) => ids.has(s.id));
    const rest = statements
      .filter((s) => !ids.has(s.id))
      .sort((a, b) => STANCE_ORDER.indexOf(a.stance) - STANCE_ORDER.indexOf(b.stance) || b.names.length - a.names.length);
    for (const s of [...inFindings, ...rest].slice(0, Math.max(MAX_STATEMENTS, inFindings.length))) {
      add(s.id);
      add(s.saidBy.id);
      s.names.forEach((n) => add(n.id));
    }
  }
  // The immediate neighbourhood needed to read them: the bodies where its persons held
  // positions, a grant's provision and instrument, what that implements, and the parent body
  // of every body drawn. (Who was affected is in the action's caption: 1,317 people.)
  const follow: [Label, RelType][] = [
    ['Person', 'HOLDS_POSITION'],
    ['Grant', 'CONFERRED_BY'],
    ['Grant', 'TO'],
    ['Provision', 'PART_OF'],
    ['Instrument', 'IMPLEMENTS'],
  ];
  for (let round = 0; round < 3; round++) {
    for (const id of [...ids]) {
      const node = byId.get(id)!;
      for (const [label, type] of follow) if (node.label === label) out(id, type).forEach(add);
      if (node.parent) add(node.parent);
    }
  }
  return { nodeIds: ids, findings: chosen, leadAction, power: refOf(byId.get(powerId ?? '')), place: refOf(byId.get(placeId ?? '')), at, query };
}

/** The case graph cut to the story's nodes and the links among them. */
export function storyGraph(graph: GraphAnswer, story: Story): Pick<GraphAnswer, 'nodes' | 'edges'> {
  return {
    nodes: graph.nodes.filter((n) => story.nodeIds.has(n.id)),
    edges: graph.edges.filter((e) => story.nodeIds.has(e.source) && story.nodeIds.has(e.target)),
  };
}

const CJK = /[\u3400-\u9fff]/;

/** The shortest of a name and its aliases in one script, so a label fits under its node. */
function shortest(name: string | null | undefined, aliases: string[], zh: boolean): string | undefined {
  const options = [name, ...aliases.filter((a) => CJK.test(a) === zh)].filter((a): a is string => Boolean(a && a.trim()));
  return options.sort((a, b) => a.length - b.length)[0];
}

/** "1,317 people" / "1317人": the English count with thousands separators, the Chinese without. */
function affectedCaption(n: number): Named {
  return { name: tPair('storyAffected', { n: n.toLocaleString('en') }).name, nameZh: tPair('storyAffected', { n: String(n) }).nameZh };
}

/** A short, two-language name for a node in the story view (names.ts `caption` clips it). */
export function shortName(node: GraphNode, nodeOf: (id: string) => GraphNode | undefined, linked: (id: string, type: string) => string[]): Named {
  const p = node.properties ?? {};
  const aliases = Array.isArray(p.aliases) ? (p.aliases as string[]) : [];
  const short = (n: GraphNode | undefined): Named => {
    if (!n) return {};
    const a = Array.isArray(n.properties?.aliases) ? (n.properties.aliases as string[]) : [];
    return { name: shortest(n.name, a, false), nameZh: shortest(n.nameZh, a, true) };
  };
  switch (node.label) {
    case 'Statement': {
      const stance = tvPair('stanceShort', String(p.stance ?? ''));
      const said = typeof p.saidOn === 'string' ? p.saidOn : '';
      return {
        name: `${stance.name}${said ? ` · ${formatDate(said, 'en')}` : ''}`,
        nameZh: `${stance.nameZh}${said ? ` · ${formatDate(said, 'zh')}` : ''}`,
      };
    }
    case 'Action': {
      const power = short(nodeOf(linked(node.id, 'EXERCISED')[0] ?? ''));
      const n = typeof p.affectedCount === 'number' ? p.affectedCount : undefined;
      const people = n ? affectedCaption(n) : undefined;
      const started = typeof p.startedAt === 'string' ? p.startedAt : '';
      return {
        name: [power.name, formatDate(started, 'en'), people?.name].filter(Boolean).join(' · '),
        nameZh: [power.nameZh, formatDate(started, 'zh'), people?.nameZh].filter(Boolean).join(' · '),
      };
    }
    case 'Grant': {
      const modality = tvPair('modalityShort', String(p.modality ?? ''));
      const power = short(nodeOf(linked(node.id, 'OF')[0] ?? ''));
      return { name: `${modality.name}: ${power.name ?? ''}`, nameZh: `${modality.nameZh}：${power.nameZh ?? ''}` };
    }
    case 'Provision': {
      const ref = typeof p.ref === 'string' ? p.ref : node.id;
      const text = typeof p.text === 'string' ? p.text : undefined;
      return CJK.test(ref) ? { nameZh: ref, name: text } : { name: ref };
    }
    case 'Group': {
      const size = typeof p.size === 'number' ? p.size : undefined;
      const base = short(node);
      const people = size ? affectedCaption(size) : undefined;
      return { name: [base.name, people?.name].filter(Boolean).join(' · '), nameZh: [base.nameZh, people?.nameZh].filter(Boolean).join(' · ') };
    }
    default:
      return {
        name: shortest(node.name ?? (p.title as string | undefined), aliases, false),
        nameZh: shortest(node.nameZh ?? (p.titleZh as string | undefined), aliases, true),
      };
  }
}
