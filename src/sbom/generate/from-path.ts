/**
 * generateSbom for a lockfile or a directory on disk. A directory is walked breadth-first in name
 * order, without following symbolic links, skipping `node_modules`, `.git` and `vendor`, within
 * limits on depth, file count and total bytes; files `-r`-included by requirements files are read
 * too when they lie inside the walked root (one that does not exist is an error). Of `node_modules` only npm's hidden lockfile
 * `node_modules/.package-lock.json` is read, and only for a folder without package-lock.json or
 * npm-shrinkwrap.json (an installed tree, as in a production container image, often has no other). This is the only module here that touches the file
 * system.
 */
import { randomUUID } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { version as mamoriVersion } from '../../version.js';
import { detectLockfile, supportedLockfileNames } from './detect-lockfile.js';
import { generateSbom, type GeneratedSbom, type LockfileInput } from './generate-sbom.js';
import type { LockfileError } from './lockfile-package.js';
import { lockfilePlace } from './lockfile-place.js';
import { parseRequirementsTxt } from './requirements-txt.js';

export interface FromPathOptions {
  readonly timestamp?: string;
  readonly serialNumber?: string;
  readonly name?: string;
  /** Most files read (default 500). */
  readonly maxFiles?: number;
  /** Most bytes read in total (default 256 MiB); also the largest single file. */
  readonly maxBytes?: number;
  /** Deepest directory level walked below the root (default 12). */
  readonly maxDepth?: number;
}

export type FromPathResult = { readonly ok: true; readonly value: GeneratedSbom } | { readonly ok: false; readonly error: LockfileError };

const skipped = new Set(['node_modules', '.git', 'vendor']);
/** npm's lockfiles in a project folder; without one, npm's hidden lockfile in its node_modules is read. */
const npmLockfiles = new Set(['package-lock.json', 'npm-shrinkwrap.json']);
const hiddenLockfile = '.package-lock.json';

/**
 * Manifests that name dependencies without pinning them, the lockfiles that pin them beside the
 * manifest, and the command that writes one. A manifest found without any of its lockfiles is
 * reported, so an SBOM is never silently without a project's packages.
 */
const manifests: Readonly<Record<string, { readonly lockfiles: readonly string[]; readonly create: string }>> = {
  'package.json': { lockfiles: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'], create: 'npm install --package-lock-only (or yarn install, pnpm install --lockfile-only)' },
  'pyproject.toml': { lockfiles: ['poetry.lock', 'Pipfile.lock', 'requirements.txt'], create: 'poetry lock, or pip freeze > requirements.txt in the project\'s environment' },
  pipfile: { lockfiles: ['Pipfile.lock'], create: 'pipenv lock' },
  'cargo.toml': { lockfiles: ['Cargo.lock'], create: 'cargo generate-lockfile' },
  gemfile: { lockfiles: ['Gemfile.lock'], create: 'bundle lock' },
  'gems.rb': { lockfiles: ['gems.locked'], create: 'bundle lock' },
  'composer.json': { lockfiles: ['composer.lock'], create: 'composer update --lock' },
  'pubspec.yaml': { lockfiles: ['pubspec.lock'], create: 'dart pub get' },
  'mix.exs': { lockfiles: ['mix.lock'], create: 'mix deps.get' },
  'build.gradle': { lockfiles: ['gradle.lockfile'], create: 'gradle dependencies --write-locks' },
  'build.gradle.kts': { lockfiles: ['gradle.lockfile'], create: 'gradle dependencies --write-locks' },
};

/** A project file (`*.csproj`, …) of NuGet, whose lockfile is packages.lock.json. */
const nugetProject = /\.(cs|fs|vb)proj$/;

function manifestOf(base: string): { readonly lockfiles: readonly string[]; readonly create: string } | null {
  const lower = base.toLowerCase();
  if (Object.hasOwn(manifests, lower)) return manifests[lower]!;
  if (nugetProject.test(lower)) return { lockfiles: ['packages.lock.json'], create: 'dotnet restore --use-lock-file' };
  return null;
}
/** Names whose format is decided by content (distribution databases) or that configure others. */
const sniffed = new Set(['status', 'installed', 'os-release']);

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export async function generateSbomFromPath(target: string, options: FromPathOptions = {}): Promise<FromPathResult> {
  const maxFiles = options.maxFiles ?? 500;
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  const maxDepth = options.maxDepth ?? 12;
  const warnings: SbomDiagnostic[] = [];
  let stat;
  try {
    stat = await lstat(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    return { ok: false, error: { code: code === 'ENOENT' ? 'lockfile.not_found' : 'lockfile.unreadable', message: `${target}: ${reason}` } };
  }
  const root = stat.isDirectory() ? path.resolve(target) : path.dirname(path.resolve(target));
  const files: LockfileInput[] = [];
  const read = new Set<string>();
  let bytes = 0;
  let stopped = false;
  const seenManifests: string[] = [];

  const load = async (rel: string): Promise<string | null> => {
    if (read.has(rel) || stopped) return null;
    const abs = path.join(root, ...rel.split('/'));
    let size: number;
    try {
      const s = await lstat(abs);
      if (!s.isFile()) return null;
      size = s.size;
    } catch {
      return null;
    }
    if (files.length >= maxFiles) {
      warnings.push({ severity: 'warning', code: 'limit.files', location: rel, message: `more than ${maxFiles} files; ${rel} and later ones are left out`, rule: null });
      stopped = true;
      return null;
    }
    if (bytes + size > maxBytes) {
      warnings.push({ severity: 'warning', code: 'limit.bytes', location: rel, message: `reading ${rel} would exceed ${maxBytes} bytes; left out`, rule: null });
      return null;
    }
    bytes += size;
    read.add(rel);
    const text = await readFile(abs, 'utf8');
    files.push({ name: rel, text });
    return text;
  };

  if (stat.isDirectory()) {
    let level: string[] = [''];
    for (let depth = 0; depth <= maxDepth && level.length > 0 && !stopped; depth++) {
      const next: string[] = [];
      for (const dir of level) {
        let names;
        try {
          names = await readdir(path.join(root, ...dir.split('/').filter((s) => s !== '')), { withFileTypes: true });
        } catch {
          continue;
        }
        names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const hasNpmLock = names.some((d) => d.isFile() && npmLockfiles.has(d.name.toLowerCase()));
        for (const d of names) {
          const rel = dir === '' ? d.name : `${dir}/${d.name}`;
          if (d.isDirectory()) {
            if (!skipped.has(d.name)) next.push(rel);
            else if (d.name === 'node_modules' && !hasNpmLock) await load(`${rel}/${hiddenLockfile}`);
          } else if (d.isFile() && (detectLockfile(rel) !== null || sniffed.has(d.name))) {
            const text = await load(rel);
            if (text !== null && sniffed.has(d.name) && d.name !== 'os-release' && detectLockfile(rel, text) === null) {
              files.pop();
              read.delete(rel);
            }
          } else if (d.isFile() && manifestOf(d.name) !== null) {
            seenManifests.push(rel);
          }
        }
      }
      level = next;
    }
  } else if (stat.isFile()) {
    const rel = path.basename(target);
    const text = await load(rel);
    if (text === null) return { ok: false, error: { code: 'lockfile.too_large', message: `${target} is larger than ${maxBytes} bytes` } };
    if (detectLockfile(rel, text) === null) {
      const m = manifestOf(rel);
      return {
        ok: false,
        error: {
          code: 'lockfile.unsupported',
          message:
            m === null
              ? `${target} is not a supported lockfile; mamori reads ${supportedLockfileNames.join(', ')}`
              : `${target} is a manifest: it does not pin its dependencies to one version each. Generate from its lockfile (${m.lockfiles.join(', ')}) instead; create one with ${m.create}`,
        },
      };
    }
  } else return { ok: false, error: { code: 'lockfile.unreadable', message: `${target} is neither a file nor a directory` } };

  // yarn.lock records no dev dependencies: the package.json files of its project and workspaces
  // (its folder and below) tell them (generate-sbom.ts); they are read as manifests, not lockfiles.
  for (const f of [...files]) {
    const { folder, base } = lockfilePlace(f.name);
    if (base !== 'yarn.lock') continue;
    const candidates = stat.isDirectory() ? seenManifests.filter((m) => m.startsWith(folder) && /(^|\/)package\.json$/.test(m)) : ['package.json'];
    for (const m of candidates) await load(m);
  }

  // Follow requirements -r includes that stay inside the root. An include that does not exist is an
  // error, as pip refuses such a file: an SBOM without the included packages would look complete.
  const missingIncludes: string[] = [];
  const where = (name: string) => (stat.isDirectory() ? path.join(target, ...name.split('/')) : path.join(path.dirname(target), ...name.split('/')));
  for (let i = 0; i < files.length && !stopped; i++) {
    const f = files[i]!;
    if (detectLockfile(f.name, f.text) !== 'requirements-txt' && !f.name.endsWith('.txt')) continue;
    const parsed = parseRequirementsTxt(f.text, f.name);
    if (!parsed.ok) continue;
    for (const ref of parsed.value.references) {
      const rel = toPosix(path.normalize(path.join(path.dirname(f.name), ref)));
      if (rel.startsWith('..') || path.isAbsolute(rel)) {
        warnings.push({ severity: 'warning', code: 'file.outside', location: f.name, message: `-r ${ref} is outside ${root}; not read`, rule: null });
        continue;
      }
      await load(rel);
      if (!read.has(rel) && !stopped && (await lstat(path.join(root, ...rel.split('/'))).then(() => false, (e: NodeJS.ErrnoException) => e.code === 'ENOENT')))
        missingIncludes.push(`${where(f.name)}: -r ${ref} does not exist (${where(rel)})`);
    }
  }
  if (missingIncludes.length > 0) return { ok: false, error: { code: 'lockfile.not_found', message: missingIncludes.join('\n') } };

  // Manifests without a lockfile in their folder or a folder above it (a workspace's lockfile sits at
  // its root): their packages are not in the SBOM.
  for (const rel of seenManifests) {
    const m = manifestOf(rel.split('/').pop()!)!;
    const folder = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
    const locked = files.some((f) => {
      const { folder: at, base } = lockfilePlace(f.name);
      if (!folder.startsWith(at)) return false;
      return m.lockfiles.some((l) => l.toLowerCase() === base) || (m.lockfiles.includes('requirements.txt') && detectLockfile(f.name, f.text) === 'requirements-txt');
    });
    if (!locked)
      warnings.push({
        severity: 'warning',
        code: 'lockfile.missing',
        location: rel,
        message: `${rel} has no lockfile beside it (${m.lockfiles.join(', ')}), so its dependencies are not in this SBOM; create one with ${m.create} and generate again`,
        rule: null,
      });
  }

  const generated = generateSbom(files, {
    timestamp: options.timestamp ?? new Date().toISOString(),
    serialNumber: options.serialNumber ?? `urn:uuid:${randomUUID()}`,
    toolVersion: mamoriVersion,
    rootName: path.basename(root),
    ...(options.name === undefined ? {} : { name: options.name }),
  });
  // A lockfile or manifest that cannot be parsed is an error, never an SBOM without its packages.
  const unparsed = generated.files.filter((f) => f.error !== null && f.format !== null);
  if (unparsed.length > 0) {
    const first = unparsed[0]!.error!;
    return {
      ok: false,
      error: {
        code: first.code as LockfileError['code'],
        message: unparsed.map((f) => `${where(f.name)} cannot be parsed: ${f.error!.message}`).join('\n'),
      },
    };
  }
  return { ok: true, value: { ...generated, warnings: [...warnings, ...generated.warnings] } };
}
