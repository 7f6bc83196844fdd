/**
 * Alpine apk database `/lib/apk/db/installed` (https://wiki.alpinelinux.org/wiki/Apk_spec#Installed_Database_V2):
 * paragraphs of `K:value` lines, one per installed package: `P` name, `V` version, `A` arch,
 * `o` origin (source package), `c` aports commit, `D` dependencies (names, `so:`/`cmd:` provides,
 * `!conflicts`), `p` provides. Dependencies are resolved by name or provided name.
 *
 * purl: `pkg:apk/alpine/<name>@<version>?arch=<arch>&distro=<distro>` (distro when known).
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { readLines } from './structured-text.js';

export interface ApkOptions {
  /** purl `distro` qualifier (e.g. `3.20.1`) when known from elsewhere. */
  readonly distro?: string | null;
  readonly limits?: LockfileLimits;
}

export function parseApkInstalled(source: string, fileName = 'installed', options: ApkOptions = {}): LockfileResult {
  const limits = options.limits ?? defaultLockfileLimits;
  const lines = readLines(source, limits);
  if (lines === null) return failed('lockfile.too_large', `${fileName} is larger than ${limits.maxBytes} bytes`);
  const paragraphs: { fields: Map<string, string[]>; line: number }[] = [];
  let current: { fields: Map<string, string[]>; line: number } | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      current = null;
      return;
    }
    const m = /^([A-Za-z]):(.*)$/.exec(line);
    if (!m) return;
    if (current === null) {
      current = { fields: new Map(), line: i + 1 };
      paragraphs.push(current);
    }
    const list = current.fields.get(m[1]!) ?? [];
    list.push(m[2]!);
    current.fields.set(m[1]!, list);
  });
  if (lines.some((l) => l.trim() !== '') && !paragraphs.some((p) => p.fields.has('P')))
    return failed('lockfile.invalid', `${fileName}: no \`P:\` (package) entry found; the file is not an apk installed database or is damaged`);
  const warnings: SbomDiagnostic[] = [];
  const read: { pkg: LockfilePackage; deps: string[]; provides: string[] }[] = [];
  for (const p of paragraphs) {
    const location = `${fileName} line ${p.line}`;
    const name = p.fields.get('P')?.[0] ?? null;
    if (name === null) continue; // file lists (F:/R:/Z:) without a package header
    if (read.length >= limits.maxPackages) {
      warnings.push(warning('limit.packages', fileName, `more than ${limits.maxPackages} packages; the rest are left out`));
      break;
    }
    const version = p.fields.get('V')?.[0] || null;
    if (version === null) warnings.push(warning('package.incomplete', location, `${name} has no version (V:)`));
    const origin = p.fields.get('o')?.[0] ?? null;
    read.push({
      deps: (p.fields.get('D')?.[0] ?? '').split(/\s+/).filter((d) => d !== '' && !d.startsWith('!')).map((d) => d.split(/[<>=~]/)[0]!),
      provides: (p.fields.get('p')?.[0] ?? '').split(/\s+/).filter((d) => d !== '').map((d) => d.split(/[<>=~]/)[0]!),
      pkg: lockfilePackage({
        ecosystem: 'Alpine',
        name,
        version,
        purl: packagePurl('Alpine', name, version, { arch: p.fields.get('A')?.[0] ?? null, distro: options.distro ?? null }),
        commit: p.fields.get('c')?.[0] ?? null,
        sourcePackage: origin === null ? null : { name: origin, version },
        location,
      }),
    });
  }
  const provider = new Map<string, string | null>();
  for (const { pkg, provides } of read) {
    provider.set(pkg.name, pkg.purl);
    for (const p of provides) if (!provider.has(p)) provider.set(p, pkg.purl);
  }
  const packages = read.map(({ pkg, deps }) => ({
    ...pkg,
    dependencies: [...new Set(deps.map((d) => provider.get(d) ?? null).filter((x): x is string => x !== null && x !== pkg.purl))],
  }));
  return parsed(packages, warnings);
}
