/**
 * Dart Pub versions (https://dart.dev/tools/pub/versioning; package `pub_semver` `Version.compareTo`):
 * SemVer 2.0.0 precedence, except that build metadata is *not* ignored: a version with build
 * metadata sorts after the same version without (`1.0.0 < 1.0.0+build`), and build identifiers are
 * compared like pre-release identifiers (`1.2.3+1 < 1.2.3+2 < 1.2.3+a`).
 */
import { invalid, parsed, type ParseResult, type VersionScheme } from './scheme.js';
import { compareIdentifiers, compareSemverLike, parseSemverLike, type SemverLikeVersion } from './semver.js';

export type PubVersion = SemverLikeVersion;

export const pub: VersionScheme<PubVersion> = {
  name: 'pub',
  source: 'https://pub.dev/packages/pub_semver (Version.compareTo)',
  parse(version: string): ParseResult<PubVersion> {
    const v = parseSemverLike(version, 3);
    return typeof v === 'string' ? invalid('pub', version, v) : parsed(v);
  },
  compare(a, b) {
    const c = compareSemverLike(a, b);
    if (c !== 0) return c;
    if (a.build === '' || b.build === '') return a.build === b.build ? 0 : a.build === '' ? -1 : 1;
    return compareIdentifiers(a.build.split('.'), b.build.split('.'));
  },
};
