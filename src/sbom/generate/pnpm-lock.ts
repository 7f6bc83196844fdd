/**
 * pnpm `pnpm-lock.yaml` (https://github.com/pnpm/spec/tree/master/lockfile), lockfileVersion 5.x,
 * 6.x and 9.x. Package keys ("dependency paths") changed between versions:
 *
 * - 5.x: `/name/1.2.3_peer@1.0.0`, `/@scope/name/1.2.3`, `registry.example/name/1.2.3` (host first);
 * - 6.x: `/name@1.2.3(peer@1.0.0)`; 9.x: `name@1.2.3` (peers only in `snapshots`).
 *
 * Entries with explicit `name`/`version` fields (tarballs, git, `file:`) use those. A key that
 * cannot be read as a package path is an error: the lockfile is not what this parser understands,
 * and an SBOM that silently misses a package is worse than none. Keys that name no registry package
 * (a git repository path with no version, `file:` directories without a version) are left out with
 * a warning. Git packages carry `resolution.commit` or the commit in a codeload tarball URL, and
 * `resolution.integrity` gives the hashes. Dev-only packages: the `dev` field (5.x, 6.x), else
 * (9.x) reachability from the importers' `devDependencies` only (withDevFromImporters).
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { integrityHashes } from './artifact-hash.js';
import { withDevFromImporters } from './dev-reachability.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileProject, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { entries, isRecord, readYaml, text, type Data, type DataRecord } from './structured-text.js';
import { vcsCommit } from './vcs-commit.js';

/** Name and version read from a package key; version null when the key holds no registry version (git, tarball URL). */
type KeyRead = { readonly name: string; readonly version: string | null } | 'skip' | 'invalid';

const startsWithDigit = /^[0-9]/;

function readKey(key: string, lockfileVersion: number): KeyRead {
  if (key.startsWith('file:') || key.startsWith('link:')) return 'skip';
  if (lockfileVersion >= 6) {
    const path = key.startsWith('/') ? key.slice(1) : key;
    const at = path.indexOf('@', path.startsWith('@') ? 1 : 0);
    if (at <= 0) return 'invalid';
    const name = path.slice(0, at);
    const version = path.slice(at + 1).replace(/\(.*$/, '');
    if (name.includes('/') && !name.startsWith('@')) return 'skip';
    return { name, version: startsWithDigit.test(version) ? version : null };
  }
  if (!key.includes('/')) return 'invalid';
  const parts = key.split('/').slice(1);
  let name: string;
  if (parts[0]?.startsWith('@')) {
    name = `${parts[0]}/${parts[1] ?? ''}`;
    parts.splice(0, 2);
  } else {
    name = parts[0] ?? '';
    parts.splice(0, 1);
  }
  const raw = parts[0] ?? '';
  if (name === '') return 'skip';
  if (!startsWithDigit.test(raw)) return { name, version: null };
  const underscore = raw.indexOf('_');
  return { name, version: underscore >= 0 ? raw.slice(0, underscore) : raw };
}

function lockfileVersionOf(value: Data | undefined): number {
  const n = Number.parseFloat(text(value) ?? '');
  return Number.isFinite(n) ? n : 5;
}

export function parsePnpmLock(source: string, fileName = 'pnpm-lock.yaml', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const doc = readYaml(source, limits);
  if (!doc.ok) return failed(doc.error.code, `could not read ${fileName}: ${doc.error.message}`);
  if (doc.value === null || doc.value === '') return parsed([]);
  if (!isRecord(doc.value)) return failed('lockfile.invalid', `${fileName} is not a YAML mapping`);
  const lock = doc.value;
  const version = lockfileVersionOf(lock.lockfileVersion);
  if (version >= 10) return failed('lockfile.unsupported', `${fileName}: lockfileVersion ${version} is not supported (5.x, 6.x, 9.x are)`);
  const warnings: SbomDiagnostic[] = [];
  const snapshots = isRecord(lock.snapshots) ? lock.snapshots : {};
  const read: { key: string; entry: DataRecord; pkg: LockfilePackage }[] = [];
  const purlByKey = new Map<string, string>();
  for (const [key, value] of entries(lock.packages)) {
    const entry: DataRecord = isRecord(value) ? value : {};
    const fromKey = readKey(key, version);
    if (fromKey === 'invalid' && text(entry.name) === null) return failed('lockfile.invalid', `${fileName}: invalid package path ${JSON.stringify(key)}`);
    const name = text(entry.name) ?? (typeof fromKey === 'object' ? fromKey.name : null);
    const ver = text(entry.version) ?? (typeof fromKey === 'object' ? fromKey.version : null);
    if (name === null || ver === null) {
      warnings.push(warning('package.unresolved', `/packages/${key}`, `${key} names no package with a version; left out`));
      continue;
    }
    if (read.length >= limits.maxPackages) {
      warnings.push(warning('limit.packages', '/packages', `more than ${limits.maxPackages} packages; the rest are left out`));
      break;
    }
    const resolution = isRecord(entry.resolution) ? entry.resolution : {};
    const commit = text(resolution.commit) ?? vcsCommit(text(resolution.tarball));
    const purl = packagePurl('npm', name, ver);
    if (purl) {
      purlByKey.set(key.replace(/^\//, ''), purl);
      purlByKey.set(`${name}@${ver}`, purl);
    }
    read.push({
      key,
      entry,
      pkg: lockfilePackage({
        ecosystem: 'npm',
        name,
        version: ver,
        purl,
        dev: entry.dev === 'true' ? true : entry.dev === 'false' ? false : null,
        optional: entry.optional === 'true',
        commit,
        hashes: integrityHashes(text(resolution.integrity)),
        location: `/packages/${key}`,
      }),
    });
  }
  const refPurl = (name: string, ref: string): string | null => {
    if (ref.startsWith('link:') || ref.startsWith('file:')) return null;
    const bare = ref.replace(/^\//, '');
    const direct = purlByKey.get(bare);
    if (direct) return direct;
    const v = ref.replace(/\(.*$/, '').replace(/_.*$/, '');
    return purlByKey.get(`${name}@${v}`) ?? null;
  };
  const depsOf = (record: DataRecord): string[] => {
    const out = new Set<string>();
    for (const field of ['dependencies', 'optionalDependencies']) {
      for (const [n, r] of entries(record[field])) {
        const ref = isRecord(r) ? text(r.version) : text(r);
        const p = ref === null ? null : refPurl(n, ref);
        if (p) out.add(p);
      }
    }
    return [...out];
  };
  const resolvedPackages = read.map(({ key, entry, pkg }) => {
    const snapshot = snapshots[key];
    const deps = depsOf(entry);
    if (isRecord(snapshot)) deps.push(...depsOf(snapshot));
    // v9: several snapshots (peer variants) share one package entry.
    for (const [sk, sv] of Object.entries(snapshots)) if (sk.startsWith(`${key}(`) && isRecord(sv)) deps.push(...depsOf(sv));
    return { ...pkg, dependencies: [...new Set(deps)] };
  });
  const importers = isRecord(lock.importers) ? lock.importers : null;
  const dependenciesOf = (record: DataRecord, fields: readonly string[]): string[] => {
    const out: string[] = [];
    for (const field of fields)
      for (const [n, r] of entries(record[field])) {
        const ref = isRecord(r) ? text(r.version) : text(r);
        const p = ref === null ? null : refPurl(n, ref);
        if (p) out.push(p);
      }
    return out;
  };
  const packages = withDevFromImporters(
    resolvedPackages,
    (importers ? Object.values(importers) : [lock]).filter(isRecord),
    dependenciesOf,
  );
  let project: LockfileProject | null = null;
  const root = importers ? importers['.'] : lock;
  if (isRecord(root)) {
    const direct = new Set(dependenciesOf(root, ['dependencies', 'devDependencies', 'optionalDependencies']));
    if (direct.size > 0) project = { name: null, version: null, dependencies: [...direct] };
  }
  return parsed(packages, warnings, project);
}
