// Where each type of the model goes in the layouts (storyLayout.ts): the lane of each node
// type, the band of the story view, and the reading direction of each relation. Keyed by the
// model's generated unions, so a new node or relation type does not compile until it has a
// lane, a band and a direction here (and a look in graphStyle.ts).
import type { Label, RelType } from './generated/model';

export type Orientation = 'keep' | 'turn' | 'skip';

/** Reading direction of each relation for the lanes layout: keep, turn round, or leave out. */
export const ORIENTATION: Record<RelType, Orientation> = {
  PART_OF: 'turn', // Provision → Instrument becomes Instrument → Provision (Body PART_OF Body is skipped in storyLayout)
  CONFERRED_BY: 'turn',
  TO: 'keep',
  IMPLEMENTS: 'turn',
  ISSUED_BY: 'skip',
  OF: 'skip',
  WITHIN: 'skip',
  PERFORMED_BY: 'turn',
  EXERCISED: 'keep',
  AFFECTED: 'keep',
  TARGETED: 'keep',
  IN: 'skip',
  SAID_BY: 'turn',
  ABOUT: 'keep',
  NAMES: 'skip',
  CONCERNS: 'turn',
  HOLDS_POSITION: 'skip',
  JURISDICTION: 'skip',
  SUCCEEDED_BY: 'keep',
  STAFFED_BY: 'skip',
  BUILT_BY: 'skip',
  OPERATED_BY: 'skip',
  OWNED_BY: 'skip',
  ACTS_FOR: 'skip',
  IS_A: 'skip',
  // Law over law joins things of one lane (an instrument and the one it repeals): left out, so lanes stay columns.
  REPEALS: 'skip',
  AMENDS: 'skip',
  RESTRICTS: 'skip',
  HOLDS_INVALID: 'skip',
  NARROWER_THAN: 'skip',
  EVIDENCED_BY: 'keep',
  IN_CASE: 'skip',
};

/** The lane of each node type in the wrapped layout of large graphs, left to right. */
export const LANE_OF: Record<Label, number> = {
  Instrument: 0,
  Provision: 1,
  Grant: 2,
  BodyType: 3,
  Body: 3,
  Person: 3,
  Action: 4,
  Group: 4,
  Statement: 5,
  Power: 6,
  Place: 6,
  Source: 6,
  Case: 6,
  Term: 6,
};
export const LANE_COUNT = Math.max(...Object.values(LANE_OF)) + 1;

/** The three bands of the story view, top to bottom; each reads left to right. */
export type Band = 'law' | 'fact' | 'says';
export const BANDS: Band[] = ['law', 'fact', 'says'];

/** The band of each node type; `linked`: decided by its links (a body an actor acted through is "in fact", a holder "by law"). */
export const BAND_OF_LABEL: Record<Label, Band | 'linked'> = {
  Instrument: 'law',
  Provision: 'law',
  Grant: 'law',
  BodyType: 'law',
  Action: 'fact',
  Group: 'fact',
  Person: 'fact',
  Statement: 'says',
  Body: 'linked',
  Power: 'linked',
  Place: 'linked',
  Source: 'linked',
  Case: 'linked',
  Term: 'linked',
};

/** Reading direction inside a band: law instrument → provision → grant → type → body; fact action → actor → body; says speaker → statement → body named. */
export const BAND_ORIENTATION: Record<RelType, Orientation> = {
  PART_OF: 'turn',
  CONFERRED_BY: 'turn',
  TO: 'keep',
  IMPLEMENTS: 'turn',
  IS_A: 'turn',
  PERFORMED_BY: 'keep',
  HOLDS_POSITION: 'keep',
  AFFECTED: 'keep',
  TARGETED: 'keep',
  SAID_BY: 'turn',
  NAMES: 'keep',
  SUCCEEDED_BY: 'keep',
  ISSUED_BY: 'skip',
  OF: 'skip',
  WITHIN: 'skip',
  EXERCISED: 'skip',
  IN: 'skip',
  ABOUT: 'skip',
  CONCERNS: 'skip',
  JURISDICTION: 'skip',
  STAFFED_BY: 'skip',
  BUILT_BY: 'skip',
  OPERATED_BY: 'skip',
  OWNED_BY: 'skip',
  ACTS_FOR: 'skip',
  REPEALS: 'skip',
  AMENDS: 'skip',
  RESTRICTS: 'skip',
  HOLDS_INVALID: 'skip',
  NARROWER_THAN: 'skip',
  EVIDENCED_BY: 'skip',
  IN_CASE: 'skip',
};

/** A band's own type, for a label from the API (an unknown label is placed by its links). */
export const ownBand = (label: string): Band | undefined => {
  const band = (BAND_OF_LABEL as Record<string, Band | 'linked' | undefined>)[label];
  return band === 'linked' ? undefined : band;
};
