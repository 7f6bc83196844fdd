/**
 * Debian package versions, `[epoch:]upstream_version[-debian_revision]`, ordered as dpkg does
 * (Debian Policy §5.6.12, https://www.debian.org/doc/debian-policy/ch-controlfields.html#version;
 * dpkg lib/dpkg/version.c `verrevcmp`). Used for Debian and Ubuntu.
 *
 * Parsing follows dpkg `parseversion`: hard errors (empty, embedded spaces, bad epoch, nothing after
 * the colon, empty revision) make a version invalid; what dpkg only warns about (an upstream version
 * not starting with a digit, unusual characters) is accepted, as `dpkg --compare-versions` does.
 */
import { basicProblem, compareDigits, invalid, parsed, sign, type Ordering, type ParseResult, type VersionScheme } from './scheme.js';

export interface DebianVersion {
  readonly original: string;
  readonly epoch: string;
  readonly upstream: string;
  readonly revision: string;
}

/** UTF-8 bytes of a string (dpkg compares C chars). */
function bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** dpkg `order()`: `~` before everything, then the end, then letters, then other characters. */
function order(c: number): number {
  if (c === 0 || isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 126) return -1; // '~'
  // C `char` is signed on the platforms dpkg ships for: bytes >= 0x80 are negative, + 256.
  return c >= 0x80 ? c : c + 256;
}

/** dpkg `verrevcmp` on two version parts. */
export function verrevcmp(left: string, right: string): Ordering {
  const a = bytes(left);
  const b = bytes(right);
  let i = 0;
  let j = 0;
  const at = (xs: number[], k: number) => xs[k] ?? 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(at(a, i))) || (j < b.length && !isDigit(at(b, j)))) {
      const ac = order(at(a, i));
      const bc = order(at(b, j));
      if (ac !== bc) return sign(ac - bc);
      i++;
      j++;
    }
    while (at(a, i) === 48) i++;
    while (at(b, j) === 48) j++;
    while (isDigit(at(a, i)) && isDigit(at(b, j))) {
      if (!firstDiff) firstDiff = at(a, i) - at(b, j);
      i++;
      j++;
    }
    if (isDigit(at(a, i))) return 1;
    if (isDigit(at(b, j))) return -1;
    if (firstDiff) return sign(firstDiff);
  }
  return 0;
}

export function parseDebianVersion(scheme: string, version: string): ParseResult<DebianVersion> {
  const problem = basicProblem(version);
  if (problem) return invalid(scheme, version, problem);
  const s = version.trim();
  if (s === '') return invalid(scheme, version, 'the version is empty');
  if (/\s/.test(s)) return invalid(scheme, version, 'the version has embedded spaces');
  let epoch = '0';
  let rest = s;
  const colon = s.indexOf(':');
  if (colon !== -1) {
    epoch = s.slice(0, colon);
    if (!/^[0-9]+$/.test(epoch)) return invalid(scheme, version, 'the epoch is not a number');
    if (compareDigits(epoch, '2147483647') > 0) return invalid(scheme, version, 'the epoch is too big');
    rest = s.slice(colon + 1);
    if (rest === '') return invalid(scheme, version, 'nothing after the colon');
  }
  let upstream = rest;
  let revision = '';
  const hyphen = rest.lastIndexOf('-');
  if (hyphen !== -1) {
    upstream = rest.slice(0, hyphen);
    revision = rest.slice(hyphen + 1);
    if (revision === '') return invalid(scheme, version, 'the revision is empty');
    if (upstream === '') return invalid(scheme, version, 'the upstream version is empty');
  }
  return parsed({ original: version, epoch, upstream, revision });
}

export function compareDebianVersions(a: DebianVersion, b: DebianVersion): Ordering {
  return compareDigits(a.epoch, b.epoch) || verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision);
}

export const debian: VersionScheme<DebianVersion> = {
  name: 'dpkg',
  source: 'Debian Policy §5.6.12; dpkg lib/dpkg/version.c (verrevcmp), lib/dpkg/parse.c (parseversion)',
  parse: (version) => parseDebianVersion('dpkg', version),
  compare: compareDebianVersions,
};
