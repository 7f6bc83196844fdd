/**
 * Yarn `yarn.lock`: classic (v1, "# yarn lockfile v1", its own indented syntax,
 * https://classic.yarnpkg.com/lang/en/docs/yarn-lock/) and berry (v2+, YAML with a `__metadata`
 * entry, https://yarnpkg.com/configuration/yarnrc). An entry's key lists the descriptors
 * (`name@range`, comma-separated) that resolved to it; `version` is the resolved version.
 *
 * - Aliases (`alias@npm:real@^1`) are reported under the real name (berry: from `resolution`).
 * - Git dependencies carry the commit found in `resolved` / `resolution`.
 * - Berry `workspace:` entries: the root workspace (`workspace:.`) is the project; other workspaces
 *   are packages of the project and are reported as packages.
 * - Dependencies are resolved by descriptor (`name@range`) to the entry that lists it.
 * - yarn.lock says nothing about dev dependencies. Given the package.json files of the project and
 *   its workspaces (`manifests`, the root first), packages reachable only from their
 *   `devDependencies` are dev-only, as for pnpm v9 (dev-reachability.ts); a classic lockfile, which
 *   names no project, gets the root package.json's name, version and direct dependencies.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { withDevFromImporters } from './dev-reachability.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileProject, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { entries, isRecord, readLines, readYaml, text, type DataRecord } from './structured-text.js';
import { vcsCommit } from './vcs-commit.js';

interface Entry {
  readonly descriptors: readonly string[];
  readonly name: string;
  readonly version: string | null;
  readonly resolved: string | null;
  readonly dependencies: readonly (readonly [string, string])[];
  readonly line: number;
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/** `name@range` → [name, range]; the scope's leading `@` is part of the name. */
function splitDescriptor(descriptor: string): [string, string] {
  const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
  return at > 0 ? [descriptor.slice(0, at), descriptor.slice(at + 1)] : [descriptor, ''];
}

/** The real package name behind a descriptor (`alias@npm:real@^1` → `real`). */
function realName(descriptor: string): string {
  const [name, range] = splitDescriptor(descriptor);
  if (range.startsWith('npm:') && range.lastIndexOf('@') > 4) return splitDescriptor(range.slice(4))[0];
  return name;
}

function parseClassic(lines: readonly string[]): Entry[] {
  const out: Entry[] = [];
  let current: { descriptors: string[]; fields: Map<string, string>; deps: [string, string][]; line: number } | null = null;
  let inDeps = false;
  const flush = (): void => {
    if (!current) return;
    const first = current.descriptors[0] ?? '';
    out.push({
      descriptors: current.descriptors,
      name: realName(first),
      version: current.fields.get('version') ?? null,
      resolved: current.fields.get('resolved') ?? null,
      dependencies: current.deps,
      line: current.line,
    });
    current = null;
  };
  lines.forEach((raw, i) => {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0) {
      flush();
      if (!line.endsWith(':')) return;
      const descriptors = line
        .slice(0, -1)
        .split(',')
        .map(unquote)
        .filter((d) => d !== '');
      current = { descriptors, fields: new Map(), deps: [], line: i + 1 };
      inDeps = false;
      return;
    }
    if (!current) return;
    if (indent <= 2) {
      inDeps = line === 'dependencies:' || line === 'optionalDependencies:';
      if (line.endsWith(':')) return;
      const space = line.indexOf(' ');
      if (space > 0) current.fields.set(unquote(line.slice(0, space)), unquote(line.slice(space + 1)));
      return;
    }
    if (inDeps) {
      const m = /^("(?:[^"\\]|\\.)*"|\S+)\s+(.*)$/.exec(line);
      if (m) current.deps.push([unquote(m[1]!), unquote(m[2]!)]);
    }
  });
  flush();
  return out;
}

export function parseYarnLock(
  source: string,
  fileName = 'yarn.lock',
  limits: LockfileLimits = defaultLockfileLimits,
  manifests: readonly DataRecord[] = [],
): LockfileResult {
  const lines = readLines(source, limits);
  if (lines === null) return failed('lockfile.too_large', `${fileName} is larger than ${limits.maxBytes} bytes`);
  const warnings: SbomDiagnostic[] = [];
  let list: Entry[];
  let project: LockfileProject | null = null;
  const berry = lines.some((l) => l.startsWith('__metadata:'));
  if (berry) {
    const doc = readYaml(source, limits);
    if (!doc.ok) return failed(doc.error.code, `could not read ${fileName}: ${doc.error.message}`);
    if (!isRecord(doc.value)) return failed('lockfile.invalid', `${fileName} is not a YAML mapping`);
    list = [];
    for (const [key, value] of Object.entries(doc.value)) {
      if (key === '__metadata' || !isRecord(value)) continue;
      const descriptors = key.split(',').map((d) => d.trim()).filter((d) => d !== '');
      const resolution = text(value.resolution) ?? descriptors[0] ?? '';
      const deps = [...entries(value.dependencies), ...entries(value.optionalDependencies)]
        .map(([n, r]) => [n, text(r) ?? ''] as const);
      list.push({ descriptors, name: splitDescriptor(resolution)[0], version: text(value.version), resolved: resolution, dependencies: deps, line: 0 });
    }
  } else {
    list = parseClassic(lines);
    if (list.length === 0 && lines.some((l) => l.trim() !== '' && !l.trimStart().startsWith('#')))
      return failed('lockfile.invalid', `${fileName}: no yarn.lock entries (\`"name@range":\` headers) found; the file is not a yarn.lock or is damaged`);
  }
  if (list.length > limits.maxPackages) {
    warnings.push(warning('limit.packages', fileName, `more than ${limits.maxPackages} packages; the rest are left out`));
    list = list.slice(0, limits.maxPackages);
  }
  const byDescriptor = new Map<string, Entry>();
  for (const e of list) for (const d of e.descriptors) byDescriptor.set(d, e);
  const purlOf = new Map<Entry, string | null>();
  const base: { entry: Entry; pkg: LockfilePackage }[] = [];
  for (const e of list) {
    const commit = vcsCommit(e.resolved);
    const workspace = e.resolved?.includes('@workspace:') ?? false;
    const purl = packagePurl('npm', e.name, e.version);
    purlOf.set(e, purl);
    if (workspace && e.resolved?.endsWith('@workspace:.')) {
      project = { name: e.name, version: e.version, dependencies: [] };
      continue;
    }
    base.push({
      entry: e,
      pkg: lockfilePackage({ ecosystem: 'npm', name: e.name, version: e.version, purl, commit, location: berry ? JSON.stringify(e.descriptors.join(', ')) : `line ${e.line}` }),
    });
  }
  const resolveDeps = (e: Entry): string[] => {
    const out = new Set<string>();
    for (const [name, range] of e.dependencies) {
      const hit = byDescriptor.get(`${name}@${range}`) ?? byDescriptor.get(`${name}@npm:${range}`);
      const purl = hit ? purlOf.get(hit) : null;
      if (purl) out.add(purl);
    }
    return [...out];
  };
  let packages: readonly LockfilePackage[] = base.map(({ entry, pkg }) => ({ ...pkg, dependencies: resolveDeps(entry) }));
  if (project !== null) {
    const root = list.find((e) => e.resolved?.endsWith('@workspace:.'));
    if (root) project = { ...project, dependencies: resolveDeps(root) };
  }
  if (manifests.length > 0) {
    // A manifest's `name: range` is the descriptor yarn keys the entry by (berry adds `npm:`).
    const manifestDeps = (record: DataRecord, fields: readonly string[]): string[] => {
      const out: string[] = [];
      for (const field of fields)
        for (const [name, range] of entries(record[field])) {
          const r = text(range) ?? '';
          const hit = byDescriptor.get(`${name}@${r}`) ?? byDescriptor.get(`${name}@npm:${r}`);
          const purl = hit ? purlOf.get(hit) : null;
          if (purl) out.push(purl);
        }
      return out;
    };
    packages = withDevFromImporters(packages, manifests, manifestDeps);
    const root = manifests[0]!;
    if (project === null && text(root.name) !== null)
      project = { name: text(root.name), version: text(root.version), dependencies: [...new Set(manifestDeps(root, ['dependencies', 'devDependencies', 'optionalDependencies']))] };
  }
  return parsed(packages, warnings, project);
}
