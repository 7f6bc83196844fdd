/**
 * scanJson finds string ends with indexOf; this checks it against the plain character-by-character
 * scan it replaced, on random texts full of quotes, escapes, brackets and the forbidden keys.
 */
import { describe, expect, it } from 'vitest';
import { forbiddenKeys, scanJson, type JsonScan } from './scan-json.js';

/** The reference: every character visited. */
function referenceScan(text: string, maxDepth: number): JsonScan {
  let depth = 0;
  let deepest = 0;
  let suspicious = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i + 1;
      let escaped = false;
      i += 1;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x22) break;
        if (d === 0x5c) {
          escaped = true;
          i += 1;
        }
        i += 1;
      }
      const len = i - start;
      if (!suspicious && (escaped || len === 9 || len === 11)) {
        let j = i + 1;
        while (j < n && ' \n\r\t'.includes(text[j]!)) j += 1;
        if (text.charCodeAt(j) === 0x3a) suspicious = escaped || forbiddenKeys.has(text.slice(start, i));
      }
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (depth > maxDepth) return { ok: false, offset: i, depth };
      }
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return { ok: true, maxDepth: deepest, suspiciousKeys: suspicious };
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  '"',
  '\\',
  '\\"',
  '\\\\',
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  ' ',
  '\n',
  'a',
  'name',
  '"__proto__"',
  '"constructor"',
  '"prototype"',
  '"x"',
  '"\\u005f_proto__"',
  '12',
  'ü',
  '"purl":"pkg:npm/a@1"',
];

describe('scanJson', () => {
  it('agrees with the character-by-character scan on 5,000 random texts', () => {
    const next = random(20261129);
    for (let k = 0; k < 5000; k++) {
      const len = Math.floor(next() * 40);
      let text = '';
      for (let i = 0; i < len; i++) text += pieces[Math.floor(next() * pieces.length)];
      const maxDepth = 1 + Math.floor(next() * 6);
      expect(scanJson(text, maxDepth), JSON.stringify(text)).toEqual(referenceScan(text, maxDepth));
    }
  });

  it('reports depth, the offset of the first bracket past the limit, and suspicious keys', () => {
    expect(scanJson('{"a":[{"b":"}}}"}]}', 10)).toEqual({ ok: true, maxDepth: 3, suspiciousKeys: false });
    expect(scanJson('[[["x"]]]', 2)).toEqual({ ok: false, offset: 2, depth: 3 });
    expect(
      scanJson('{"a":"\\"__proto__\\"", "b": 1}', 10).ok && scanJson('{"a":"\\"__proto__\\"", "b": 1}', 10),
    ).toMatchObject({ suspiciousKeys: false });
    expect(scanJson('{"__proto__" : {}}', 10)).toMatchObject({ suspiciousKeys: true });
    expect(scanJson('{"\\u005f_proto__": {}}', 10)).toMatchObject({ suspiciousKeys: true });
  });
});
