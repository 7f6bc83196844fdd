/**
 * NuGet `packages.lock.json` (https://learn.microsoft.com/nuget/consume-packages/package-references-in-project-files#locking-dependencies):
 * `version` 1 or 2; `dependencies` maps each target framework to packages with `type`
 * (`Direct`, `Transitive`, `CentralTransitive`, `Project`), `resolved` and `dependencies`.
 * `Project` entries are other projects of the solution, not packages. `contentHash` is the base64
 * SHA-512 of the .nupkg. A package locked for several
 * frameworks is reported once per resolved version.
 */
import { base64Hash } from './artifact-hash.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { entries, isRecord, readJson, text } from './structured-text.js';

export function parseNugetPackagesLock(source: string, fileName = 'packages.lock.json', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const doc = readJson(source, limits);
  if (!doc.ok) return failed(doc.error.code, `could not read ${fileName}: ${doc.error.message}`);
  if (!isRecord(doc.value)) return failed('lockfile.invalid', `${fileName} is not a JSON object`);
  const version = doc.value.version;
  if (version !== 1 && version !== 2) return failed('lockfile.unsupported', `${fileName}: unsupported lock file version ${JSON.stringify(version ?? null)} (1 and 2 are)`);
  const byKey = new Map<string, { pkg: LockfilePackage; deps: Set<string> }>();
  const direct = new Set<string>();
  for (const [framework, packages] of entries(doc.value.dependencies)) {
    const resolvedIn = new Map<string, string>();
    for (const [name, entry] of entries(packages)) if (isRecord(entry) && text(entry.resolved)) resolvedIn.set(name.toLowerCase(), text(entry.resolved)!);
    for (const [name, entry] of entries(packages)) {
      if (!isRecord(entry) || text(entry.type) === 'Project') continue;
      const resolved = text(entry.resolved);
      if (resolved === null) continue;
      const key = `${name.toLowerCase()}@${resolved}`;
      let item = byKey.get(key);
      if (!item) {
        if (byKey.size >= limits.maxPackages) continue;
        item = {
          pkg: lockfilePackage({
            ecosystem: 'NuGet',
            name,
            version: resolved,
            purl: packagePurl('NuGet', name, resolved),
            hashes: [base64Hash('sha512', text(entry.contentHash))].filter((h) => h !== null),
            location: `/dependencies/${framework}/${name}`,
          }),
          deps: new Set(),
        };
        byKey.set(key, item);
      }
      for (const [dep] of entries(entry.dependencies)) {
        const v = resolvedIn.get(dep.toLowerCase());
        if (v !== undefined) item.deps.add(`${dep.toLowerCase()}@${v}`);
      }
      if (text(entry.type) === 'Direct' && item.pkg.purl) direct.add(item.pkg.purl);
    }
  }
  const packages = [...byKey.values()].map(({ pkg, deps }) => ({
    ...pkg,
    dependencies: [...deps].map((k) => byKey.get(k)?.pkg.purl ?? null).filter((p): p is string => p !== null),
  }));
  return parsed(packages, [], direct.size > 0 ? { name: null, version: null, dependencies: [...direct] } : null);
}
