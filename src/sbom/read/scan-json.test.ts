/**
 * scanJson finds string ends with indexOf and repeated keys by comparing text; this checks it against
 * the plain character-by-character scan it replaced (with a Set of decoded keys per open object), on
 * random texts full of quotes, escapes, brackets, colons, repeated and forbidden keys.
 */
import { describe, expect, it } from 'vitest';
import { forbiddenKeys, scanJson, type JsonScan } from './scan-json.js';

/** The reference: every character visited. */
function referenceScan(text: string, maxDepth: number): JsonScan {
  let depth = 0;
  let deepest = 0;
  let suspicious = false;
  const n = text.length;
  const objects: Set<string>[] = [];
  const duplicateKeys: number[] = [];
  let last = { quote: -1, raw: '', escaped: false };
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
      last = { quote: start - 1, raw: text.slice(start, i), escaped };
      if (!suspicious && (escaped || len === 9 || len === 11)) {
        let j = i + 1;
        while (j < n && ' \n\r\t'.includes(text[j]!)) j += 1;
        if (text.charCodeAt(j) === 0x3a) suspicious = escaped || forbiddenKeys.has(text.slice(start, i));
      }
    } else if (c === 0x3a) {
      const keys = objects[objects.length - 1];
      if (keys === undefined) continue;
      const key = last.escaped ? decoded(last.raw) : last.raw;
      if (keys.has(key)) duplicateKeys.push(last.quote);
      keys.add(key);
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (depth > maxDepth) return { ok: false, offset: i, depth };
      }
      if (c === 0x7b) objects.push(new Set());
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      if (c === 0x7d) objects.pop();
    }
  }
  return { ok: true, maxDepth: deepest, suspiciousKeys: suspicious, duplicateKeys };
}

function decoded(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
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
  '"a":',
  '"a":',
  '"\\u0061":',
  '"b":1,',
  '{"a":1,"a":2}',
];

/** An object of `count` distinct keys k0…, then `extra` (a key that may repeat one of them). */
function manyKeys(count: number, extra: string): string {
  const keys = Array.from({ length: count }, (_, i) => `"k${i}":${i}`);
  return `{${keys.join(',')},${extra}:0}`;
}

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

  it('finds a key its object already has, by its decoded text, in small and big objects (QA sbomra 3)', () => {
    const dup = (text: string) => {
      const scan = scanJson(text, 64);
      return scan.ok ? scan.duplicateKeys : null;
    };
    const safe = '{"type":"library","name":"safe-lib","name":"evil-lib"}';
    expect(dup(safe)).toEqual([safe.lastIndexOf('"name"')]);
    expect(dup('{"name":"a","nested":{"name":"b"},"list":[{"name":"c"},{"name":"d"}]}')).toEqual([]);
    const thrice = '{"name":"a","nested":{"x":1},"name":"b","name":"c"}';
    expect(dup(thrice)).toEqual([thrice.indexOf('"name"', 2), thrice.lastIndexOf('"name"')]);
    // Escapes are decoded: "\u006eame" is "name", and "na\"me" is not.
    const escapedName = '{"name":1,"\\u006eame":2}';
    expect(dup(escapedName)).toEqual([escapedName.indexOf('"\\u006eame"')]);
    const quoted = '{"na\\"me":1,"name":2,"na\\"me":3}';
    expect(dup(quoted)).toEqual([quoted.lastIndexOf('"na\\')]);
    // An object with more keys than are compared one by one is checked with a Set from the first to the last key.
    for (const count of [10, 23, 24, 25, 40, 200]) {
      const text = manyKeys(count, '"k3"');
      expect(dup(text), `${count} keys`).toEqual([text.lastIndexOf('"k3"')]);
      expect(dup(manyKeys(count, '"other"')), `${count} keys`).toEqual([]);
      expect(dup(manyKeys(count, `"k${count - 1}"`)), `${count} keys, the last one repeated`).toEqual([
        manyKeys(count, `"k${count - 1}"`).lastIndexOf(`"k${count - 1}"`),
      ]);
      const escaped = manyKeys(count, '"\\u006b3"');
      expect(dup(escaped), `${count} keys, escaped`).toEqual([escaped.lastIndexOf('"\\u006b3"')]);
    }
    // Keys of an enclosing object are not compared with a nested one's, before or after it.
    expect(dup(`{"a":${manyKeys(30, '"z"')},"k1":1,"z":2}`)).toEqual([]);
  });

  it('reports depth, the offset of the first bracket past the limit, and suspicious keys', () => {
    expect(scanJson('{"a":[{"b":"}}}"}]}', 10)).toEqual({
      ok: true,
      maxDepth: 3,
      suspiciousKeys: false,
      duplicateKeys: [],
    });
    expect(scanJson('[[["x"]]]', 2)).toEqual({ ok: false, offset: 2, depth: 3 });
    expect(
      scanJson('{"a":"\\"__proto__\\"", "b": 1}', 10).ok && scanJson('{"a":"\\"__proto__\\"", "b": 1}', 10),
    ).toMatchObject({ suspiciousKeys: false });
    expect(scanJson('{"__proto__" : {}}', 10)).toMatchObject({ suspiciousKeys: true });
    expect(scanJson('{"\\u005f_proto__": {}}', 10)).toMatchObject({ suspiciousKeys: true });
  });
});
