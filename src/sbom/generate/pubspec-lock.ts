/**
 * Dart/Flutter `pubspec.lock` (YAML, https://dart.dev/tools/pub/glossary#lockfile): `packages`
 * maps names to `dependency` ("direct main", "direct dev", "direct overridden", "transitive"),
 * `source` (hosted, git, path, sdk), `description` (git: `resolved-ref` is the commit) and
 * `version`; hosted packages (Dart 3+) have `description.sha256`, the SHA-256 of the archive.
 * pubspec.lock gives no dependency graph.
 */
import { hexHash } from './artifact-hash.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { entries, isRecord, readYaml, text } from './structured-text.js';

export function parsePubspecLock(source: string, fileName = 'pubspec.lock', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const doc = readYaml(source, limits);
  if (!doc.ok) return failed(doc.error.code, `could not read ${fileName}: ${doc.error.message}`);
  if (doc.value === null || doc.value === '') return parsed([]);
  if (!isRecord(doc.value)) return failed('lockfile.invalid', `${fileName} is not a YAML mapping`);
  const packages: LockfilePackage[] = [];
  const direct: string[] = [];
  for (const [name, entry] of entries(doc.value.packages)) {
    if (!isRecord(entry) || packages.length >= limits.maxPackages) continue;
    const version = text(entry.version);
    const dependency = text(entry.dependency);
    const description = isRecord(entry.description) ? entry.description : {};
    const purl = packagePurl('Pub', name, version);
    packages.push(
      lockfilePackage({
        ecosystem: 'Pub',
        name,
        version,
        purl,
        dev: dependency === null ? null : dependency === 'direct dev',
        commit: text(entry.source) === 'git' ? text(description['resolved-ref']) : null,
        hashes: [hexHash('sha256', text(description.sha256))].filter((h) => h !== null),
        location: `packages.${name}`,
      }),
    );
    if (dependency?.startsWith('direct') && purl) direct.push(purl);
  }
  return parsed(packages, [], direct.length > 0 ? { name: null, version: null, dependencies: direct } : null);
}
