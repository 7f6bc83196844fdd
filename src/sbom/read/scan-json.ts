/**
 * One pass over JSON text before JSON.parse: measures nesting depth (so a hostile document is
 * refused before it is materialised) and notes whether any object key could be `__proto__`,
 * `constructor` or `prototype` (only then is the parsed tree walked to strip them). The scan does
 * not validate JSON syntax; JSON.parse does that afterwards.
 */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonScan =
  | { readonly ok: true; readonly maxDepth: number; readonly suspiciousKeys: boolean }
  | { readonly ok: false; readonly offset: number; readonly depth: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function scanJson(text: string, maxDepth: number): JsonScan {
  let depth = 0;
  let deepest = 0;
  let suspicious = false;
  const n = text.length;
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
      if (!suspicious && (escaped || len === 9 || len === 11)) {
        // Only keys matter: the next non-blank character is a colon.
        let j = i + 1;
        while (j < n && isBlank(text.charCodeAt(j))) j += 1;
        if (text.charCodeAt(j) === 0x3a) {
          suspicious = escaped || forbiddenKeys.has(text.slice(start, i));
        }
      }
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (depth > maxDepth) return { ok: false, offset: i, depth };
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return { ok: true, maxDepth: deepest, suspiciousKeys: suspicious };
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
