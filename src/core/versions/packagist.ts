/**
 * Packagist (Composer) versions, ordered as OSV does: PHP's `version_compare()`
 * (https://www.php.net/manual/en/function.version-compare.php; php-src ext/standard/versioning.c)
 * after removing a leading `v`/`V` — the same first step as Composer's `VersionParser::normalize`.
 *
 * Canonical form (`php_canonicalize_version`): `-`, `_`, `+` and other characters that are not
 * letters or digits become `.`, a `.` is inserted between digits and letters, runs of `.` collapse.
 * Parts are compared in turn: numbers numerically; special forms by prefix, `dev` < `alpha`=`a` <
 * `beta`=`b` < `RC`=`rc` < `#` < `pl`=`p`, any other text below `dev`; a number counts as `#`.
 * When one list is longer, its next part decides: a number makes it greater, otherwise that part is
 * compared with `#` (so `1.0 < 1.0.0` and `1.0rc1 < 1.0`).
 *
 * Deliberate differences from PHP, following OSV's fixtures: numbers have no size limit (PHP
 * compares them as C longs), and `#` is kept as a part (`1.2.3.#` = `1.2.3`).
 */
import { basicProblem, compareDigits, invalid, isDigits, parsed, type Ordering, type ParseResult, type VersionScheme } from './scheme.js';

export interface PackagistVersion {
  readonly original: string;
  readonly parts: readonly string[];
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isPartChar = (c: string) => /[0-9A-Za-z#]/.test(c);

/** php_canonicalize_version, keeping `#` (see above). */
function canonicalize(version: string): string[] {
  const parts: string[] = [];
  let current = '';
  let prev = '';
  for (const c of version) {
    if (!isPartChar(c)) {
      if (current !== '') parts.push(current);
      current = '';
    } else if (current !== '' && isDigit(prev) !== isDigit(c)) {
      parts.push(current);
      current = c;
    } else current += c;
    prev = c;
  }
  if (current !== '') parts.push(current);
  return parts;
}

const specialForms: readonly (readonly [string, number])[] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

function specialOrder(form: string): number {
  for (const [name, order] of specialForms) if (form.startsWith(name)) return order;
  return -1;
}

function comparePart(a: string, b: string): Ordering {
  const an = isDigits(a);
  const bn = isDigits(b);
  if (an && bn) return compareDigits(a, b);
  const x = specialOrder(an ? '#' : a);
  const y = specialOrder(bn ? '#' : b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareParts(a: readonly string[], b: readonly string[]): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = comparePart(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  if (a.length > b.length) return isDigits(a[n]!) ? 1 : compareParts(a.slice(n), ['#']);
  if (b.length > a.length) return isDigits(b[n]!) ? -1 : compareParts(['#'], b.slice(n));
  return 0;
}

export const packagist: VersionScheme<PackagistVersion> = {
  name: 'packagist',
  source: 'php-src ext/standard/versioning.c (version_compare); OSV packagist-versions*.txt',
  parse(version: string): ParseResult<PackagistVersion> {
    const problem = basicProblem(version);
    if (problem) return invalid('packagist', version, problem);
    const parts = canonicalize(version.replace(/^[vV]/, ''));
    if (parts.length === 0) return invalid('packagist', version, 'the version has no letters or digits');
    return parsed({ original: version, parts });
  },
  compare: (a, b) => compareParts(a.parts, b.parts),
};
