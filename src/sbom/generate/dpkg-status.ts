/**
 * Debian `/var/lib/dpkg/status` (deb822 paragraphs, dpkg-query(1), Debian Policy §5.6): one
 * paragraph per package known to dpkg. Only packages whose `Status` ends in `installed` are read.
 * Each package is the binary package (`Package`, `Version` with its epoch, `Architecture`), with its
 * source package (`Source: name (version)`; the name defaults to the binary name and the version
 * to the binary version, Policy §5.6.1) — OSV's Debian advisories name source packages.
 * `Depends`/`Pre-Depends` are resolved by name to installed packages of the same architecture
 * (multi-arch systems install `libc6:amd64` and `libc6:i386` side by side): a `name:arch` dependency
 * to that architecture; otherwise the depending package's own architecture first, then `all`, then
 * the native architecture (dpkg's own), then any other.
 *
 * purl: `pkg:deb/<vendor>/<binary>@<version>?arch=<arch>&distro=<distro>&upstream=<source>`.
 * - vendor: os-release `ID` when it is `debian` or `ubuntu`, else the first of those in `ID_LIKE`
 *   (derivatives: Linux Mint → ubuntu, Raspberry Pi OS → debian); without an os-release file,
 *   `ubuntu` when `base-files` has an Ubuntu version (`12ubuntu4.6`), else `debian`.
 * - distro: given (generateSbom makes it from os-release `ID`-`VERSION_ID`, `ubuntu-22.04`) or, for
 *   Debian, from a `base-files` version with a plain release number (`12.4+deb12u5` → `debian-12`).
 * - upstream: the source package when the paragraph has a `Source` field (it is written only when
 *   the source differs from the binary in name or version), as syft writes it: `glibc`, or
 *   `glibc@2.36-9` when the field gives the source version. OSV Debian/Ubuntu advisories name
 *   source packages; the scanner matches by this qualifier (core/identity/osv-ecosystem.ts).
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { buildPurl } from './purl.js';
import { readLines } from './structured-text.js';

type Paragraph = { fields: Map<string, string>; line: number };

function debPurl(vendor: string, name: string, version: string | null, qualifiers: Readonly<Record<string, string | null>>): string | null {
  if (name === '' || name.startsWith('.') || name.startsWith('/')) return null;
  return buildPurl({ type: 'deb', namespace: vendor, name, version, qualifiers });
}

/** deb822 paragraphs; continuation lines (leading space) are appended to the previous field. */
export function deb822Paragraphs(lines: readonly string[]): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | null = null;
  let last: string | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      if (current && current.fields.size > 0) out.push(current);
      current = null;
      last = null;
      return;
    }
    if (current === null) current = { fields: new Map(), line: i + 1 };
    if (/^[ \t]/.test(line)) {
      if (last !== null) current.fields.set(last, `${current.fields.get(last) ?? ''}\n${line.trim()}`);
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return;
    last = line.slice(0, colon).trim();
    current.fields.set(last, line.slice(colon + 1).trim());
  });
  if (current !== null && (current as Paragraph).fields.size > 0) out.push(current);
  return out;
}

/** The fields of an os-release file (os-release(5)) that name the distribution. */
export interface OsRelease {
  readonly id: string | null;
  /** `ID_LIKE`, closest relative first. */
  readonly idLike: readonly string[];
  readonly versionId: string | null;
}

export interface DpkgOptions {
  /** purl `distro` qualifier (e.g. `debian-12`, `bookworm`) when known from elsewhere. */
  readonly distro?: string | null;
  /** The os-release file of the same system, for the purl namespace (the vendor). */
  readonly osRelease?: OsRelease | null;
  readonly limits?: LockfileLimits;
}

const debVendors = ['debian', 'ubuntu'];

/** The deb purl namespace (see the module comment). */
export function debVendor(osRelease: OsRelease | null | undefined, baseFilesVersion: string | null | undefined): string {
  const id = osRelease?.id?.toLowerCase() ?? null;
  if (id !== null && debVendors.includes(id)) return id;
  const like = osRelease?.idLike.map((x) => x.toLowerCase()).find((x) => debVendors.includes(x));
  if (like) return like;
  if (!osRelease && baseFilesVersion && /ubuntu/i.test(baseFilesVersion)) return 'ubuntu';
  return 'debian';
}

interface ReadPackage {
  readonly pkg: LockfilePackage;
  readonly arch: string | null;
  /** Dependency names, each with the architecture it asks for (`name:arch`; `any` and none → null). */
  readonly deps: readonly { readonly name: string; readonly arch: string | null }[];
}

/** The installed package a dependency resolves to (see the module comment), or null. */
function resolveDependency(
  byName: ReadonlyMap<string, readonly ReadPackage[]>,
  from: ReadPackage,
  dep: { readonly name: string; readonly arch: string | null },
  native: string | null,
): ReadPackage | null {
  const candidates = byName.get(dep.name) ?? [];
  if (dep.arch !== null) return candidates.find((c) => c.arch === dep.arch) ?? null;
  const own = from.arch === 'all' ? native : from.arch;
  for (const arch of [own, 'all', native]) {
    const hit = arch === null ? undefined : candidates.find((c) => c.arch === arch);
    if (hit) return hit;
  }
  return candidates[0] ?? null;
}

export function parseDpkgStatus(source: string, fileName = 'status', options: DpkgOptions = {}): LockfileResult {
  const limits = options.limits ?? defaultLockfileLimits;
  const lines = readLines(source, limits);
  if (lines === null) return failed('lockfile.too_large', `${fileName} is larger than ${limits.maxBytes} bytes`);
  const paragraphs = deb822Paragraphs(lines);
  if (lines.some((l) => l.trim() !== '') && !paragraphs.some((p) => p.fields.has('Package')))
    return failed('lockfile.invalid', `${fileName}: no \`Package:\` paragraph found; the file is not a dpkg status database or is damaged`);
  const installed = paragraphs.filter((p) => /\sinstalled$/.test(` ${p.fields.get('Status') ?? ''}`));
  const warnings: SbomDiagnostic[] = [];
  const baseFiles = installed.find((p) => p.fields.get('Package') === 'base-files')?.fields.get('Version');
  const vendor = debVendor(options.osRelease, baseFiles);
  const release = baseFiles && vendor === 'debian' ? /^(\d+)(?:\.\d+)*(?:\+deb\d+u\d+)?$/.exec(baseFiles)?.[1] : undefined;
  const distro = options.distro ?? (release ? `debian-${release}` : null);
  // dpkg's own architecture is the native one (dpkg --print-architecture).
  const native = installed.find((p) => p.fields.get('Package') === 'dpkg')?.fields.get('Architecture') ?? null;
  const read: ReadPackage[] = [];
  for (const p of installed) {
    if (read.length >= limits.maxPackages) {
      warnings.push(warning('limit.packages', fileName, `more than ${limits.maxPackages} packages; the rest are left out`));
      break;
    }
    const location = `${fileName} line ${p.line}`;
    const sourceField = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(p.fields.get('Source') ?? '');
    const binary = p.fields.get('Package') ?? null;
    const name = binary ?? sourceField?.[1] ?? null;
    if (name === null) {
      warnings.push(warning('package.unresolved', location, 'installed paragraph without Package or Source; left out'));
      continue;
    }
    if (binary === null) warnings.push(warning('package.incomplete', location, `installed paragraph without Package; named after its source ${name}`));
    const version = p.fields.get('Version') || null;
    if (version === null) warnings.push(warning('package.incomplete', location, `${name} has no Version`));
    const arch = p.fields.get('Architecture') ?? null;
    const deps = [p.fields.get('Pre-Depends'), p.fields.get('Depends')]
      .filter((d): d is string => d !== undefined)
      .flatMap((d) => d.split(/[,|]/))
      .map((d) => /^([^\s(:]+)(?::([^\s(]+))?/.exec(d.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ name: m[1]!, arch: m[2] === undefined || m[2] === 'any' ? null : m[2] }));
    // Source: written by dpkg only when the source differs from the binary in name or version.
    const upstream = sourceField ? (sourceField[2] ? `${sourceField[1]!}@${sourceField[2]}` : sourceField[1]!) : null;
    read.push({
      arch,
      deps,
      pkg: lockfilePackage({
        ecosystem: 'Debian',
        name,
        version,
        purl: debPurl(vendor, name, version, { arch, distro, upstream }),
        sourcePackage: { name: sourceField?.[1] ?? name, version: sourceField?.[2] ?? version },
        location,
      }),
    });
  }
  const byName = new Map<string, ReadPackage[]>();
  for (const r of read) byName.set(r.pkg.name, [...(byName.get(r.pkg.name) ?? []), r]);
  const packages = read.map((r) => ({
    ...r.pkg,
    dependencies: [
      ...new Set(r.deps.map((d) => resolveDependency(byName, r, d, native)?.pkg.purl ?? null).filter((x): x is string => x !== null && x !== r.pkg.purl)),
    ],
  }));
  return parsed(packages, warnings);
}
