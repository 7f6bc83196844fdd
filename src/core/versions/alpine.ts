/**
 * Alpine apk versions (apk-package(5), "pkgver": `number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}`),
 * used for Alpine, Wolfi, Chainguard, MinimOS and Alpaquita.
 *
 * Order, part by part: numbers (the first numerically; later ones that start with `0` compare as
 * text, like apk's fractional components: `1.02 < 1.1`), then the letter (none < a < … < z), then
 * the suffixes (`_alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p`, each with its
 * number), then the `-r` build number. The `~hash` is ignored. Text apk cannot parse makes a version
 * "invalid but comparable", as `apk version -t` still orders it: a version with an unparsed tail
 * sorts before the same version without one, and two such versions compare as text. This is the
 * ordering of OSV's evaluator (osv-scalibr `alpine-versions*.txt`, generated with real apk).
 */
import { basicProblem, compareDigits, compareText, invalid, parsed, type Ordering, type ParseResult, type VersionScheme } from './scheme.js';

export interface AlpineVersion {
  readonly original: string;
  readonly numbers: readonly string[];
  readonly letter: string;
  /** Suffix weight (0 alpha … 3 rc, 5 cvs … 9 p) and number. */
  readonly suffixes: readonly { readonly weight: number; readonly number: string }[];
  readonly hash: string;
  readonly build: string;
  /** Text after the last part apk understands; not empty for a version apk calls invalid. */
  readonly remainder: string;
  readonly apkInvalid: boolean;
}

const suffixWeights: Record<string, number> = { alpha: 0, beta: 1, pre: 2, rc: 3, cvs: 5, svn: 6, git: 7, hg: 8, p: 9 };
const noSuffix = { weight: 4, number: '0' };

function compareNumber(a: string, b: string, index: number): Ordering {
  if (index !== 0 && (a.startsWith('0') || b.startsWith('0'))) return compareText(a, b);
  return compareDigits(a, b);
}

export const alpine: VersionScheme<AlpineVersion> = {
  name: 'apk',
  source: 'apk-tools doc/apk-package.5.scd (pkgver); OSV alpine-versions*.txt',
  parse(version: string): ParseResult<AlpineVersion> {
    const problem = basicProblem(version);
    if (problem) return invalid('apk', version, problem);
    let s = version;
    const numbers: string[] = [];
    const nm = /^(?:[0-9]+\.?)*/.exec(s)![0];
    for (const d of nm.split('.')) {
      if (d === '') break;
      numbers.push(d);
    }
    s = s.slice(nm.length);
    let letter = '';
    if (/^[a-z]/.test(s)) {
      letter = s[0]!;
      s = s.slice(1);
    }
    const suffixes: { weight: number; number: string }[] = [];
    for (const m of s.matchAll(/_(alpha|beta|pre|rc|cvs|svn|git|hg|p)([0-9]*)/g)) {
      suffixes.push({ weight: suffixWeights[m[1]!]!, number: m[2] || '0' });
      if (s.startsWith(m[0])) s = s.slice(m[0].length);
    }
    const hm = /^~[0-9a-f]+/.exec(s);
    const hash = hm ? hm[0].slice(1) : '';
    if (hm) s = s.slice(hm[0].length);
    let build = '0';
    let apkInvalid = false;
    if (s !== '') {
      const bm = /^-r([0-9]*)/.exec(s);
      if (bm) {
        build = bm[1] || '0';
        s = s.slice(bm[0].length);
      } else apkInvalid = true;
    }
    return parsed({ original: version, numbers, letter, suffixes, hash, build, remainder: s, apkInvalid });
  },
  compare(a, b) {
    if (a.apkInvalid && b.apkInvalid) return compareText(a.original, b.original);
    const n = Math.max(a.numbers.length, b.numbers.length);
    for (let i = 0; i < n; i++) {
      const c = compareNumber(a.numbers[i] ?? '0', b.numbers[i] ?? '0', i < a.numbers.length && i < b.numbers.length ? i : 0);
      if (c !== 0) return c;
    }
    if (a.letter !== b.letter) return a.letter === '' ? -1 : b.letter === '' ? 1 : compareText(a.letter, b.letter);
    const m = Math.max(a.suffixes.length, b.suffixes.length);
    for (let i = 0; i < m; i++) {
      const x = a.suffixes[i] ?? noSuffix;
      const y = b.suffixes[i] ?? noSuffix;
      if (x.weight !== y.weight) return x.weight < y.weight ? -1 : 1;
      const c = compareDigits(x.number, y.number);
      if (c !== 0) return c;
    }
    const c = compareDigits(a.build, b.build);
    if (c !== 0) return c;
    if ((a.remainder === '') !== (b.remainder === '')) return a.remainder === '' ? 1 : -1;
    return 0;
  },
};
