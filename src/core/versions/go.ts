/**
 * Go module versions (https://go.dev/ref/mod#versions): semantic versions with a `v` prefix,
 * ordered by SemVer 2.0.0 precedence as `golang.org/x/mod/semver.Compare` does.
 *
 * - `+incompatible` (https://go.dev/ref/mod#incompatible-versions) is build metadata and does not
 *   change the order: `v2.0.0+incompatible` = `v2.0.0`.
 * - Pseudo-versions (https://go.dev/ref/mod#pseudo-versions), e.g.
 *   `v0.0.0-20191109021931-daa7c04131f5`, are pre-releases and order by their timestamp; they are
 *   recognised and described in the parsed value.
 * - OSV records Go versions without the `v` (`1.2.3`); both spellings are accepted and equal.
 *   As in OSV's evaluator, numbers after the third are read as pre-release identifiers
 *   (x/mod/semver rejects such strings).
 */
import { basicProblem, invalid, parsed, type ParseResult, type VersionScheme } from './scheme.js';
import { compareSemverLike, parseSemverLike, type SemverLikeVersion } from './semver.js';

export interface GoPseudoVersion {
  /** `yyyymmddhhmmss` (UTC) of the commit. */
  readonly timestamp: string;
  /** The abbreviated commit hash (12 hex digits in versions made by the go command). */
  readonly revision: string;
}

export interface GoVersion extends SemverLikeVersion {
  readonly incompatible: boolean;
  readonly pseudo: GoPseudoVersion | null;
}

// go.dev/ref/mod#pseudo-versions: vX.0.0-yyyymmddhhmmss-abcdefabcdef, vX.Y.Z-pre.0.yyyymmddhhmmss-…,
// vX.Y.(Z+1)-0.yyyymmddhhmmss-…
const pseudoPattern = /^v?[0-9]+\.(?:0\.0-|[0-9]+\.[0-9]+-(?:[^+]*\.)?0\.)([0-9]{14})-([A-Za-z0-9]+)(?:\+[0-9A-Za-z.-]+)?$/;

export const go: VersionScheme<GoVersion> = {
  name: 'go',
  source: 'https://go.dev/ref/mod#versions; golang.org/x/mod/semver Compare',
  parse(version: string): ParseResult<GoVersion> {
    const problem = basicProblem(version);
    if (problem) return invalid('go', version, problem);
    const v = parseSemverLike(version, 3);
    if (typeof v === 'string') return invalid('go', version, v);
    const m = pseudoPattern.exec(version);
    return parsed({
      ...v,
      incompatible: v.build === 'incompatible',
      pseudo: m ? { timestamp: m[1]!, revision: m[2]! } : null,
    });
  },
  compare: (a, b) => compareSemverLike(a, b),
};
