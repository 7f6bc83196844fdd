/**
 * The regular-expression engine the JSON schema validators are compiled with (ajv's `code.regExp`).
 * Every `pattern` is a `RegExp` as ajv makes it, except one shape that the CycloneDX schemas put on
 * every hash (`^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|…|[a-fA-F0-9]{128})$`): an anchored alternation of
 * one ASCII character class repeated a fixed number of times. V8 tries such an alternative after the
 * other, with the `u` flag ajv sets, about 1–2 µs a hash: 50–100 ms of a 50,000-component upload
 * (ADR 0008 addendum 2). The same test is a length lookup and one scan of the class, 0.15–0.25 µs.
 *
 * It is the same test: every character the class admits is ASCII, so a string whose characters are
 * all in the class has as many UTF-16 units as code points, and the alternation matches it exactly
 * when its length is one of the counts. Anything else the class rejects either way.
 */

/** What ajv calls `test` on. */
export interface PatternTest {
  test(s: string): boolean;
  /** `/source/flags`, as a `RegExp` prints itself: ajv keys its scope values by it. */
  toString(): string;
}

/** Name under which ajv standalone code (standalone.ts) refers to `patternRegExp`. */
export const patternRegExpRuntimeName = 'mamoriPatternRegExp';

/** A class such as `[a-fA-F0-9]`: letters, digits and ranges between them only (no escapes). */
const asciiClass = /^\[(?:[A-Za-z0-9](?:-[A-Za-z0-9])?)+\]$/;
const repetition = /^(\[[^\]]*\])\{([1-9][0-9]{0,4})\}$/;

class FixedLengthClassPattern implements PatternTest {
  private readonly lengths: ReadonlySet<number>;
  private readonly scan: RegExp;
  constructor(
    private readonly source: string,
    private readonly flags: string,
    cls: string,
    lengths: readonly number[],
  ) {
    this.lengths = new Set(lengths);
    this.scan = new RegExp(`^${cls}*$`, flags);
  }
  test(s: string): boolean {
    return this.lengths.has(s.length) && this.scan.test(s);
  }
  /** ajv keys its scope values (one per distinct pattern) by this text. */
  toString(): string {
    return `/${this.source}/${this.flags}`;
  }
}

/**
 * The fixed-length form of `pattern` when it has the shape above (the class and its counts), else
 * null.
 */
export function fixedLengthClass(pattern: string): { cls: string; lengths: number[] } | null {
  if (!pattern.startsWith('^(') || !pattern.endsWith(')$')) return null;
  let cls: string | null = null;
  const lengths: number[] = [];
  for (const part of pattern.slice(2, -2).split('|')) {
    const m = repetition.exec(part);
    if (m === null || !asciiClass.test(m[1]!)) return null;
    if (cls !== null && m[1] !== cls) return null;
    cls = m[1]!;
    lengths.push(Number(m[2]));
  }
  return cls === null ? null : { cls, lengths };
}

/** ajv's `code.regExp`: `new RegExp(pattern, flags)`, or the same test made faster (see above). */
export const patternRegExp = Object.assign(
  (pattern: string, flags: string): PatternTest => {
    const fixed = fixedLengthClass(pattern);
    return fixed === null
      ? new RegExp(pattern, flags)
      : new FixedLengthClassPattern(pattern, flags, fixed.cls, fixed.lengths);
  },
  { code: patternRegExpRuntimeName },
);
