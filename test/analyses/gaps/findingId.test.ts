// A finding's id: the kind and every node id while short; cut with a digest when long (a
// finding resting on thousands of nodes must still fit a link and Neo4j's index).
import { describe, expect, it } from '@jest/globals';
import { FINDING_ID_MAX, findingId } from '../../../server/analyses/gaps/finding.js';

describe('findingId', () => {
  it('names every node of a finding resting on a few', () => {
    expect(findingId('DEAD_END', ['b-1', 'p-2'])).toBe('DEAD_END:b-1,p-2');
  });

  it('keeps a long id under the bound, the same at every computation, and different for another list', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `body-county-${i}`);
    const id = findingId('DEAD_END', many);
    expect(id.length).toBeLessThanOrEqual(FINDING_ID_MAX);
    expect(id.startsWith('DEAD_END:body-county-0,body-county-1,')).toBe(true);
    expect(findingId('DEAD_END', [...many])).toBe(id);
    expect(findingId('DEAD_END', [...many.slice(0, -1), 'body-county-x'])).not.toBe(id);
    expect(findingId('REFERRAL_LOOP', many)).not.toBe(id);
  });
});
