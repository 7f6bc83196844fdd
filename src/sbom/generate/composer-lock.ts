/**
 * Composer `composer.lock` (JSON, https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control):
 * `packages` and `packages-dev` (dev) list `name`, `version`, `source.reference` (the commit for
 * VCS sources) and `require` (names resolved to locked packages; `php` and `ext-*` are platform
 * requirements, not packages).
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { entries, isRecord, list, readJson, text } from './structured-text.js';

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
      read.push({
        deps: entries(entry.require).map(([d]) => d.toLowerCase()),
        pkg: lockfilePackage({
          ecosystem: 'Packagist',
          name,
          version,
          purl: packagePurl('Packagist', name, version),
          dev: group === 'packages-dev',
          commit: text(src.reference),
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
