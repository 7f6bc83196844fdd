/** Dev-only packages worked out from the dependency graph, for lockfiles that do not mark them. */
import type { LockfilePackage } from './lockfile-package.js';
import type { DataRecord } from './structured-text.js';

/**
 * Dev-only packages where the lockfile does not say (pnpm v9 dropped `dev`; yarn.lock never had
 * it), as pnpm and npm decide them: a package reachable from some importer's (workspace's, project's
 * package.json) `dependencies` or `optionalDependencies` is not dev; one reachable only from
 * `devDependencies` is; one reachable from neither stays unknown.
 */
export function withDevFromImporters(
  packages: readonly LockfilePackage[],
  importers: readonly DataRecord[],
  dependenciesOf: (record: DataRecord, fields: readonly string[]) => string[],
): LockfilePackage[] {
  if (packages.every((p) => p.dev !== null)) return [...packages];
  const edges = new Map<string, string[]>();
  for (const p of packages) if (p.purl !== null) edges.set(p.purl, [...(edges.get(p.purl) ?? []), ...p.dependencies]);
  const reach = (roots: readonly string[]): Set<string> => {
    const seen = new Set<string>();
    const stack = [...roots];
    while (stack.length > 0) {
      const purl = stack.pop()!;
      if (seen.has(purl)) continue;
      seen.add(purl);
      stack.push(...(edges.get(purl) ?? []));
    }
    return seen;
  };
  const prod = reach(importers.flatMap((i) => dependenciesOf(i, ['dependencies', 'optionalDependencies'])));
  const dev = reach(importers.flatMap((i) => dependenciesOf(i, ['devDependencies'])));
  return packages.map((p) => (p.dev !== null || p.purl === null ? p : { ...p, dev: prod.has(p.purl) ? false : dev.has(p.purl) ? true : null }));
}
