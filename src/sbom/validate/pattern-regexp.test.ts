import { describe, expect, it } from 'vitest';
import { fixedLengthClass, patternRegExp } from './pattern-regexp.js';

const hashPattern = '^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$';

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the validators’ pattern engine', () => {
  it('recognises only an anchored alternation of one ASCII class at fixed counts', () => {
    expect(fixedLengthClass(hashPattern)).toEqual({ cls: '[a-fA-F0-9]', lengths: [32, 40, 64, 96, 128] });
    expect(fixedLengthClass('^([0-9]{4})$')).toEqual({ cls: '[0-9]', lengths: [4] });
    for (const other of [
      '^([a-f]{2}|[0-9]{3})$', // two classes
      '^([a-f]{2}|[a-f]{3,4})$', // a range of counts
      '^([a-f]{2})', // not anchored at the end
      '([a-f]{2})$',
      '^([^a-f]{2})$', // negated: admits non-ASCII
      '^([\\w]{2})$', // an escape
      '^([a-fé]{2})$', // non-ASCII
      '^(.{2})$',
      '^([a-f]{2}|)$',
      '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}$',
      '^[-+a-z0-9.]+/[-+a-z0-9.]+$',
    ]) {
      expect(fixedLengthClass(other), other).toBeNull();
      expect(patternRegExp(other, 'u')).toBeInstanceOf(RegExp);
    }
  });

  it('gives the same answer as the RegExp ajv would make, with and without the u flag', () => {
    const alphabet = [
      'a',
      'f',
      'A',
      'F',
      '0',
      '9',
      'g',
      'G',
      ' ',
      '-',
      '\n',
      'é',
      '\u{1F600}',
      '\uD800',
      '\uDC00',
      'ａ',
    ];
    const patterns = [hashPattern, '^([0-9]{2}|[0-9]{3})$', '^([a-z]{1})$'];
    const next = random(20261201);
    for (const pattern of patterns) {
      for (const flags of ['u', '']) {
        const fast = patternRegExp(pattern, flags);
        const plain = new RegExp(pattern, flags);
        expect(fast).not.toBeInstanceOf(RegExp);
        expect(fast.toString()).toBe(plain.toString());
        const cases: string[] = [
          '',
          'a'.repeat(32),
          'A'.repeat(40),
          '0'.repeat(64),
          'f'.repeat(96),
          '9'.repeat(128),
          'a'.repeat(33),
          `${'a'.repeat(31)}\u{1F600}`,
          `${'a'.repeat(32)}\n`,
        ];
        for (let i = 0; i < 4000; i++) {
          const length = [0, 1, 2, 3, 31, 32, 33, 40, 64, 96, 128, 129][Math.floor(next() * 12)]!;
          let s = '';
          const clean = next() < 0.6;
          for (let j = 0; j < length; j++)
            s += clean
              ? '0123456789abcdefABCDEF'[Math.floor(next() * 22)]!
              : alphabet[Math.floor(next() * alphabet.length)]!;
          cases.push(s);
        }
        let matched = 0;
        for (const s of cases) {
          expect(fast.test(s), JSON.stringify(s)).toBe(plain.test(s));
          if (plain.test(s)) matched += 1;
        }
        expect(matched).toBeGreaterThan(50);
      }
    }
  });
});
