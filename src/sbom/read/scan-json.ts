/**
 * One pass over JSON text before JSON.parse: measures nesting depth (so a hostile document is
 * refused before it is materialised), notes whether any object key could be `__proto__`,
 * `constructor` or `prototype` (only then is the parsed tree walked to strip them), and finds keys
 * that appear twice in one object (JSON.parse keeps the last value silently, other tools the first:
 * parse-json.ts reports them). The scan does not validate JSON syntax; JSON.parse does that afterwards.
 */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonScan =
  | {
      readonly ok: true;
      readonly maxDepth: number;
      readonly suspiciousKeys: boolean;
      /** Offsets of the opening quote of every key that its object already had, in text order. */
      readonly duplicateKeys: readonly number[];
    }
  | { readonly ok: false; readonly offset: number; readonly depth: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;

/**
 * An object with more keys than this is checked with a Set of its keys instead of comparing each
 * new key with the earlier ones (which costs the square of the count). SBOM objects have a handful.
 */
const linearKeys = 24;

const noDuplicates: readonly number[] = [];

export function scanJson(text: string, maxDepth: number): JsonScan {
  let depth = 0;
  let deepest = 0;
  let suspicious = false;
  const n = text.length;
  // The keys of the open objects, innermost last: where each starts (after its quote) and how long
  // it is (-1: it has escapes, so only its decoded value says what it is). `objects[k]` is where the
  // keys of the k-th open object start in them; `sets[k]` replaces the comparison for a big object.
  let keyStart: Int32Array = new Int32Array(256);
  let keyLength: Int32Array = new Int32Array(256);
  let keyCount = 0;
  const objects: number[] = [];
  let open = 0;
  let sets: (Set<string> | undefined)[] | null = null;
  let duplicates: number[] | null = null;
  // The last string seen: a key when a colon follows it.
  let lastStart = 0;
  let lastLength = 0;
  // Strings are most of an SBOM's text: their end is found with indexOf (native, fast) unless a
  // backslash comes before the next quote, and only then is the string walked character by character.
  let nextBackslash = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      let escaped = false;
      let close = text.indexOf('"', start);
      if (close < 0) close = n;
      if (nextBackslash < start) {
        nextBackslash = text.indexOf('\\', start);
        if (nextBackslash < 0) nextBackslash = n;
      }
      if (nextBackslash < close) {
        escaped = true;
        i = nextBackslash;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === QUOTE) break;
          if (d === BACKSLASH) i += 1;
          i += 1;
        }
      } else {
        i = close;
      }
      const len = i - start;
      lastStart = start;
      lastLength = escaped ? -1 : len;
      if (!suspicious && (escaped || len === 9 || len === 11)) {
        // Only keys matter: the next non-blank character is a colon.
        let j = i + 1;
        while (j < n && isBlank(text.charCodeAt(j))) j += 1;
        if (text.charCodeAt(j) === COLON) {
          suspicious = escaped || forbiddenKeys.has(text.slice(start, i));
        }
      }
    } else if (c === COLON) {
      // In JSON a colon outside a string follows the key of the innermost open object.
      if (open === 0) continue;
      const first = objects[open - 1]!;
      const set = sets?.[open - 1];
      let repeated = false;
      if (set !== undefined) {
        const key = keyText(text, lastStart, lastLength);
        repeated = set.has(key);
        set.add(key);
      } else if (lastLength < 0 || keyCount - first >= linearKeys) {
        // A key with escapes, or a big object: from here on this object's keys are compared decoded.
        const seen = new Set<string>();
        for (let k = first; k < keyCount; k++) seen.add(keyText(text, keyStart[k]!, keyLength[k]!));
        const key = keyText(text, lastStart, lastLength);
        repeated = seen.has(key);
        seen.add(key);
        (sets ??= [])[open - 1] = seen;
      } else {
        for (let k = first; k < keyCount; k++) {
          if (keyLength[k] === lastLength && sameText(text, keyStart[k]!, lastStart, lastLength)) {
            repeated = true;
            break;
          }
        }
        if (keyCount === keyStart.length) {
          keyStart = grown(keyStart);
          keyLength = grown(keyLength);
        }
        keyStart[keyCount] = lastStart;
        keyLength[keyCount] = lastLength;
        keyCount += 1;
      }
      if (repeated) (duplicates ??= []).push(lastStart - 1);
    } else if (c === OPEN_BRACE || c === 0x5b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (depth > maxDepth) return { ok: false, offset: i, depth };
      }
      if (c === OPEN_BRACE) {
        objects[open] = keyCount;
        if (sets !== null) sets[open] = undefined;
        open += 1;
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      if (c === 0x7d && open > 0) {
        open -= 1;
        keyCount = objects[open]!;
        if (sets !== null) sets[open] = undefined;
      }
    }
  }
  return {
    ok: true,
    maxDepth: deepest,
    suspiciousKeys: suspicious,
    duplicateKeys: duplicates ?? noDuplicates,
  };
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/** A key as JSON.parse gives it: escapes decoded (a malformed one as written: JSON.parse refuses the document later). */
export function keyText(text: string, start: number, length: number): string {
  if (length >= 0) return text.slice(start, start + length);
  let end = start;
  while (end < text.length) {
    const d = text.charCodeAt(end);
    if (d === QUOTE) break;
    if (d === BACKSLASH) end += 1;
    end += 1;
  }
  try {
    return JSON.parse(text.slice(start - 1, end + 1)) as string;
  } catch {
    return text.slice(start, end);
  }
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** 1-based line and column of a character offset, for messages. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
