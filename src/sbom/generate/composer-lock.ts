/**
 * Composer `composer.lock` (JSON, https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control):
 * `packages` and `packages-dev` (dev) list `name`, `version`, `source.reference` (the commit for
 * VCS sources) and `require` (names resolved to locked packages; `php` and `ext-*` are platform
 * requirements, not packages). `dist.shasum` is the SHA-1 of the dist archive (often empty, and
 * then left out); `license` the package's licences.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { hexHash } from './artifact-hash.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { entries, isRecord, list, readJson, text } from './structured-text.js';

/**
 * composer `license`: an SPDX id or an array of them, where several mean the user may choose
 * (https://getcomposer.org/doc/04-schema.md#license): `["MIT", "GPL-2.0-only"]` → `MIT OR GPL-2.0-only`.
 */
function composerLicense(value: unknown): string | null {
  const ids = (typeof value === 'string' ? [value] : list(value).map((v) => text(v))).filter((v): v is string => v !== null && v.trim() !== '');
  if (ids.length === 0) return null;
  return ids.length === 1 ? ids[0]! : ids.map((id) => (/\s/.test(id.trim()) ? `(${id.trim()})` : id.trim())).join(' OR ');
}

export function parseComposerLock(source: string, fileName = 'composer.lock', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const doc = readJson(source, limits);
  if (!doc.ok) return failed(doc.error.code, `could not read ${fileName}: ${doc.error.message}`);
  if (!isRecord(doc.value)) return failed('lockfile.invalid', `${fileName} is not a JSON object`);
  const read: { pkg: LockfilePackage; deps: string[] }[] = [];
  const warnings: SbomDiagnostic[] = [];
  for (const group of ['packages', 'packages-dev'] as const) {
    list(doc.value[group]).forEach((entry, i) => {
      if (!isRecord(entry)) return;
      const name = text(entry.name);
      if (name === null) {
        warnings.push(warning('package.unresolved', `/${group}/${i}`, 'package without a name; left out'));
        return;
      }
      if (read.length >= limits.maxPackages) return;
      const version = text(entry.version);
      const src = isRecord(entry.source) ? entry.source : {};
      const dist = isRecord(entry.dist) ? entry.dist : {};
      read.push({
        deps: entries(entry.require).map(([d]) => d.toLowerCase()),
        pkg: lockfilePackage({
          ecosystem: 'Packagist',
          name,
          version,
          purl: packagePurl('Packagist', name, version),
          dev: group === 'packages-dev',
          commit: text(src.reference),
          hashes: [hexHash('sha1', text(dist.shasum))].filter((h) => h !== null),
          license: composerLicense(entry.license),
          location: `/${group}/${i}`,
        }),
      });
    });
  }
  const byName = new Map(read.map(({ pkg }) => [pkg.name.toLowerCase(), pkg.purl]));
  const packages = read.map(({ pkg, deps }) => ({
    ...pkg,
    dependencies: [...new Set(deps.map((d) => byName.get(d) ?? null).filter((p): p is string => p !== null))],
  }));
  return parsed(packages, warnings);
}
