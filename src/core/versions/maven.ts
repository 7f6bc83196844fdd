/**
 * Maven versions, ordered by the POM reference "Version Order Specification"
 * (https://maven.apache.org/pom.html#version-order-specification), which `ComparableVersion`
 * implements and OSV follows (maven-versions*.txt, generated with maven-artifact 3.8.5).
 *
 * - Tokens are split on `.`, `-` and on every change between digits and other characters (such a
 *   change counts as `-`); an empty token is `0`; letters are case-insensitive.
 * - Trailing "null" tokens (`0`, `""`, `final`, `ga`, `release`) are trimmed, repeated before each
 *   remaining `-` from the end.
 * - The shorter version is padded with null tokens of the other's separator (`.0` or `-""`).
 * - Same separator: numbers numerically; qualifiers `alpha` < `beta` < `milestone` < `rc` = `cr` <
 *   `snapshot` < `""` = `final` = `ga` = `release` < `sp`, unknown qualifiers after, in text order;
 *   `a1`, `b1`, `m1` mean alpha-1, beta-1, milestone-1; numbers above qualifiers.
 * - Different separators: `.qualifier` < `-qualifier` < `-number` < `.number`.
 */
import { basicProblem, compareDigits, compareText, invalid, isDigits, parsed, type Ordering, type ParseResult, type VersionScheme } from './scheme.js';

interface Token {
  readonly separator: '' | '.' | '-';
  readonly value: string;
  readonly padding: boolean;
}

export interface MavenVersion {
  readonly original: string;
  readonly tokens: readonly Token[];
}

const qualifiers = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];

function tokenize(version: string): Token[] {
  const tokens: Token[] = [];
  const raw = version.split(/([.-])/);
  for (let k = 0; k < raw.length; k += 2) {
    let separator: Token['separator'] = k === 0 ? '' : (raw[k - 1] as '.' | '-');
    const text = raw[k]!;
    const pieces = text.match(/[0-9]+|[^0-9]+/g) ?? [''];
    pieces.forEach((piece, p) => {
      if (p > 0) separator = '-';
      let value = piece.toLowerCase();
      if (value === '') value = '0';
      if (value === 'cr') value = 'rc';
      if (value === 'ga' || value === 'final' || value === 'release') value = '';
      if (p < pieces.length - 1) {
        if (value === 'a') value = 'alpha';
        else if (value === 'b') value = 'beta';
        else if (value === 'm') value = 'milestone';
      }
      if (isDigits(value)) value = value.replace(/^0+(?=[0-9])/, '');
      tokens.push({ separator, value, padding: false });
    });
  }
  // Trim trailing nulls, then repeat before each remaining hyphen, from the end.
  let i = tokens.length - 1;
  while (i > 0) {
    const t = tokens[i]!;
    if (t.value === '0' || t.value === '') {
      tokens.splice(i, 1);
      i--;
      continue;
    }
    while (i >= 0 && tokens[i]!.separator !== '-') i--;
    i--;
  }
  return tokens;
}

function nullLike(other: Token): Token {
  if (other.separator === '-') return { separator: '-', value: '', padding: true };
  // `sp` is the only qualifier after the release; the null value must keep that order.
  return { separator: other.separator, value: other.value === 'sp' ? '' : '0', padding: true };
}

function rank(t: Token): number {
  const numeric = isDigits(t.value);
  if (t.separator === '-') return numeric ? 2 : 1;
  return numeric ? 3 : 0;
}

function qualifierIndex(q: string): number {
  const i = qualifiers.indexOf(q);
  return i === -1 ? qualifiers.length : i;
}

function lessThan(a: Token, b: Token): boolean {
  if (a.separator === b.separator) {
    const an = isDigits(a.value);
    const bn = isDigits(b.value);
    if (an && bn) return compareDigits(a.value, b.value) < 0;
    if (an && !a.padding) return false;
    if (bn && !b.padding) return true;
    const ai = qualifierIndex(a.value);
    const bi = qualifierIndex(b.value);
    if (ai === qualifiers.length && bi === qualifiers.length) return compareText(a.value, b.value) < 0;
    return ai < bi;
  }
  return rank(a) < rank(b);
}

function before(a: MavenVersion, b: MavenVersion): boolean {
  const n = Math.max(a.tokens.length, b.tokens.length);
  for (let i = 0; i < n; i++) {
    const x = a.tokens[i] ?? nullLike(b.tokens[i]!);
    const y = b.tokens[i] ?? nullLike(a.tokens[i]!);
    if (x.separator === y.separator && x.value === y.value) continue;
    return lessThan(x, y);
  }
  return false;
}

export const maven: VersionScheme<MavenVersion> = {
  name: 'maven',
  source: 'https://maven.apache.org/pom.html#version-order-specification; maven-artifact ComparableVersion',
  parse(version: string): ParseResult<MavenVersion> {
    const problem = basicProblem(version);
    if (problem) return invalid('maven', version, problem);
    if (/\s/.test(version)) return invalid('maven', version, 'the version contains whitespace');
    return parsed({ original: version, tokens: tokenize(version) });
  },
  compare(a, b): Ordering {
    if (before(a, b)) return -1;
    if (before(b, a)) return 1;
    return 0;
  },
};
