/**
 * Poetry `poetry.lock` (TOML, https://python-poetry.org/docs/basic-usage/#installing-with-poetrylock):
 * one `[[package]]` table per locked distribution with `name`, `version`, `optional`, the
 * pre-1.5 `category` ("main" / "dev"), `source` (git: `resolved_reference` is the commit) and
 * `dependencies` (names, resolved to the locked package of that name). `files` (before Poetry 1.5:
 * `[metadata.files]`) gives the `sha256:` hash of each wheel and sdist.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import type { Hash } from '../../core/sbom/model.js';
import { prefixedHash, uniqueHashes } from './artifact-hash.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { normalizePythonName } from './python-name.js';
import { entries, isRecord, list, readToml, text } from './structured-text.js';

/** `files = [{ file = "x.whl", hash = "sha256:<hex>" }, …]`: the hash of each distribution file. */
function fileHashes(files: unknown): Hash[] {
  return uniqueHashes(list(files).map((f) => (isRecord(f) ? prefixedHash(text(f.hash)) : null)));
}

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
    const name = rawName;
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
        hashes: fileHashes(entry.files),
        location: `package[${i}]`,
      }),
    });
  });
  // Before Poetry 1.5 the file hashes were in `[metadata.files]`, keyed by package name.
  const metadataFiles = new Map(entries(isRecord(doc.value.metadata) ? doc.value.metadata.files : null).map(([n, files]) => [normalizePythonName(n), files]));
  for (const item of read) {
    const files = metadataFiles.get(normalizePythonName(item.pkg.name));
    if (item.pkg.hashes.length === 0 && files !== undefined) item.pkg = { ...item.pkg, hashes: fileHashes(files) };
  }
  const byName = new Map(read.map(({ pkg }) => [normalizePythonName(pkg.name), pkg.purl]));
  const packages = read.map(({ pkg, deps }) => ({
    ...pkg,
    dependencies: [...new Set(deps.map((d) => byName.get(d) ?? null).filter((p): p is string => p !== null))],
  }));
  return parsed(packages, warnings);
}
