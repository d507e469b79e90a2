import { describe, expect, it } from 'vitest';
import { createRecentIds } from '../../../../src/shared/voice/recent-ids';

describe('recent ids', () => {
  it('forgets the oldest id once past capacity', () => {
    const ids = createRecentIds(3);
    expect(['a', 'b', 'c'].map((id) => ids.add(id))).toEqual([true, true, true]);
    expect(ids.add('a')).toBe(false);
    expect(ids.add('d')).toBe(true);
    expect(ids.size).toBe(3);
    expect(ids.has('a')).toBe(false);
    expect(ids.add('a')).toBe(true);
    expect(ids.has('b')).toBe(false);
  });

  it('refuses a capacity that could not hold an id', () => {
    expect(() => createRecentIds(0)).toThrow(RangeError);
  });
});
