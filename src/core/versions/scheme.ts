/**
 * A version scheme: how one package ecosystem spells and orders its versions.
 *
 * Every scheme parses a version string into its own parsed form (or an invalid-version value with a
 * reason; never an exception) and compares two parsed versions, answering -1, 0 or 1. Schemes are
 * pure: no I/O, no clock, no locale. The registry (`registry.ts`) maps OSV ecosystem names to schemes.
 */

/** -1: a sorts before b; 0: the same version; 1: a sorts after b. */
export type Ordering = -1 | 0 | 1;

/** The stable error code of an unparseable version (to be added to core/errors.ts by the lead). */
export const invalidVersionCode = 'version.invalid';

/** Why a string is not a version of a scheme. A value, not an exception. */
export interface InvalidVersion {
  readonly code: typeof invalidVersionCode;
  readonly scheme: string;
  readonly version: string;
  readonly reason: string;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: InvalidVersion };

export interface VersionScheme<T = unknown> {
  /** Stable id of the scheme, e.g. `semver`, `pep440`, `dpkg`. */
  readonly name: string;
  /** The specification or reference implementation the ordering follows. */
  readonly source: string;
  parse(version: string): ParseResult<T>;
  compare(a: T, b: T): Ordering;
  /**
   * Why a parsed version is not valid in the ecosystem's own grammar although the scheme still
   * orders it (as OSV does, so that matching follows OSV), or null when it is valid. Only schemes
   * with such a lenient rule have it: PEP 440 (legacy versions) and npm's SemVer (`1.2`, `1.x`).
   * The others accept exactly what their reference accepts, and refuse the rest in `parse`, or (the
   * other SemVer ecosystems) order their versions leniently as OSV does.
   */
  outsideGrammar?(value: T): string | null;
}

/** Longest version string any scheme accepts (untrusted input: parsers have size limits). */
export const maxVersionLength = 256;

export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function invalid(scheme: string, version: string, reason: string): ParseResult<never> {
  return { ok: false, error: { code: invalidVersionCode, scheme, version, reason } };
}

/** Checks shared by every scheme: not empty, not too long, no control characters. */
export function basicProblem(version: string): string | null {
  if (version.length === 0) return 'the version is empty';
  if (version.length > maxVersionLength) return `the version is longer than ${maxVersionLength} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(version)) return 'the version contains a control character';
  return null;
}

export function sign(n: number): Ordering {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Byte-wise (code unit) string order, like C `strcmp` / Go `strings.Compare` on ASCII. */
export function compareText(a: string, b: string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two strings of ASCII digits as unbounded non-negative integers (leading zeros ignored). */
export function compareDigits(a: string, b: string): Ordering {
  let i = 0;
  while (i < a.length - 1 && a[i] === '0') i++;
  let j = 0;
  while (j < b.length - 1 && b[j] === '0') j++;
  const x = a.slice(i);
  const y = b.slice(j);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return compareText(x, y);
}

export function isDigits(s: string): boolean {
  return /^[0-9]+$/.test(s);
}

/** Parses both strings and compares them; the first invalid one is returned as the error. */
export function compareVersionStrings<T>(
  scheme: VersionScheme<T>,
  a: string,
  b: string,
): { readonly ok: true; readonly value: Ordering } | { readonly ok: false; readonly error: InvalidVersion } {
  const pa = scheme.parse(a);
  if (!pa.ok) return pa;
  const pb = scheme.parse(b);
  if (!pb.ok) return pb;
  return { ok: true, value: scheme.compare(pa.value, pb.value) };
}
