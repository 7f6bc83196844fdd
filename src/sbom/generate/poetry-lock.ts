/**
 * Poetry `poetry.lock` (TOML, https://python-poetry.org/docs/basic-usage/#installing-with-poetrylock):
 * one `[[package]]` table per locked distribution with `name`, `version`, `optional`, the
 * pre-1.5 `category` ("main" / "dev"), `source` (git: `resolved_reference` is the commit) and
 * `dependencies` (names, resolved to the locked package of that name).
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { normalizePythonName } from './python-name.js';
import { entries, isRecord, list, readToml, text } from './structured-text.js';

export function parsePoetryLock(source: string, fileName = 'poetry.lock', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const doc = readToml(source, limits);
  if (!doc.ok) return failed(doc.error.code, `could not read ${fileName}: ${doc.error.message}`);
  if (!isRecord(doc.value)) return failed('lockfile.invalid', `${fileName} is not a TOML table`);
  const warnings: SbomDiagnostic[] = [];
  const read: { pkg: LockfilePackage; deps: string[] }[] = [];
  list(doc.value.package).forEach((entry, i) => {
    if (!isRecord(entry)) return;
    const rawName = text(entry.name);
    const version = text(entry.version);
    if (rawName === null) {
      warnings.push(warning('package.unresolved', `package[${i}]`, 'package without a name; left out'));
      return;
    }
    if (read.length >= limits.maxPackages) return;
    const name = normalizePythonName(rawName);
    const src = isRecord(entry.source) ? entry.source : {};
    const category = text(entry.category);
    read.push({
      deps: entries(entry.dependencies).map(([d]) => normalizePythonName(d)),
      pkg: lockfilePackage({
        ecosystem: 'PyPI',
        name,
        version,
        purl: packagePurl('PyPI', name, version),
        dev: category === 'dev' ? true : category === 'main' ? false : null,
        optional: entry.optional === true,
        commit: text(src.type) === 'git' ? text(src.resolved_reference) : null,
        location: `package[${i}]`,
      }),
    });
  });
  const byName = new Map(read.map(({ pkg }) => [pkg.name, pkg.purl]));
  const packages = read.map(({ pkg, deps }) => ({
    ...pkg,
    dependencies: [...new Set(deps.map((d) => byName.get(d) ?? null).filter((p): p is string => p !== null))],
  }));
  return parsed(packages, warnings);
}
