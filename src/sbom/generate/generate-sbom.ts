/**
 * A CycloneDX-1.6-shaped SBOM from lockfiles, for builds that produce none. One `library`
 * component per package, `bomRef` = its purl (packages without a purl get
 * `lockfile:<ecosystem>/<name>@<version>`); a package found in several files is one component.
 * Names are split as CycloneDX tools do: npm scope → `group`, Maven groupId → `group`, Go module
 * path → `name`. Scope: dev-only packages are `excluded` (CycloneDX: "usage for test and other
 * non-runtime purposes"), optional ones `optional`, others `required` when the format tells.
 * Dependency edges come from the lockfiles that record them; the project (metadata.component)
 * depends on its direct dependencies. Files that name several projects (svc-a/ and svc-b/ with a
 * lockfile each) get a root of their own (the caller's name, else the folder's) that depends on each
 * project, an `application` component depending on its direct dependencies, with a warning. Hashes and the licence a lockfile records for a package
 * (lockfile-package.ts) become the component's `hashes` and declared `licenses`.
 * `metadata.lifecycles` is `pre-build`: the SBOM describes what the lockfile pins, not an inspected
 * build.
 *
 * Pure and deterministic: files are read in name order, components and dependencies are sorted,
 * time and serial number are passed in.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { licenseFromText } from '../../core/sbom/license-text.js';
import { component, type Component, type ComponentScope, type Dependency, type License, type Property, type SbomDocument } from '../../core/sbom/model.js';
import { uniqueHashes } from './artifact-hash.js';
import { detectLockfile, supportedLockfileNames } from './detect-lockfile.js';
import { parseApkInstalled } from './apk-installed.js';
import { parseDpkgStatus, type OsRelease } from './dpkg-status.js';
import { lockfileFormatInfo, type LockfileFormat } from './lockfile-format.js';
import type { LockfilePackage, LockfileResult } from './lockfile-package.js';
import { lockfilePlace } from './lockfile-place.js';
import { defaultLockfileLimits } from './limits.js';
import { workspacePatterns } from './npm-workspaces.js';
import { splitName } from './package-purl.js';
import { parseRequirementsTree } from './requirements-txt.js';
import { isRecord, readJson, type DataRecord } from './structured-text.js';
import { parseYarnLock } from './yarn-lock.js';

export interface LockfileInput {
  /** The file's path as the user knows it (posix separators); `-r` references resolve against it. */
  readonly name: string;
  readonly text: string;
}

export interface GenerateSbomOptions {
  /** ISO 8601 date-time written to metadata.timestamp. */
  readonly timestamp: string;
  /** `urn:uuid:…` */
  readonly serialNumber: string;
  /** Project name for metadata.component; else the name a lockfile gives (package-lock `name`, go.mod `module`). */
  readonly name?: string;
  /**
   * Name of the generated metadata.component when the files belong to several projects and `name`
   * is not given (from-path: the folder's name); default the projects' names joined with ` + `.
   */
  readonly rootName?: string;
  /** mamori's version for metadata.tools. */
  readonly toolVersion?: string;
}

export interface GeneratedFile {
  readonly name: string;
  readonly format: LockfileFormat | null;
  readonly packages: number;
  /** Why the file gave nothing (unrecognised, invalid, unsupported version), or null. */
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface GeneratedSbom {
  readonly document: SbomDocument;
  /** Everything that could not be resolved; `location` starts with the file name. */
  readonly warnings: readonly SbomDiagnostic[];
  readonly files: readonly GeneratedFile[];
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function scopeOf(pkg: LockfilePackage): ComponentScope | null {
  if (pkg.dev === true) return 'excluded';
  if (pkg.optional) return 'optional';
  return pkg.dev === false ? 'required' : null;
}

/** The stronger of two scopes for one package seen twice (required > optional > excluded > unknown). */
function mergeScope(a: ComponentScope | null, b: ComponentScope | null): ComponentScope | null {
  const rank = (s: ComponentScope | null): number => (s === 'required' ? 3 : s === 'optional' ? 2 : s === 'excluded' ? 1 : 0);
  return rank(a) >= rank(b) ? a : b;
}

/**
 * The packages of a file that its project depends on directly when the file does not say which: those
 * no other package of the file depends on, then, for each cycle none of them reaches, its first
 * package in file order (so that every package is reachable). `refs` in file order.
 */
function entryPackages(refs: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const own = new Set(refs);
  const dependedOn = new Set<string>();
  for (const ref of own) for (const d of edges.get(ref) ?? []) if (d !== ref && own.has(d)) dependedOn.add(d);
  const entries = [...own].filter((r) => !dependedOn.has(r));
  const reached = new Set<string>();
  const visit = (start: string) => {
    const stack = [start];
    while (stack.length > 0) {
      const r = stack.pop()!;
      if (reached.has(r)) continue;
      reached.add(r);
      for (const d of edges.get(r) ?? []) if (own.has(d) && !reached.has(d)) stack.push(d);
    }
  };
  for (const r of entries) visit(r);
  for (const r of own)
    if (!reached.has(r)) {
      entries.push(r);
      visit(r);
    }
  return entries;
}

function bomRefOf(pkg: LockfilePackage): string {
  return pkg.purl ?? `lockfile:${pkg.ecosystem}/${pkg.name}@${pkg.version ?? ''}`;
}

/** The lockfile's licence statement as the package's declared licence (license-text.ts: an SPDX expression only when valid). */
function licensesOf(pkg: LockfilePackage): License[] {
  return pkg.license === null || pkg.license.trim() === '' ? [] : [licenseFromText(pkg.license, 'declared')];
}

function componentOf(pkg: LockfilePackage, bomRef: string, file: string): Component {
  const grouped = pkg.ecosystem === 'npm' || pkg.ecosystem === 'Maven';
  const parts = grouped ? splitName(pkg.ecosystem, pkg.name) : { namespace: null, name: pkg.name };
  const properties: Property[] = [{ name: 'mamori:lockfile:path', value: file }];
  if (pkg.commit) properties.push({ name: 'mamori:lockfile:commit', value: pkg.commit });
  if (pkg.sourcePackage) {
    properties.push({ name: 'mamori:lockfile:source-package', value: pkg.sourcePackage.name });
    if (pkg.sourcePackage.version) properties.push({ name: 'mamori:lockfile:source-version', value: pkg.sourcePackage.version });
  }
  return component({
    bomRef,
    type: 'library',
    name: parts.name,
    group: parts.namespace,
    version: pkg.version,
    purl: pkg.purl,
    scope: scopeOf(pkg),
    hashes: pkg.hashes,
    licenses: licensesOf(pkg),
    properties,
  });
}

/** `ID`, `ID_LIKE` and `VERSION_ID` of an os-release file (os-release(5); values may be quoted). */
function osReleaseOf(files: readonly LockfileInput[]): OsRelease | null {
  const osRelease = files.find((f) => /(^|\/)os-release$/.test(f.name));
  if (!osRelease) return null;
  const field = (key: string): string | null => {
    const m = new RegExp(`^${key}=(["']?)([^"'\\n]*)\\1\\s*$`, 'm').exec(osRelease.text);
    return m && m[2] !== '' ? m[2]! : null;
  };
  return { id: field('ID'), idLike: (field('ID_LIKE') ?? '').split(/\s+/).filter((x) => x !== ''), versionId: field('VERSION_ID') };
}

/** os-release `ID`-`VERSION_ID` → purl distro (`debian-12`, `ubuntu-22.04`, `alpine-3.20.1`). */
function distroOf(osRelease: OsRelease | null): string | null {
  return osRelease?.id && osRelease.versionId ? `${osRelease.id}-${osRelease.versionId}` : null;
}

/**
 * The package.json files of a yarn.lock's project, the root first: the one beside it and those in
 * folders below (its workspaces; others only make fewer packages dev-only, never more). None when
 * there is no root package.json, or when it declares workspaces and none of theirs was given (a
 * package only a missing workspace needs at run time must not become dev-only).
 */
function yarnManifests(lockfile: string, files: readonly LockfileInput[]): DataRecord[] {
  const folder = lockfile.includes('/') ? lockfile.slice(0, lockfile.lastIndexOf('/') + 1) : '';
  const read = (f: LockfileInput | undefined): DataRecord | null => {
    const doc = f ? readJson(f.text) : null;
    return doc?.ok && isRecord(doc.value) ? doc.value : null;
  };
  const root = read(files.find((f) => f.name === `${folder}package.json`));
  if (root === null) return [];
  const members = files
    .filter((f) => f.name !== `${folder}package.json` && f.name.startsWith(folder) && f.name.endsWith('/package.json'))
    .map(read)
    .filter((m): m is DataRecord => m !== null);
  if (workspacePatterns(root).length > 0 && members.length === 0) return [];
  return [root, ...members];
}

export function generateSbom(files: readonly LockfileInput[], options: GenerateSbomOptions): GeneratedSbom {
  const sorted = [...files].sort((a, b) => byCodeUnit(a.name, b.name));
  const byName = new Map(sorted.map((f) => [f.name, f.text]));
  const osRelease = osReleaseOf(sorted);
  const distro = distroOf(osRelease);
  const formats = new Map(sorted.map((f) => [f.name, detectLockfile(f.name, f.text)]));
  // Files included by a requirements file with -r are read as part of it, not on their own.
  const included = new Set<string>();
  const consumed = new Set<string>();
  for (const f of sorted) {
    if (formats.get(f.name) !== 'requirements-txt') continue;
    const tree = parseRequirementsTree(f.name, { read: (p) => (p === f.name ? f.text : (byName.get(p) ?? null)), onMissing: 'warn' });
    if (tree.ok) for (const r of tree.value.references) included.add(r);
  }

  const warnings: SbomDiagnostic[] = [];
  const summaries: GeneratedFile[] = [];
  const components = new Map<string, Component>();
  const edges = new Map<string, Set<string>>();
  const rootEdges = new Set<string>();
  let projectName: string | null;
  const projects: { file: string; folder: string; name: string | null; version: string | null; dependencies: string[] }[] = [];

  for (const f of sorted) {
    const format = formats.get(f.name) ?? null;
    if (consumed.has(f.name) || (included.has(f.name) && format === null)) continue;
    if (format === null) {
      // os-release configures dpkg purls; package.json files are the manifests of yarn.lock files.
      if (!/(^|\/)(os-release|package\.json)$/.test(f.name)) {
        const error = { code: 'lockfile.unrecognised', message: `${f.name} is not a supported lockfile (${supportedLockfileNames.join(', ')})` };
        summaries.push({ name: f.name, format, packages: 0, error });
        warnings.push({ severity: 'warning', code: error.code, location: f.name, message: error.message, rule: null });
      }
      continue;
    }
    let result: LockfileResult;
    if (format === 'requirements-txt') {
      result = parseRequirementsTree(f.name, { read: (p) => byName.get(p) ?? null, onMissing: 'warn' });
      if (result.ok) for (const r of result.value.references) consumed.add(r);
    }
    else if (format === 'dpkg-status') result = parseDpkgStatus(f.text, f.name, { distro, osRelease });
    else if (format === 'apk-installed') result = parseApkInstalled(f.text, f.name, { distro });
    else if (format === 'yarn-lock') result = parseYarnLock(f.text, f.name, defaultLockfileLimits, yarnManifests(f.name, sorted));
    else result = lockfileFormatInfo[format].parse(f.text, f.name);
    if (!result.ok) {
      summaries.push({ name: f.name, format, packages: 0, error: result.error });
      warnings.push({ severity: 'warning', code: result.error.code, location: f.name, message: result.error.message, rule: null });
      continue;
    }
    const { packages, project } = result.value;
    summaries.push({ name: f.name, format, packages: packages.length, error: null });
    if (packages.length === 0) warnings.push({ severity: 'warning', code: 'lockfile.empty', location: f.name, message: `${f.name} lists no packages`, rule: null });
    for (const w of result.value.warnings) warnings.push(w.location.startsWith(f.name) ? w : { ...w, location: `${f.name}: ${w.location}` });
    const hasGraph = packages.some((p) => p.dependencies.length > 0) || (project?.dependencies.length ?? 0) > 0;
    const refOfPurl = new Map(packages.filter((p) => p.purl !== null).map((p) => [p.purl!, bomRefOf(p)]));
    for (const pkg of packages) {
      const ref = bomRefOf(pkg);
      const existing = components.get(ref);
      if (existing) {
        const files = existing.properties.filter((p) => p.name === 'mamori:lockfile:path').map((p) => p.value);
        components.set(ref, {
          ...existing,
          scope: mergeScope(existing.scope, scopeOf(pkg)),
          hashes: uniqueHashes([...existing.hashes, ...pkg.hashes]),
          licenses: existing.licenses.length > 0 ? existing.licenses : licensesOf(pkg),
          properties: files.includes(f.name) ? existing.properties : [...existing.properties, { name: 'mamori:lockfile:path', value: f.name }],
        });
      } else components.set(ref, componentOf(pkg, ref, f.name));
      if (hasGraph) {
        const set = edges.get(ref) ?? new Set<string>();
        for (const d of pkg.dependencies) {
          const target = refOfPurl.get(d);
          if (target !== undefined && target !== ref) set.add(target);
        }
        edges.set(ref, set);
      }
    }
    const listed = (project?.dependencies ?? []).map((d) => refOfPurl.get(d)).filter((r): r is string => r !== undefined);
    // A file that does not list its project's direct dependencies (a dpkg or apk database, a
    // gradle.lockfile, requirements, a package-lock naming only its project) would leave its packages
    // out of the graph: its project depends on the packages nothing else in the file depends on (and
    // on one package of each cycle no such package reaches), so every package is reachable from the
    // SBOM's root.
    const deps = listed.length > 0 ? listed : entryPackages(packages.map(bomRefOf), edges);
    if (project || deps.length > 0) projects.push({ file: f.name, folder: lockfilePlace(f.name).folder, name: project?.name ?? null, version: project?.version ?? null, dependencies: deps });
  }

  // The project (metadata.component) and its direct dependencies. Lockfiles name their project
  // (package-lock `name`, go.mod `module`, …); unnamed ones belong to the product. A project is a name
  // in one folder: the lockfiles of one folder that name it (package-lock.json and yarn.lock) are one
  // project, while lockfiles in two folders that happen to share a name (a Go service in svc/ and an
  // npm UI in ui/, both `my-library`) are two projects.
  const named: { name: string; folder: string; own: typeof projects }[] = [];
  for (const p of projects) {
    if (p.name === null) continue;
    const same = named.find((g) => g.name === p.name && g.folder === p.folder);
    if (same) same.own.push(p);
    else named.push({ name: p.name, folder: p.folder, own: [p] });
  }
  // Files whose packages belong to no named project (an operating system's package database beside an
  // application's lockfile): with a named project they make a product of several parts.
  const unnamed = projects.filter((p) => p.name === null && p.dependencies.length > 0);
  let rootRef: string | null;
  let metadataComponent: Component | null;
  if (named.length === 0 || (named.length === 1 && unnamed.length === 0)) {
    // Packages of no named project still get a root (the folder's name) rather than none.
    projectName = options.name ?? named[0]?.name ?? (unnamed.length > 0 ? (options.rootName ?? null) : null);
    const projectVersion = projects.find((p) => p.name !== null && p.name === projectName && p.version !== null)?.version ?? null;
    for (const p of projects) for (const d of p.dependencies) rootEdges.add(d);
    rootRef = projectName === null ? null : `project:${projectName}${projectVersion ? `@${projectVersion}` : ''}`;
    metadataComponent = rootRef === null ? null : component({ bomRef: rootRef, type: 'application', name: projectName!, version: projectVersion });
  } else {
    // Several projects (svc-a/ and svc-b/ with a lockfile each): none of them is the whole, so the
    // SBOM describes what holds them all (the product the caller names, else the folder), and each
    // project is an application component it depends on, which depends on its own direct dependencies.
    // Projects that share a name have their folder in their bomRef (`project:my-library#svc/`,
    // `project:my-library@1.0.0#ui/`, `#./` for the top folder), so bomRefs stay unique.
    const names = named.map((g) => g.name);
    projectName = options.name ?? options.rootName ?? [...new Set(names)].join(' + ');
    for (const { name, folder, own } of named) {
      const version = own.find((p) => p.version !== null)?.version ?? null;
      const shared = names.indexOf(name) !== names.lastIndexOf(name);
      const ref = `project:${name}${version ? `@${version}` : ''}${shared ? `#${folder === '' ? './' : folder}` : ''}`;
      const files = [...new Set(own.map((p) => p.file))];
      components.set(ref, component({ bomRef: ref, type: 'application', name, version, properties: files.map((file) => ({ name: 'mamori:lockfile:path', value: file })) }));
      edges.set(ref, new Set(own.flatMap((p) => p.dependencies)));
      rootEdges.add(ref);
    }
    for (const p of projects) if (p.name === null) for (const d of p.dependencies) rootEdges.add(d);
    rootRef = `project:${projectName}`;
    if (components.has(rootRef)) rootRef = `${rootRef}#root`;
    metadataComponent = component({ bomRef: rootRef, type: 'application', name: projectName, version: null });
    const list = named.map(({ name, own }) => {
      const version = own.find((p) => p.version !== null)?.version;
      return `${name}${version ? ` ${version}` : ''} (${[...new Set(own.map((p) => p.file))].join(', ')})`;
    });
    const parts = named.length + unnamed.length;
    const others = unnamed.length === 0 ? '' : `${named.length > 0 ? ', ' : ''}the packages of ${unnamed.map((p) => p.file).join(', ')}`;
    warnings.push({
      severity: 'warning',
      code: 'project.several',
      location: projects[0]!.file,
      message:
        `${parts} ${parts === 1 ? 'project' : 'projects'} found: ${list.join(', ')}${others}. The SBOM describes "${projectName}" (metadata.component), which depends on each project, ` +
        `an application component with its own dependencies${unnamed.length > 0 ? ', and directly on packages that belong to no named project' : ''}` +
        `${options.name === undefined ? '; name the product with --name, or generate one SBOM per project folder' : ''}`,
      rule: null,
    });
  }
  const dependencies: Dependency[] = [...edges]
    .map(([ref, set]) => ({ ref, dependsOn: [...set].sort(byCodeUnit) }))
    .sort((a, b) => byCodeUnit(a.ref, b.ref));
  if (rootRef !== null && rootEdges.size > 0) dependencies.unshift({ ref: rootRef, dependsOn: [...rootEdges].sort(byCodeUnit) });
  const document: SbomDocument = {
    format: 'cyclonedx',
    specVersion: '1.6',
    encoding: 'json',
    metadata: {
      serialNumber: options.serialNumber,
      version: 1,
      timestamp: options.timestamp,
      name: projectName,
      authors: [],
      supplier: null,
      // As the writers name themselves (no vendor), so a written SBOM lists mamori once.
      tools: [{ vendor: null, name: 'mamori', version: options.toolVersion ?? null }],
      lifecycles: ['pre-build'],
      component: metadataComponent,
      licenses: [],
      properties: [],
      externalReferences: [],
    },
    components: [...components.values()]
      .map((c) => ({ ...c, properties: [...c.properties].sort((a, b) => byCodeUnit(a.name, b.name) || byCodeUnit(a.value, b.value)) }))
      .sort((a, b) => byCodeUnit(a.bomRef, b.bomRef)),
    dependencies,
  };
  return { document, warnings, files: summaries };
}
