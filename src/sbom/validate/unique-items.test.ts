import { describe, expect, it } from 'vitest';
import { findDuplicate, withLinearUniqueItems, uniqueItemsKeyword } from './unique-items.js';

describe('linear-time uniqueItems', () => {
  it('finds deeply equal items regardless of key order, and only those', () => {
    expect(findDuplicate([{ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [2, 1] } }])).toBeNull();
    expect(findDuplicate([{ a: 1, b: { c: [1, 2] } }, { x: 0 }, { b: { c: [1, 2] }, a: 1 }])).toEqual([0, 2]);
    expect(findDuplicate(['a', 'b', 'a'])).toEqual([0, 2]);
    expect(findDuplicate([1, '1'])).toBeNull();
  });

  it('handles 50,000 distinct objects quickly', () => {
    const items = Array.from({ length: 50_000 }, (_, i) => ({ type: 'library', name: `lib-${i}`, hashes: [{ alg: 'SHA-1', content: 'a' }] }));
    const t = performance.now();
    expect(findDuplicate(items)).toBeNull();
    expect(performance.now() - t).toBeLessThan(2_000);
  });

  it('rewrites only uniqueItems: true', () => {
    expect(withLinearUniqueItems({ type: 'array', uniqueItems: true, items: { uniqueItems: false } })).toEqual({ type: 'array', [uniqueItemsKeyword]: true, items: { uniqueItems: false } });
  });
});
