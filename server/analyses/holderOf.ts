// One holder of a power as whoCan answers it: who, how, under which conditions, with the
// chain of steps that justifies it and how that is known.
import { citationEvidence, refOf, type DescribedNode } from './evidence.js';
import { dateZh, onDate } from './inForce.js';
import { en, zh } from './names.js';
import type { ChainStep, ConditionContext, Holder } from './types.js';

import type { AgentRow, HoldingRow, Outcome } from './holdingRows.js';
import { conditionOf, parseConditions } from './grantConditions.js';
import { basisOf, basisWords, changeStep, howOf, lawSteps, step, uncertaintiesOf, uncertainSentence, weakest } from './chainSteps.js';

export function holderOf(
  row: HoldingRow,
  context: ConditionContext | null | undefined,
  outcomes: Outcome[],
  described: Map<string, DescribedNode>,
  at: string,
): Holder {
  const body = refOf(described, row.bodyId, row.typeLevel ? 'BodyType' : 'Body');
  const chain: ChainStep[] = [];
  let note: string | null = null;
  let noteZh: string | null = null;
  const provisionRef = refOf(described, row.provision.id, 'Provision');
  const grantPlace = refOf(described, row.grantPlaceId, 'Place');

  if (row.typeLevel) {
    chain.push(
      step(
        'BODY_TYPE',
        body,
        `The rule names ${en(body)} within ${en(grantPlace)}; no body of this type is recorded in the case`,
        `规则授予${zh(grantPlace)}范围内的${zh(body)}；本案未记录此类机构`,
        described,
        [],
      ),
    );
    note = `The rule names ${en(body)}; no body of this type is recorded in the case`;
    noteZh = `规则授予${zh(body)}；本案未记录此类机构`;
  } else if (row.bodyTypeId) {
    const type = refOf(described, row.bodyTypeId, 'BodyType');
    const place = refOf(described, row.jurisdictionId ?? '', 'Place');
    chain.push(
      step(
        'BODY_TYPE',
        type,
        `${en(body)} is one of the ${en(type)}, serving ${en(place)}`,
        `${zh(body)}属于${zh(type)}，管辖${zh(place)}`,
        described,
        [],
      ),
    );
    note = `As one of the ${en(type)}, serving ${en(place)}`;
    noteZh = `作为${zh(type)}（管辖${zh(place)}）`;
  }
  if (row.successions.length) {
    // Nearest the body first: the last renaming, then the ones before it.
    for (const s of [...row.successions].reverse()) {
      const from = refOf(described, s.from, 'Body');
      const to = refOf(described, s.to, 'Body');
      const [how, howZh] = howOf(s.how);
      chain.push(
        step(
          'SUCCESSION',
          from,
          `${en(from)} was ${how} ${en(to)} ${onDate(s.on, s.onLast)}`,
          `${dateZh(s.on, s.onLast)}，${zh(from)}${howZh}${zh(to)}`,
          described,
          citationEvidence(s.citations, s.unsourced, described),
        ),
      );
    }
    const first = row.successions[0];
    const named = refOf(described, first.from, 'Body');
    const [how, howZh] = howOf(first.how);
    note = `As successor of ${en(named)} (${how} ${onDate(first.on, first.onLast)}), which the grant names`;
    noteZh = `作为${zh(named)}的继任机构（${dateZh(first.on, first.onLast)}${howZh}${zh(refOf(described, first.to, 'Body'))}），授权原授予该机构`;
  }
  chain.push(
    ...lawSteps(
      { id: row.grantId, modality: row.modality, note: row.note, powerId: row.powerId, placeId: row.grantPlaceId, basis: row.basis },
      row.provision,
      row.instrument,
      row.higher,
      described,
    ),
  );
  if (row.delegation) {
    const d = row.delegation;
    const issuer = refOf(described, d.issuerId, 'Body');
    const instrument = refOf(described, row.instrument.id, 'Instrument');
    const theirs = refOf(described, d.grantId, 'Grant');
    chain.push(
      step(
        'DELEGATION',
        issuer,
        `${en(issuer)}, which holds the power itself (${theirs.name ?? theirs.nameZh}), passed it down by issuing ${en(instrument)}`,
        `${zh(issuer)}本身享有该权力（${zh(theirs)}），通过发布《${zh(instrument)}》将其下放`,
        described,
        [],
      ),
    );
    chain.push(
      ...lawSteps(
        { id: d.grantId, modality: d.modality, note: d.note, powerId: d.powerId, placeId: d.placeId, basis: d.basis },
        d.provision,
        d.instrument,
        d.higher,
        described,
      ),
    );
    note = `Passed down by ${en(issuer)}, which holds the power itself, in ${en(provisionRef)}`;
    noteZh = `由本身享有该权力的${zh(issuer)}通过${zh(provisionRef)}下放`;
  }
  const limits = row.limits ?? [];
  for (const l of limits) {
    const change = changeStep(l, described);
    if (change) chain.push(change);
  }
  if (!note) {
    note = `Named in ${en(provisionRef)}`;
    noteZh = `${zh(provisionRef)}直接规定`;
  }
  const conditions = [
    ...parseConditions(row.conditions, row.grantId).map((c) => conditionOf(c, 'GRANT', context, outcomes, described)),
    ...limits
      .filter((l) => l.kind === 'CONDITIONED')
      .flatMap((l) => parseConditions(l.conditions, l.by).map((c) => conditionOf(c, 'RESTRICTION', context, outcomes, described))),
  ];
  const basis = weakest(chain.map((c) => c.basis));
  const words = basisWords(basis);
  const unsure = uncertaintiesOf(limits, row.successions, at);
  return {
    body,
    via: row.via,
    modality: row.modality,
    power: refOf(described, row.powerId, 'Power'),
    grantPlace,
    conditions,
    note: `${note}${words.en}`,
    noteZh: `${words.zh}${noteZh}`,
    chain,
    grantId: row.grantId,
    basis,
    typeLevel: row.typeLevel === true,
    dateUncertain: unsure.length > 0,
    uncertainty: unsure.length ? unsure.map((u) => u[0]).join(' ') : null,
    uncertaintyZh: unsure.length ? unsure.map((u) => u[1]).join('') : null,
    through: null,
  };
}

/** A body acting for a holder (ACTS_FOR): it holds what its principal holds, for judging its acts. */
export function agentHolderOf(principal: Holder, agent: AgentRow, described: Map<string, DescribedNode>, at: string): Holder {
  const body = refOf(described, agent.id, 'Body');
  const basis = basisOf(agent.basis);
  const words = basisWords(basis);
  const relation = step(
    'ACTS_FOR',
    body,
    `${en(body)} acts for ${en(principal.body)}${words.en}; what it does is judged through that body`,
    `${words.zh}${zh(body)}代${zh(principal.body)}行事，其行为通过该机构判断`,
    described,
    citationEvidence(agent.citations, agent.unsourced, described),
    basis,
  );
  const unsure: [string, string][] = [];
  if (agent.covers === 1 && agent.from)
    unsure.push(uncertainSentence(['It began acting for that body', '代行关系开始'], agent.from, agent.fromLast, at));
  const chainBasis = weakest([basis, principal.basis]);
  const chainWords = basisWords(chainBasis);
  return {
    ...principal,
    body,
    via: 'ACTING_FOR',
    note: `Acts for ${en(principal.body)}, which holds it (${principal.note})${chainWords.en}; its acts are judged through that body`,
    noteZh: `${chainWords.zh}代${zh(principal.body)}行事，后者享有该权力（${principal.noteZh}），其行为通过该机构判断`,
    chain: [relation, ...principal.chain],
    basis: chainBasis,
    typeLevel: false,
    dateUncertain: principal.dateUncertain || unsure.length > 0 || agent.exists === 1,
    uncertainty: [principal.uncertainty, ...unsure.map((u) => u[0])].filter(Boolean).join(' ') || null,
    uncertaintyZh: [principal.uncertaintyZh, ...unsure.map((u) => u[1])].filter(Boolean).join('') || null,
  };
}
