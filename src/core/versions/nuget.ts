/**
 * NuGet package versions (https://learn.microsoft.com/nuget/concepts/package-versioning):
 * SemVer 2.0.0 with up to four numbers (`Major.Minor.Patch.Revision`, missing ones are 0, so
 * `1.0` = `1.0.0.0`), pre-release labels compared case-insensitively (`1.0.0-BETA` = `1.0.0-beta`),
 * numeric labels numerically, build metadata ignored — as NuGet.Versioning's `VersionComparer.Default`.
 * Numbers have no size limit here (NuGet itself rejects numbers beyond Int32; OSV compares them).
 */
import { invalid, parsed, type ParseResult, type VersionScheme } from './scheme.js';
import { compareSemverLike, parseSemverLike, type SemverLikeVersion } from './semver.js';

export type NuGetVersion = SemverLikeVersion;

export const nuget: VersionScheme<NuGetVersion> = {
  name: 'nuget',
  source: 'https://learn.microsoft.com/nuget/concepts/package-versioning#normalized-version-numbers; NuGet.Versioning VersionComparer',
  parse(version: string): ParseResult<NuGetVersion> {
    const v = parseSemverLike(version, 4);
    return typeof v === 'string' ? invalid('nuget', version, v) : parsed(v);
  },
  compare: (a, b) => compareSemverLike(a, b, true),
};
