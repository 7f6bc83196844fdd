import { describe, expect, it } from 'vitest';
import { findDuplicate, withLinearUniqueItems, uniqueItemsKeyword } from './unique-items.js';

describe('linear-time uniqueItems', () => {
  it('finds deeply equal items regardless of key order, and only those', () => {
    expect(findDuplicate([{ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [2, 1] } }])).toBeNull();
    expect(findDuplicate([{ a: 1, b: { c: [1, 2] } }, { x: 0 }, { b: { c: [1, 2] }, a: 1 }])).toEqual([0, 2]);
    expect(findDuplicate(['a', 'b', 'a'])).toEqual([0, 2]);
    expect(findDuplicate([1, '1'])).toBeNull();
  });

  // Speed is the SBOM benchmark's job (npm run bench -- sbom); here only the answer at that size.
  it('handles 50,000 distinct objects and finds a duplicate at the very end', () => {
    const items: object[] = Array.from({ length: 50_000 }, (_, i) => ({ type: 'library', name: `lib-${i}`, hashes: [{ alg: 'SHA-1', content: 'a' }] }));
    expect(findDuplicate(items)).toBeNull();
    items.push({ hashes: [{ content: 'a', alg: 'SHA-1' }], name: 'lib-17', type: 'library' });
    expect(findDuplicate(items)).not.toBeNull();
  });

  it('rewrites only uniqueItems: true', () => {
    expect(withLinearUniqueItems({ type: 'array', uniqueItems: true, items: { uniqueItems: false } })).toEqual({ type: 'array', [uniqueItemsKeyword]: true, items: { uniqueItems: false } });
  });
});
