/**
 * The generic fallback scheme, for ecosystems without a known version scheme (the registry says
 * when it was used, so a finding can say that its ordering is a best guess).
 *
 * A version is split into runs of digits and runs of letters; every other character only
 * separates runs. Runs are compared in turn: numbers numerically, words case-insensitively in
 * ASCII order, a number above a word (`1.0.1 > 1.0.rc1`). When one version runs out, the other is
 * greater if its next run is a number and smaller if it is a word (`1.0 < 1.0.1`,
 * `1.0-rc1 < 1.0`), a rough rule that puts pre-release words before their release. Versions with
 * the same runs are equal (`1.0` = `1-0` = `1.00`).
 */
import { basicProblem, compareDigits, compareText, invalid, isDigits, parsed, type Ordering, type ParseResult, type VersionScheme } from './scheme.js';

export interface GenericVersion {
  readonly original: string;
  readonly runs: readonly string[];
}

export const generic: VersionScheme<GenericVersion> = {
  name: 'generic',
  source: 'mamori fallback (documented in src/core/versions/generic.ts); no ecosystem specification',
  parse(version: string): ParseResult<GenericVersion> {
    const problem = basicProblem(version);
    if (problem) return invalid('generic', version, problem);
    const runs = (version.match(/[0-9]+|[A-Za-z]+/g) ?? []).map((r) => r.toLowerCase());
    if (runs.length === 0) return invalid('generic', version, 'the version has no letters or digits');
    return parsed({ original: version, runs });
  },
  compare(a, b): Ordering {
    const n = Math.min(a.runs.length, b.runs.length);
    for (let i = 0; i < n; i++) {
      const x = a.runs[i]!;
      const y = b.runs[i]!;
      const xn = isDigits(x);
      const yn = isDigits(y);
      const c = xn && yn ? compareDigits(x, y) : !xn && !yn ? compareText(x, y) : xn ? 1 : -1;
      if (c !== 0) return c;
    }
    if (a.runs.length > n) return isDigits(a.runs[n]!) ? 1 : -1;
    if (b.runs.length > n) return isDigits(b.runs[n]!) ? -1 : 1;
    return 0;
  },
};
