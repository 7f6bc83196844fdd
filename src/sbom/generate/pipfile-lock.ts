/**
 * Pipenv `Pipfile.lock` (JSON, https://pipenv.pypa.io/en/latest/pipfile.html): `default` and
 * `develop` map names to `{ "version": "==1.2.3", … }`. Entries without a pinned version (git,
 * path, editable) are reported as unresolved. A package only in `develop` is dev; one in both is not.
 * `hashes` (`sha256:<hex>`, one per wheel or sdist pip may install) are all kept.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { prefixedHash, uniqueHashes } from './artifact-hash.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult, type UnresolvedPackage } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { normalizePythonName } from './python-name.js';
import { entries, isRecord, list, readJson, text } from './structured-text.js';

export function parsePipfileLock(source: string, fileName = 'Pipfile.lock', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const doc = readJson(source, limits);
  if (!doc.ok) return failed(doc.error.code, `could not read ${fileName}: ${doc.error.message}`);
  if (!isRecord(doc.value)) return failed('lockfile.invalid', `${fileName} is not a JSON object`);
  const byKey = new Map<string, LockfilePackage>();
  const unresolved: UnresolvedPackage[] = [];
  const warnings: SbomDiagnostic[] = [];
  for (const group of ['default', 'develop'] as const) {
    for (const [rawName, entry] of entries(doc.value[group])) {
      const location = `/${group}/${rawName}`;
      const name = rawName;
      const spec = isRecord(entry) ? text(entry.version) : null;
      const pin = spec === null ? null : /^===?\s*(\S+)$/.exec(spec);
      if (!pin) {
        unresolved.push({ name, specifier: spec ?? '', location });
        warnings.push(warning('requirement.unpinned', location, `${name} has no pinned version; not added`));
        continue;
      }
      const version = pin[1]!;
      const key = `${normalizePythonName(name)}@${version}`;
      const existing = byKey.get(key);
      if (existing) {
        if (group === 'default') byKey.set(key, { ...existing, dev: false });
        continue;
      }
      if (byKey.size >= limits.maxPackages) break;
      byKey.set(
        key,
        lockfilePackage({
          ecosystem: 'PyPI',
          name,
          version,
          purl: packagePurl('PyPI', name, version),
          dev: group === 'develop',
          hashes: uniqueHashes(list(isRecord(entry) ? entry.hashes : null).map((h) => prefixedHash(text(h)))),
          location,
        }),
      );
    }
  }
  return parsed([...byKey.values()], warnings, null, { unresolved });
}
