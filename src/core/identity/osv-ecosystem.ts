/**
 * From a package URL to the OSV `package` (ecosystem + name) used to look up advisories, and back.
 *
 * Ecosystem names and name formats are the OSV schema's ("Defined ecosystems", docs/schema.md);
 * purl types are purl-spec's (`purl-types-index.json`). A purl that cannot be mapped gives a value
 * with the reason (never dropped silently), so a finding list can say which components were not
 * checked against OSV.
 *
 * Name normalisation: PyPI names by PEP 503 (`[-_.]+` → `-`, lower-case); npm `@scope/name`;
 * Maven `groupId:artifactId`; Go, Packagist, GitHub Actions and SwiftURL `namespace/name`; VSCode
 * `publisher.name`. Distribution packages take their release from the `distro` qualifier
 * (`deb` + `distro=debian-12` or `bookworm` → `Debian:12`; `ubuntu-22.04`/`jammy` →
 * `Ubuntu:22.04:LTS`; `apk` + `distro=alpine-3.18.4` → `Alpine:v3.18`; `rpm` + `distro=rocky-9.2`
 * → `Rocky Linux:9`). Without a usable release they map to the unscoped ecosystem, with a note.
 *
 * Debian and Ubuntu advisories name source packages (OSV `Debian`/`Ubuntu` ecosystems), and a
 * binary package is often built from a source of another name (libc6 from glibc, libssl3 from
 * openssl). A deb purl's `upstream` qualifier names the source the way syft writes it: `glibc`, or
 * `glibc@2.36-9` when the source version differs from the binary's (the `Source: name (version)`
 * field of the dpkg database). Such a purl is looked up by the source name and compared at the
 * source version (the binary version when the qualifier gives none). A purl without the qualifier
 * is matched by the source package the SBOM gives otherwise (`source`: mamori's generator writes
 * it as component properties) when there is one; without either, by the binary name.
 *
 * The Go standard library is `pkg:golang/stdlib` (syft, osv-scanner): OSV `Go`/`stdlib`, whose
 * versions are Go releases in SemVer form (`1.21.0`, `1.21.0-rc.2`); toolchain spellings
 * (`go1.21.0`, `v1.21.0`, `1.21rc2`, `1.20`) are normalised to it (`goReleaseSemver`).
 */
import { buildPurl, formatPurl, parsePurl, type PackageUrl } from './purl.js';

export interface OsvPackageRef {
  readonly ecosystem: string;
  readonly name: string;
}

export type EcosystemMapping =
  | {
      readonly ok: true;
      readonly package: OsvPackageRef;
      readonly notes: readonly string[];
      /** The version to compare when it is not the purl's own (a deb source version, a normalised Go release). */
      readonly version?: string;
      /** How the OSV package was found when it is not the purl's name (for the evidence of a match). */
      readonly via?: string;
    }
  | { readonly ok: false; readonly reason: string };

/** PEP 503 normalised name: runs of `-`, `_`, `.` become one `-`, lower-case. */
export function pep503Name(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

const debianCodenames: Readonly<Record<string, string>> = {
  hamm: '2', slink: '2.1', potato: '2.2', woody: '3.0', sarge: '3.1', etch: '4', lenny: '5', squeeze: '6', wheezy: '7', jessie: '8', stretch: '9', buster: '10', bullseye: '11', bookworm: '12', trixie: '13', forky: '14', sid: 'sid',
};
const ubuntuCodenames: Readonly<Record<string, string>> = {
  trusty: '14.04', xenial: '16.04', bionic: '18.04', focal: '20.04', groovy: '20.10', hirsute: '21.04', impish: '21.10', jammy: '22.04', kinetic: '22.10', lunar: '23.04', mantic: '23.10', noble: '24.04', oracular: '24.10', plucky: '25.04', questing: '25.10',
};

function debianRelease(distro: string): string | null {
  const d = distro.toLowerCase().replace(/^debian[-_ ]?/, '');
  if (debianCodenames[d]) return debianCodenames[d];
  const m = /^(\d+)(\.\d+)*$/.exec(d);
  return m ? m[1]! : null;
}

function ubuntuRelease(distro: string): string | null {
  const d = distro.toLowerCase().replace(/^ubuntu[-_ ]?/, '');
  const v = ubuntuCodenames[d] ?? (/^\d{2}\.\d{2}$/.test(d) ? d : null);
  if (v === null) return null;
  const [yy, mm] = v.split('.') as [string, string];
  // LTS: April releases of even years (Ubuntu Releases wiki); OSV requires the `:LTS` suffix.
  return mm === '04' && Number(yy) % 2 === 0 ? `${v}:LTS` : v;
}

function alpineRelease(distro: string): string | null {
  const m = /^(?:alpine[-_ ]?)?v?(\d+)\.(\d+)/i.exec(distro);
  return m ? `v${m[1]}.${m[2]}` : null;
}

function majorRelease(distro: string, prefix: RegExp): string | null {
  const m = new RegExp(`^(?:${prefix.source})?[-_ ]?v?(\\d+)`, 'i').exec(distro);
  return m ? m[1]! : null;
}

const rpmVendors: Readonly<Record<string, { ecosystem: string; prefix: RegExp; scope: 'major' | 'none' | 'opensuse' }>> = {
  redhat: { ecosystem: 'Red Hat', prefix: /rhel|redhat|el/, scope: 'none' },
  rocky: { ecosystem: 'Rocky Linux', prefix: /rocky(?:linux)?/, scope: 'major' },
  almalinux: { ecosystem: 'AlmaLinux', prefix: /almalinux|alma/, scope: 'major' },
  suse: { ecosystem: 'SUSE', prefix: /sles|suse/, scope: 'none' },
  opensuse: { ecosystem: 'openSUSE', prefix: /opensuse/, scope: 'opensuse' },
  openeuler: { ecosystem: 'openEuler', prefix: /openeuler/, scope: 'none' },
  mageia: { ecosystem: 'Mageia', prefix: /mageia|mga/, scope: 'major' },
  azurelinux: { ecosystem: 'Azure Linux', prefix: /azurelinux|azl/, scope: 'major' },
  photon: { ecosystem: 'Photon OS', prefix: /photon/, scope: 'none' },
};

function ok(ecosystem: string, name: string, notes: string[] = [], extra: { version?: string; via?: string } = {}): EcosystemMapping {
  return { ok: true, package: { ecosystem, name }, notes, ...extra };
}

/**
 * The source package a deb purl's `upstream` qualifier names: `name` or `name@version` (syft's
 * spelling; the `@` is percent-encoded in the purl string). Null without the qualifier.
 */
export function debUpstream(purl: PackageUrl): { readonly name: string; readonly version: string | null } | null {
  const value = purl.type === 'deb' ? purl.qualifiers?.['upstream'] : undefined;
  if (value === undefined) return null;
  const at = value.indexOf('@');
  const name = (at === -1 ? value : value.slice(0, at)).trim().toLowerCase();
  const version = at === -1 ? '' : value.slice(at + 1).trim();
  return name === '' ? null : { name, version: version === '' ? null : version };
}

/** A source package known outside the purl (an SBOM component's `mamori:lockfile:source-package` and `-source-version` properties). */
export interface SourcePackage {
  readonly name: string;
  readonly version: string | null;
}

/** The source package of an SBOM component's properties (`mamori:lockfile:source-package`, `-source-version`), or null. */
export function sourcePackageOf(properties: readonly { readonly name: string; readonly value: string | null }[]): SourcePackage | null {
  const value = (key: string): string | null => {
    const v = properties.find((p) => p.name === key)?.value?.trim();
    return v ? v : null;
  };
  const name = value('mamori:lockfile:source-package');
  return name === null ? null : { name, version: value('mamori:lockfile:source-version') };
}

/**
 * A Go release (toolchain) version in the SemVer form of OSV's `stdlib` records, as x/vulndb
 * writes them: `go1.21.0`/`v1.21.0` → `1.21.0`, `1.20` → `1.20.0`, `1.21rc2` → `1.21.0-rc.2`.
 * Anything else is returned without its `go`/`v` prefix.
 */
export function goReleaseSemver(version: string): string {
  const bare = version.trim().replace(/^(?:go|v)/, '');
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(alpha|beta|rc)\.?(\d+))?$/.exec(bare);
  if (!m) return bare;
  return `${m[1]}.${m[2]}.${m[3] ?? '0'}${m[4] ? `-${m[4]}.${m[5]}` : ''}`;
}

function no(reason: string): EcosystemMapping {
  return { ok: false, reason };
}

function joined(p: PackageUrl, sep: string): string {
  return p.namespace === null ? p.name : `${p.namespace}${sep}${p.name}`;
}

/**
 * The OSV package of a parsed purl. `source`: the component's source package from elsewhere in the
 * SBOM, used for a deb purl without an `upstream` qualifier (the qualifier wins).
 */
export function osvPackageForPurl(purl: PackageUrl, source: SourcePackage | null = null): EcosystemMapping {
  const q = purl.qualifiers ?? {};
  const distro = q['distro'];
  switch (purl.type) {
    case 'npm':
      return ok('npm', joined(purl, '/'));
    case 'pypi':
      return ok('PyPI', pep503Name(purl.name));
    case 'maven':
      if (purl.namespace === null) return no('a maven purl needs a namespace (groupId) to form the OSV name groupId:artifactId');
      return ok('Maven', `${purl.namespace}:${purl.name}`);
    case 'golang':
      if (purl.namespace === null && purl.name === 'stdlib') {
        // The purl parser accepts no namespace only for this name (purl.ts).
        const version = purl.version === null ? null : goReleaseSemver(purl.version);
        return ok('Go', 'stdlib', [], version !== null && version !== purl.version ? { version, via: `Go release ${purl.version} compared as ${version}` } : {});
      }
      return ok('Go', joined(purl, '/'));
    case 'cargo':
      return ok('crates.io', purl.name);
    case 'gem':
      return ok('RubyGems', purl.name);
    case 'nuget':
      return ok('NuGet', purl.name);
    case 'composer':
      return ok('Packagist', joined(purl, '/'));
    case 'hex':
      return ok('Hex', purl.name);
    case 'pub':
      return ok('Pub', purl.name);
    case 'hackage':
      return ok('Hackage', purl.name);
    case 'cran':
      return ok('CRAN', purl.name);
    case 'julia':
      return ok('Julia', purl.name);
    case 'opam':
      return ok('opam', purl.name);
    case 'bitnami':
      return ok('Bitnami', purl.name);
    case 'conan':
      return ok('ConanCenter', purl.name, purl.namespace !== null ? [`the conan user "${purl.namespace}" is not part of the ConanCenter name`] : []);
    case 'swift':
      return ok('SwiftURL', joined(purl, '/'), ['SwiftURL names are Git URLs; the purl gives host/owner/repo without a scheme']);
    case 'githubactions':
      // Not a registered purl type; used by SBOM tools for workflow actions. OSV name: owner/repo.
      return ok('GitHub Actions', joined(purl, '/'));
    case 'vscode-extension':
      return ok('VSCode', joined(purl, '.'));
    case 'deb': {
      const ns = purl.namespace ?? '';
      const qualifier = debUpstream(purl);
      const property = source !== null && source.name.trim() !== '' ? { name: source.name.trim().toLowerCase(), version: source.version || null } : null;
      const upstream = qualifier ?? (property && (property.name !== purl.name || (property.version !== null && property.version !== purl.version)) ? property : null);
      const name = upstream?.name ?? purl.name;
      const version = upstream?.version ?? purl.version;
      const notes = upstream
        ? []
        : [`OSV Debian/Ubuntu names are source packages; without an "upstream" qualifier (or the SBOM's source package) the binary name ${purl.name} was looked up`];
      const extra: { version?: string; via?: string } = {};
      if (upstream) {
        const from = qualifier ? 'purl "upstream" qualifier' : 'the SBOM\'s source-package property';
        extra.via = `${purl.name}${purl.version ? ` ${purl.version}` : ''} is built from the source package ${name}${upstream.version ? ` ${upstream.version}` : ''} (${from}), the name OSV Debian/Ubuntu advisories use`;
        if (version !== null && version !== purl.version) extra.version = version;
      }
      if (ns === 'debian') {
        if (distro === undefined) return ok('Debian', name, [...notes, 'no "distro" qualifier: matched against every Debian release'], extra);
        const r = debianRelease(distro);
        return r ? ok(`Debian:${r}`, name, notes, extra) : ok('Debian', name, [...notes, `distro "${distro}" is not a known Debian release`], extra);
      }
      if (ns === 'ubuntu') {
        if (distro === undefined) return ok('Ubuntu', name, [...notes, 'no "distro" qualifier: matched against every Ubuntu release'], extra);
        const r = ubuntuRelease(distro);
        return r ? ok(`Ubuntu:${r}`, name, notes, extra) : ok('Ubuntu', name, [...notes, `distro "${distro}" is not a known Ubuntu release`], extra);
      }
      return no(`deb namespace "${ns}" has no OSV ecosystem (Debian and Ubuntu have)`);
    }
    case 'apk': {
      const ns = purl.namespace ?? '';
      if (ns === 'alpine') {
        const r = distro === undefined ? null : alpineRelease(distro);
        if (r === null) return ok('Alpine', purl.name, [`the OSV Alpine ecosystem needs a release; "distro" qualifier ${distro === undefined ? 'absent' : `"${distro}" not understood`}`]);
        return ok(`Alpine:${r}`, purl.name);
      }
      if (ns === 'wolfi') return ok('Wolfi', purl.name);
      if (ns === 'chainguard') return ok('Chainguard', purl.name);
      if (ns === 'minimos') return ok('MinimOS', purl.name);
      return no(`apk namespace "${ns}" has no OSV ecosystem (alpine, wolfi, chainguard and minimos have)`);
    }
    case 'rpm': {
      const ns = purl.namespace ?? '';
      const vendor = rpmVendors[ns === 'mariner' ? 'azurelinux' : ns];
      if (!vendor) return no(`rpm namespace "${ns}" has no OSV ecosystem`);
      if (distro === undefined) return ok(vendor.ecosystem, purl.name, ['no "distro" qualifier: matched against every release']);
      if (vendor.scope === 'major') {
        const r = majorRelease(distro, vendor.prefix);
        return r ? ok(`${vendor.ecosystem}:${r}`, purl.name) : ok(vendor.ecosystem, purl.name, [`distro "${distro}" not understood`]);
      }
      if (vendor.scope === 'opensuse') {
        const leap = /leap[-_ ]?(\d+\.\d+)/i.exec(distro);
        if (leap) return ok(`openSUSE:Leap ${leap[1]}`, purl.name);
        if (/tumbleweed/i.test(distro)) return ok('openSUSE:Tumbleweed', purl.name);
      }
      return ok(vendor.ecosystem, purl.name, [`the ${vendor.ecosystem} release cannot be derived from distro "${distro}"; matched against every release`]);
    }
    case 'github':
      return no('a github purl names a repository, not a package; GitHub Actions use the "githubactions" type and GIT ranges need the commit graph');
    case 'generic':
      return no('a generic purl has no package ecosystem; match it by CPE instead');
    default:
      return no(`purl type "${purl.type}" has no OSV ecosystem`);
  }
}

/** Parses a purl string and maps it; an unparseable purl gives the parser's reason. */
export function osvPackageForPurlString(text: string): EcosystemMapping {
  const p = parsePurl(text);
  return p.ok ? osvPackageForPurl(p.purl) : no(`not a valid purl: ${p.reason}`);
}

const ecosystemTypes: Readonly<Record<string, string>> = {
  npm: 'npm', PyPI: 'pypi', Maven: 'maven', Go: 'golang', 'crates.io': 'cargo', RubyGems: 'gem', NuGet: 'nuget', Packagist: 'composer', Hex: 'hex', Pub: 'pub', Hackage: 'hackage', CRAN: 'cran', Julia: 'julia', opam: 'opam', Bitnami: 'bitnami', ConanCenter: 'conan', SwiftURL: 'swift', 'GitHub Actions': 'githubactions', VSCode: 'vscode-extension',
};

/** A purl (canonical string) for an OSV package and version; the reverse of `osvPackageForPurl`. */
export function purlForOsvPackage(pkg: OsvPackageRef, version: string | null): { readonly ok: true; readonly purl: string } | { readonly ok: false; readonly reason: string } {
  const colon = pkg.ecosystem.indexOf(':');
  const base = colon === -1 ? pkg.ecosystem : pkg.ecosystem.slice(0, colon);
  const release = colon === -1 ? null : pkg.ecosystem.slice(colon + 1);
  let type = ecosystemTypes[base];
  let namespace: string | null = null;
  let name = pkg.name;
  const qualifiers: Record<string, string> = {};
  const splitLast = (sep: string): void => {
    const i = name.lastIndexOf(sep);
    if (i > 0) {
      namespace = name.slice(0, i);
      name = name.slice(i + 1);
    }
  };
  if (type) {
    if (base === 'Maven') splitLast(':');
    else if (base === 'VSCode') splitLast('.');
    else if (['npm', 'Go', 'Packagist', 'SwiftURL', 'GitHub Actions'].includes(base)) splitLast('/');
  } else if (base === 'Debian' || base === 'Ubuntu') {
    type = 'deb';
    namespace = base.toLowerCase();
    if (release) qualifiers['distro'] = `${namespace}-${release.replace(/:LTS$/, '').replace(/^Pro:/, '')}`;
  } else if (base === 'Alpine') {
    type = 'apk';
    namespace = 'alpine';
    if (release) qualifiers['distro'] = release.replace(/^v/, '');
  } else {
    const vendor = Object.entries(rpmVendors).find(([, v]) => v.ecosystem === base);
    if (!vendor) return { ok: false, reason: `the OSV ecosystem "${pkg.ecosystem}" has no purl type in mamori` };
    type = 'rpm';
    namespace = vendor[0];
    if (release && vendor[1].scope === 'major') qualifiers['distro'] = `${vendor[0]}-${release}`;
  }
  const built = buildPurl({ type, namespace, name, version, qualifiers });
  return built.ok ? { ok: true, purl: formatPurl(built.purl) } : { ok: false, reason: built.reason };
}
