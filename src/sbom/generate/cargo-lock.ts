/**
 * Cargo `Cargo.lock` (TOML, https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html):
 * `[[package]]` tables with `name`, `version`, `source` (`git+https://…#<commit>` for git) and
 * `dependencies` written as `name`, `name version` or `name version (source)`.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { isRecord, list, readToml, text } from './structured-text.js';

export function parseCargoLock(source: string, fileName = 'Cargo.lock', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const doc = readToml(source, limits);
  if (!doc.ok) return failed(doc.error.code, `could not read ${fileName}: ${doc.error.message}`);
  if (!isRecord(doc.value)) return failed('lockfile.invalid', `${fileName} is not a TOML table`);
  const warnings: SbomDiagnostic[] = [];
  const read: { pkg: LockfilePackage; deps: string[] }[] = [];
  list(doc.value.package).forEach((entry, i) => {
    if (!isRecord(entry)) return;
    const name = text(entry.name);
    const version = text(entry.version);
    if (name === null) {
      warnings.push(warning('package.unresolved', `package[${i}]`, 'package without a name; left out'));
      return;
    }
    if (read.length >= limits.maxPackages) return;
    const src = text(entry.source);
    const commit = src?.startsWith('git+') ? (/#([0-9a-f]{7,40})$/i.exec(src)?.[1] ?? null) : null;
    read.push({
      deps: list(entry.dependencies)
        .map((d) => text(d))
        .filter((d): d is string => d !== null),
      pkg: lockfilePackage({ ecosystem: 'crates.io', name, version, purl: packagePurl('crates.io', name, version), commit, location: `package[${i}]` }),
    });
  });
  const byName = new Map<string, LockfilePackage[]>();
  for (const { pkg } of read) byName.set(pkg.name, [...(byName.get(pkg.name) ?? []), pkg]);
  const resolve = (dep: string): string | null => {
    const [name = '', version] = dep.split(' ');
    const candidates = byName.get(name) ?? [];
    const hit = version === undefined ? (candidates.length === 1 ? candidates[0] : undefined) : candidates.find((c) => c.version === version);
    return hit?.purl ?? null;
  };
  const packages = read.map(({ pkg, deps }) => ({
    ...pkg,
    dependencies: [...new Set(deps.map(resolve).filter((p): p is string => p !== null))],
  }));
  return parsed(packages, warnings);
}
