// REFERRAL_LOOP and DEAD_END, from referralPaths walked per power family.
import type { Database } from '../../../neo4j/database.js';
import { referralPaths } from '../../referralPaths.js';
import type { Question, Ranked } from '../finding.js';
import { referralFindingsOf } from './wording.js';

export async function referralFindings(db: Database, question: Question): Promise<{ findings: Ranked[]; incomplete: boolean }> {
  const answer = await referralPaths(db, { case: question.case, power: null, at: question.at });
  return { findings: referralFindingsOf(answer.paths), incomplete: answer.incomplete };
}
