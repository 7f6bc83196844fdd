/**
 * RPM versions, `[epoch:]version[-release]`, ordered by `rpmvercmp` (rpm lib/rpmvercmp.c; described in
 * https://rpm-software-management.github.io/rpm/manual/dependencies.html#versioning). Used for
 * Red Hat, AlmaLinux, Rocky Linux, SUSE, openSUSE and other RPM distributions.
 *
 * rpmvercmp: separators (anything but ASCII letters, digits, `~` and `^`) only split segments; `~`
 * sorts before everything (even the end), `^` after the end but before anything else; digit runs
 * compare numerically and beat letter runs; letter runs compare with strcmp.
 *
 * EVR: the epoch is the leading digits before a `:` (missing = 0; `a:1` has no epoch, the colon is
 * part of the version), the release is what follows the last `-`. As OSV orders them (osv-scalibr
 * `redhat-versions.txt`), a version without a release sorts before the same version with any release
 * (`1 < 1-0`); rpm's dependency matching would treat the missing release as a wildcard instead.
 */
import { basicProblem, invalid, parsed, type Ordering, type ParseResult, type VersionScheme } from './scheme.js';

export interface RpmVersion {
  readonly original: string;
  readonly epoch: string;
  readonly version: string;
  readonly release: string | null;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlpha = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isSegmentChar = (c: string) => isDigit(c) || isAlpha(c) || c === '~' || c === '^';

/** rpm `rpmvercmp`. */
export function rpmvercmp(a: string, b: string): Ordering {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isSegmentChar(a[i]!)) i++;
    while (j < b.length && !isSegmentChar(b[j]!)) j++;
    const ca = a[i] ?? '';
    const cb = b[j] ?? '';
    if (ca === '~' || cb === '~') {
      if (ca !== '~') return 1;
      if (cb !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === '^' || cb === '^') {
      if (ca === '') return -1;
      if (cb === '') return 1;
      if (ca !== '^') return 1;
      if (cb !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === '' || cb === '') break;
    const numeric = isDigit(ca);
    const take = numeric ? isDigit : isAlpha;
    let ei = i;
    while (ei < a.length && take(a[ei]!)) ei++;
    let ej = j;
    while (ej < b.length && take(b[ej]!)) ej++;
    let sa = a.slice(i, ei);
    let sb = b.slice(j, ej);
    // The run from a is never empty here; an empty run from b means the segment types differ.
    if (sb === '') return numeric ? 1 : -1;
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    if (sa !== sb) return sa < sb ? -1 : 1;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i < a.length ? 1 : -1;
}

export function parseRpmVersion(scheme: string, version: string): ParseResult<RpmVersion> {
  const problem = basicProblem(version);
  if (problem) return invalid(scheme, version, problem);
  const m = /^([0-9]*):/.exec(version);
  const epoch = m ? (m[1] === '' ? '0' : m[1]!) : '0';
  const vr = m ? version.slice(m[0].length) : version;
  const hyphen = vr.lastIndexOf('-');
  return parsed({
    original: version,
    epoch,
    version: hyphen === -1 ? vr : vr.slice(0, hyphen),
    release: hyphen === -1 ? null : vr.slice(hyphen + 1),
  });
}

export function compareRpmVersions(a: RpmVersion, b: RpmVersion): Ordering {
  const e = rpmvercmp(a.epoch, b.epoch) || rpmvercmp(a.version, b.version);
  if (e !== 0) return e;
  if (a.release === null || b.release === null) return a.release === b.release ? 0 : a.release === null ? -1 : 1;
  return rpmvercmp(a.release, b.release);
}

export const rpm: VersionScheme<RpmVersion> = {
  name: 'rpm',
  source: 'rpm lib/rpmvercmp.c (rpmvercmp), lib/rpmver.c (rpmverParse); OSV redhat-versions.txt',
  parse: (version) => parseRpmVersion('rpm', version),
  compare: compareRpmVersions,
};
