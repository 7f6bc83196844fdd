/**
 * Debian `/var/lib/dpkg/status` (deb822 paragraphs, dpkg-query(1), Debian Policy §5.6): one
 * paragraph per package known to dpkg. Only packages whose `Status` ends in `installed` are read.
 * Each package is the binary package (`Package`, `Version` with its epoch, `Architecture`), with its
 * source package (`Source: name (version)`; the name defaults to the binary name and the version
 * to the binary version, Policy §5.6.1) — OSV's Debian advisories name source packages.
 * `Depends`/`Pre-Depends` are resolved by name to installed packages.
 *
 * purl: `pkg:deb/debian/<binary>@<version>?arch=<arch>&distro=<distro>`; the distro is known when
 * given (generateSbom reads it from an os-release file) or when `base-files` carries a plain
 * Debian release number (`12.4+deb12u5` → `debian-12`).
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { readLines } from './structured-text.js';

type Paragraph = { fields: Map<string, string>; line: number };

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

export interface DpkgOptions {
  /** purl `distro` qualifier (e.g. `debian-12`, `bookworm`) when known from elsewhere. */
  readonly distro?: string | null;
  readonly limits?: LockfileLimits;
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
  const release = baseFiles ? /^(\d+)(?:\.\d+)*(?:\+deb\d+u\d+)?$/.exec(baseFiles)?.[1] : undefined;
  const distro = options.distro ?? (release ? `debian-${release}` : null);
  const read: { pkg: LockfilePackage; deps: string[] }[] = [];
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
      .map((d) => d.trim().split(/[\s(:]/)[0]!)
      .filter((d) => d !== '');
    read.push({
      deps,
      pkg: lockfilePackage({
        ecosystem: 'Debian',
        name,
        version,
        purl: packagePurl('Debian', name, version, { arch, distro }),
        sourcePackage: { name: sourceField?.[1] ?? name, version: sourceField?.[2] ?? version },
        location,
      }),
    });
  }
  const byName = new Map(read.map(({ pkg }) => [pkg.name, pkg.purl]));
  const packages = read.map(({ pkg, deps }) => ({
    ...pkg,
    dependencies: [...new Set(deps.map((d) => byName.get(d) ?? null).filter((x): x is string => x !== null && x !== pkg.purl))],
  }));
  return parsed(packages, warnings);
}
