/**
 * Cargo `Cargo.lock` (TOML, https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html):
 * `[[package]]` tables with `name`, `version`, `source` (`git+https://…#<commit>` for git) and
 * `dependencies` written as `name`, `name version` or `name version (source)`. `checksum` is the
 * SHA-256 of the crate file (lockfile v2+; v1 kept it in `[metadata]` as
 * `"checksum name version (source)" = "<hex>"`).
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { hexHash } from './artifact-hash.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { entries, isRecord, list, readToml, text } from './structured-text.js';

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
      pkg: lockfilePackage({
        ecosystem: 'crates.io',
        name,
        version,
        purl: packagePurl('crates.io', name, version),
        commit,
        // Cargo.lock v1 keeps the checksums in [metadata] instead; read below.
        hashes: [hexHash('sha256', text(entry.checksum))].filter((h) => h !== null),
        location: `package[${i}]`,
      }),
    });
  });
  // v1: `[metadata]` "checksum <name> <version> (<source>)" = "<hex>".
  const v1Checksums = new Map<string, string>();
  for (const [key, value] of entries(isRecord(doc.value.metadata) ? doc.value.metadata : {})) {
    const m = /^checksum (\S+) (\S+)/.exec(key);
    if (m && text(value) !== null) v1Checksums.set(`${m[1]} ${m[2]}`, text(value)!);
  }
  if (v1Checksums.size > 0)
    for (const item of read) {
      const h = item.pkg.hashes.length === 0 ? hexHash('sha256', v1Checksums.get(`${item.pkg.name} ${item.pkg.version}`) ?? null) : null;
      if (h) item.pkg = { ...item.pkg, hashes: [h] };
    }
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
