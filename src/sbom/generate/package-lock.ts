/**
 * npm `package-lock.json` (lockfileVersion 1, 2, 3) and `npm-shrinkwrap.json` (same format),
 * https://docs.npmjs.com/cli/configuring-npm/package-lock-json.
 *
 * - v2/v3: the `packages` map, keyed by install path (`node_modules/a/node_modules/b`); the root
 *   `""` is the project. `link: true` entries point at a folder (a workspace, a `file:` dependency)
 *   whose own entry is the package. Dependencies are resolved as Node does: the nearest
 *   `node_modules/<name>` walking up the path, following links to their folder's entry, so a
 *   workspace that depends on another has an edge to it. The root depends on its workspaces (the
 *   folders its `workspaces` patterns match), as `npm sbom` records them.
 * - v1: the nested `dependencies` tree (`requires` resolved through the enclosing scopes).
 * - Aliases (`npm:real-name@1.2.3`) are reported under the real name; git dependencies carry their
 *   commit; `file:` dependencies have no registry version and are reported without one.
 * - `integrity` (Subresource Integrity, usually the tarball's SHA-512) gives the hashes; `license`
 *   (v2/v3, copied from the package's package.json) the licence.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { integrityHashes } from './artifact-hash.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { isWorkspaceFolder, workspacePatterns } from './npm-workspaces.js';
import { packagePurl } from './package-purl.js';
import { entries, isRecord, readJson, text, type Data, type DataRecord } from './structured-text.js';
import { vcsCommit } from './vcs-commit.js';

interface Identity {
  readonly name: string;
  readonly version: string | null;
  readonly commit: string | null;
}

function identity(keyName: string, entry: DataRecord, versionField: string | null, resolved: string | null): Identity {
  let name = text(entry.name) ?? keyName;
  let version = versionField;
  if (version?.startsWith('npm:')) {
    const spec = version.slice(4);
    const at = spec.lastIndexOf('@');
    if (at > 0) {
      name = spec.slice(0, at);
      version = spec.slice(at + 1);
    }
  }
  const commit = vcsCommit(resolved) ?? vcsCommit(version);
  if (version !== null && (version.startsWith('file:') || version.startsWith('link:') || /^[a-z+]+:\/\//.test(version) || version.includes('#')))
    version = null;
  return { name, version, commit };
}

function depNames(entry: DataRecord, fields: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of fields) for (const [name] of entries(entry[f])) out.push(name);
  return out;
}

function nameFromPath(path: string): string {
  const i = path.lastIndexOf('node_modules/');
  return i >= 0 ? path.slice(i + 'node_modules/'.length) : path;
}

function parsePackages(packages: DataRecord, limits: LockfileLimits): LockfileResult {
  const warnings: SbomDiagnostic[] = [];
  const byPath = new Map<string, { pkg: LockfilePackage; entry: DataRecord }>();
  // A `link: true` entry names the folder it points to (`node_modules/etag` → `deps/etag`).
  const linkNames = new Map<string, string>();
  // … and stands for that folder's entry when a dependency resolves to it.
  const linkTargets = new Map<string, string>();
  for (const [path, entry] of Object.entries(packages))
    if (isRecord(entry) && entry.link === true && text(entry.resolved) !== null) {
      linkNames.set(text(entry.resolved)!, nameFromPath(path));
      linkTargets.set(path, text(entry.resolved)!);
    }
  let count = 0;
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '' || !isRecord(entry) || entry.link === true) continue;
    if (++count > limits.maxPackages) {
      warnings.push(warning('limit.packages', '/packages', `more than ${limits.maxPackages} packages; the rest are left out`));
      break;
    }
    const keyName = path.includes('node_modules/') ? nameFromPath(path) : (linkNames.get(path) ?? path.split('/').pop() ?? path);
    const id = identity(keyName, entry, text(entry.version), text(entry.resolved));
    const dev = entry.dev === true || entry.devOptional === true;
    byPath.set(path, {
      entry,
      pkg: lockfilePackage({
        ecosystem: 'npm',
        name: id.name,
        version: id.version,
        purl: packagePurl('npm', id.name, id.version),
        dev,
        optional: entry.optional === true || entry.devOptional === true,
        commit: id.commit,
        hashes: integrityHashes(text(entry.integrity)),
        license: text(entry.license),
        location: `/packages/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      }),
    });
  }
  const resolve = (from: string, dep: string): LockfilePackage | null => {
    let base = from;
    for (;;) {
      const at = `${base === '' ? '' : `${base}/`}node_modules/${dep}`;
      const hit = byPath.get(at) ?? byPath.get(linkTargets.get(at) ?? '');
      if (hit) return hit.pkg;
      // A link whose folder has no entry of its own: nothing to point at, and no further lookup (Node stops here too).
      if (linkTargets.has(at)) return null;
      if (base === '') return null;
      const i = base.lastIndexOf('/node_modules/');
      base = i >= 0 ? base.slice(0, i) : '';
    }
  };
  const depFields = ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'];
  const out: LockfilePackage[] = [];
  for (const [path, { pkg, entry }] of byPath) {
    const deps = depNames(entry, depFields.slice(0, 3))
      .map((d) => resolve(path, d)?.purl ?? null)
      .filter((p): p is string => p !== null);
    out.push({ ...pkg, dependencies: [...new Set(deps)] });
  }
  const root = packages[''];
  const workspaces = workspacePatterns(root);
  const project = isRecord(root)
    ? {
        name: text(root.name),
        version: text(root.version),
        dependencies: [
          ...new Set([
            ...depNames(root, depFields)
              .map((d) => resolve('', d)?.purl ?? null)
              .filter((p): p is string => p !== null),
            ...[...byPath]
              .filter(([path]) => !path.includes('node_modules/') && isWorkspaceFolder(path, workspaces))
              .map(([, { pkg }]) => pkg.purl)
              .filter((p): p is string => p !== null),
          ]),
        ],
      }
    : null;
  return parsed(out, warnings, project);
}

function parseDependencyTree(root: DataRecord, limits: LockfileLimits): LockfileResult {
  const warnings: SbomDiagnostic[] = [];
  const out: LockfilePackage[] = [];
  type Scope = { readonly deps: DataRecord; readonly parent: Scope | null };
  const resolved = new Map<Data, LockfilePackage>();
  // First pass: every entry becomes a package (depth-first, bounded by the JSON depth limit).
  const visit = (deps: DataRecord, pointer: string): void => {
    for (const [name, entry] of Object.entries(deps)) {
      if (!isRecord(entry)) continue;
      if (resolved.size >= limits.maxPackages) {
        warnings.push(warning('limit.packages', pointer, `more than ${limits.maxPackages} packages; the rest are left out`));
        return;
      }
      const id = identity(name, { ...entry, name: null }, text(entry.version), text(entry.resolved));
      resolved.set(
        entry,
        lockfilePackage({
          ecosystem: 'npm',
          name: id.name,
          version: id.version,
          purl: packagePurl('npm', id.name, id.version),
          dev: entry.dev === true,
          optional: entry.optional === true,
          commit: id.commit,
          hashes: integrityHashes(text(entry.integrity)),
          location: `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        }),
      );
      if (isRecord(entry.dependencies)) visit(entry.dependencies, `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}/dependencies`);
    }
  };
  visit(root, '/dependencies');
  const lookup = (scope: Scope | null, name: string): LockfilePackage | null => {
    for (let s = scope; s !== null; s = s.parent) {
      const e = s.deps[name];
      if (e !== undefined && resolved.has(e)) return resolved.get(e)!;
    }
    return null;
  };
  const link = (deps: DataRecord, parent: Scope | null): void => {
    const scope: Scope = { deps, parent };
    for (const entry of Object.values(deps)) {
      const pkg = resolved.get(entry);
      if (!pkg || !isRecord(entry)) continue;
      const inner: Scope = isRecord(entry.dependencies) ? { deps: entry.dependencies, parent: scope } : scope;
      const dependencies = entries(entry.requires)
        .map(([n]) => lookup(inner, n)?.purl ?? null)
        .filter((p): p is string => p !== null);
      out.push({ ...pkg, dependencies: [...new Set(dependencies)] });
      if (isRecord(entry.dependencies)) link(entry.dependencies, scope);
    }
  };
  link(root, null);
  return parsed(out, warnings);
}

export function parsePackageLock(source: string, fileName = 'package-lock.json', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const doc = readJson(source, limits);
  if (!doc.ok) return failed(doc.error.code, `could not read ${fileName}: ${doc.error.message}`);
  if (!isRecord(doc.value)) return failed('lockfile.invalid', `${fileName} is not a JSON object`);
  const lock = doc.value;
  const version = typeof lock.lockfileVersion === 'number' ? lock.lockfileVersion : 1;
  if (version > 3) return failed('lockfile.unsupported', `${fileName}: lockfileVersion ${version} is not supported (1, 2, 3 are)`);
  if (isRecord(lock.packages)) {
    const result = parsePackages(lock.packages, limits);
    // The root entry ("") may list the dependencies without the name the top level gives.
    const own = result.ok ? result.value.project : null;
    if (result.ok && (own === null || own.name === null) && text(lock.name) !== null)
      return parsed(result.value.packages, result.value.warnings, { name: text(lock.name), version: own?.version ?? text(lock.version), dependencies: own?.dependencies ?? [] });
    return result;
  }
  const tree = parseDependencyTree(isRecord(lock.dependencies) ? lock.dependencies : {}, limits);
  if (!tree.ok) return tree;
  const project = text(lock.name) !== null ? { name: text(lock.name), version: text(lock.version), dependencies: [] } : null;
  return parsed(tree.value.packages, tree.value.warnings, project);
}
