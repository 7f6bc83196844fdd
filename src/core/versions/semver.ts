/**
 * Semantic Versioning 2.0.0 (https://semver.org/spec/v2.0.0.html), as OSV orders the versions of npm,
 * crates.io, Hex, SwiftURL and other SemVer ecosystems.
 *
 * Precedence (SemVer §11): MAJOR.MINOR.PATCH compared numerically; a version with a pre-release is
 * lower than the same version without; pre-release identifiers compared one by one — numeric ones
 * numerically, alphanumeric ones in ASCII order, numeric lower than alphanumeric, a longer list
 * higher when all earlier identifiers are equal. Build metadata is ignored (§10).
 *
 * Leniency, as in OSV's own evaluator (osv-scalibr `semantic`): a leading `v` is allowed; numbers
 * have no size limit; fewer than three numbers are padded with zeros; numbers after the third are
 * appended to the pre-release (`1.1.3.4.5` sorts like `1.1.3-.4.5`); text right after the numbers
 * without a `-` is read as a pre-release (`1.0.0rc1` = `1.0.0-rc1`). A version must start with a
 * number (after the optional `v`).
 */
import { basicProblem, compareDigits, compareText, invalid, isDigits, parsed, type Ordering, type ParseResult, type VersionScheme } from './scheme.js';

export interface SemverLikeVersion {
  readonly original: string;
  /** The numeric components (digit strings), at most `maxComponents` of them. */
  readonly numbers: readonly string[];
  /** Pre-release identifiers (without the leading `-`); empty for a release. */
  readonly prerelease: readonly string[];
  /** Build metadata after `+`, or `''`. */
  readonly build: string;
}

/** Splits a SemVer-like string. Returns a reason string when it does not start with a number. */
export function parseSemverLike(version: string, maxComponents: number): SemverLikeVersion | string {
  const problem = basicProblem(version);
  if (problem) return problem;
  let s = version.startsWith('v') ? version.slice(1) : version;
  if (!/^[0-9]/.test(s)) return 'a version must start with a number (after an optional "v")';
  const numbers: string[] = [];
  let i = 0;
  let current = '';
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') current += c;
    else if (c === '.') {
      if (current !== '') numbers.push(current);
      current = '';
    } else break;
  }
  if (current !== '') numbers.push(current);
  let rest = s.slice(i);
  // Numbers beyond maxComponents are appended to the tail, as OSV does.
  for (const extra of numbers.slice(maxComponents)) rest += `.${normalizeDigits(extra)}`;
  s = rest;
  const plus = s.indexOf('+');
  const preText = plus === -1 ? s : s.slice(0, plus);
  const build = plus === -1 ? '' : s.slice(plus + 1);
  const pre = preText.startsWith('-') ? preText.slice(1) : preText;
  return { original: version, numbers: numbers.slice(0, maxComponents), prerelease: pre === '' ? [] : pre.split('.'), build };
}

function normalizeDigits(d: string): string {
  const t = d.replace(/^0+/, '');
  return t === '' ? '0' : t;
}

/** Compares numeric component lists, the shorter padded with zeros. */
export function compareNumberLists(a: readonly string[], b: readonly string[]): Ordering {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

/** SemVer §11.4: identifier lists (a missing list — a release — is handled by the caller). */
export function compareIdentifiers(a: readonly string[], b: readonly string[], fold = false): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = fold ? a[i]!.toLowerCase() : a[i]!;
    const y = fold ? b[i]!.toLowerCase() : b[i]!;
    const xn = isDigits(x);
    const yn = isDigits(y);
    let c: Ordering;
    if (xn && yn) c = compareDigits(x, y);
    else if (!xn && !yn) c = compareText(x, y);
    else c = xn ? -1 : 1;
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** SemVer §11.3: a release is higher than any of its pre-releases. */
export function comparePrerelease(a: readonly string[], b: readonly string[], fold = false): Ordering {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  return compareIdentifiers(a, b, fold);
}

export function compareSemverLike(a: SemverLikeVersion, b: SemverLikeVersion, fold = false): Ordering {
  return compareNumberLists(a.numbers, b.numbers) || comparePrerelease(a.prerelease, b.prerelease, fold);
}

export type SemverVersion = SemverLikeVersion;

export const semver: VersionScheme<SemverVersion> = {
  name: 'semver',
  source: 'https://semver.org/spec/v2.0.0.html#spec-item-11 (lenient as OSV: osv-scalibr semantic/version-semver.go)',
  parse(version: string): ParseResult<SemverVersion> {
    const v = parseSemverLike(version, 3);
    return typeof v === 'string' ? invalid('semver', version, v) : parsed(v);
  },
  compare: (a, b) => compareSemverLike(a, b),
};

/** SemVer 2.0.0 (§2, §9, §10) with npm's optional leading `v`: what node-semver's `valid()` accepts. */
const strictSemver =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][a-zA-Z0-9-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][a-zA-Z0-9-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

/**
 * npm: the SemVer scheme (the same parse and order, so matching follows OSV), which also says when
 * a version is outside npm's grammar (node-semver `valid()`: three numbers without leading zeros,
 * each at most 2^53 - 1, an optional `v`): `1.2` or `1.x` is ordered by the lenient rule as OSV does
 * (`1.2` as `1.2.0`, `1.x` as `1.0.0-x`), but `mamori version compare` refuses it.
 */
export const npmSemver: VersionScheme<SemverVersion> = {
  ...semver,
  outsideGrammar(v) {
    const m = strictSemver.exec(v.original);
    if (m !== null && m.slice(1, 4).every((n) => Number(n) <= Number.MAX_SAFE_INTEGER)) return null;
    return 'it is not a valid npm (SemVer 2.0.0) version, which node-semver refuses; matching still orders it leniently, as OSV does (missing numbers as 0, text after the numbers as a pre-release: 1.2 as 1.2.0, 1.x as 1.0.0-x)';
  },
};
