/**
 * The generic fallback scheme, for ecosystems without a known version scheme and for CPE version
 * ranges (the registry says when it was used, so a finding can say that its ordering is a best guess).
 *
 * A version is split into runs of digits and runs of letters; every other character only
 * separates runs. Runs are compared in turn: numbers numerically, words case-insensitively in
 * ASCII order. A word is either a pre-release marker, which sorts before the release it is attached
 * to (`1.0-rc1 < 1.0`, `1.0.rc1 < 1.0.1`, `2.0b3 < 2.0`), or a post-release mark, which sorts after
 * it (ADR 0009 addendum). A word is post-release when
 * - it is a patch or update word (`p`, `pl`, `patch`, `post`, `r`, `rev`, `sp`, `u`, `update`):
 *   OpenSSH `8.4p1`, NTP `4.2.8p15`, BIND `9.11.3-P1`, Java `7u51`; or
 * - it ends the version, is written straight after a number, and is not a multi-letter pre-release
 *   word: the letter releases of OpenSSL (`1.1.1k`, `1.0.2zd`) and other C projects. `2.0b`, which
 *   Python reads as a pre-release, is read this way too: the C convention is the one CPE ranges meet.
 * Every other word is a pre-release marker. At one position a pre-release word is below the end of
 * the version, which is below a post-release word, which is below a number (`1.0.rc1 < 1.0 <
 * 1.0p1 < 1.0.1`). Versions with the same runs are equal (`1.0` = `1-0` = `1.00`).
 */
import { basicProblem, compareDigits, compareText, invalid, isDigits, parsed, type Ordering, type ParseResult, type VersionScheme } from './scheme.js';

export interface GenericVersion {
  readonly original: string;
  readonly runs: readonly string[];
  /** Per run: 3 a number, 2 a post-release word, 0 a pre-release word (1 is the end of a version). */
  readonly ranks: readonly number[];
}

const postReleaseWords: ReadonlySet<string> = new Set(['p', 'pl', 'patch', 'post', 'r', 'rev', 'sp', 'u', 'update']);
/** Words that stay pre-release even at the end of a version, straight after a number (`1.0rc`). */
const preReleaseWords: ReadonlySet<string> = new Set(['alpha', 'beta', 'rc', 'cr', 'pre', 'preview', 'dev', 'snapshot', 'milestone', 'ea']);
const NUMBER = 3;
const POST = 2;
const END = 1;
const PRE = 0;

function ranksOf(version: string, runs: readonly string[]): number[] {
  const lower = version.toLowerCase();
  const ranks: number[] = [];
  let at = 0;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const start = lower.indexOf(run, at);
    at = start + run.length;
    if (isDigits(run)) ranks.push(NUMBER);
    else if (postReleaseWords.has(run)) ranks.push(POST);
    else {
      // Written straight after a number ("1.1.1k"), and the last run of the version.
      const afterNumber = start > 0 && /[0-9]/.test(lower[start - 1]!);
      ranks.push(afterNumber && i === runs.length - 1 && !preReleaseWords.has(run) ? POST : PRE);
    }
  }
  return ranks;
}

export const generic: VersionScheme<GenericVersion> = {
  name: 'generic',
  source: 'mamori fallback (documented in src/core/versions/generic.ts); no ecosystem specification',
  parse(version: string): ParseResult<GenericVersion> {
    const problem = basicProblem(version);
    if (problem) return invalid('generic', version, problem);
    const runs = (version.match(/[0-9]+|[A-Za-z]+/g) ?? []).map((r) => r.toLowerCase());
    if (runs.length === 0) return invalid('generic', version, 'the version has no letters or digits');
    return parsed({ original: version, runs, ranks: ranksOf(version, runs) });
  },
  compare(a, b): Ordering {
    const n = Math.min(a.runs.length, b.runs.length);
    for (let i = 0; i < n; i++) {
      const x = a.runs[i]!;
      const y = b.runs[i]!;
      const rx = a.ranks[i]!;
      const ry = b.ranks[i]!;
      if (rx !== ry) return rx < ry ? -1 : 1;
      const c = rx === NUMBER ? compareDigits(x, y) : compareText(x, y);
      if (c !== 0) return c;
    }
    if (a.runs.length > n) return a.ranks[n]! > END ? 1 : -1;
    if (b.runs.length > n) return b.ranks[n]! > END ? -1 : 1;
    return 0;
  },
};
