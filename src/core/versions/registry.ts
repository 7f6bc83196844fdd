/**
 * From an OSV ecosystem name to its version scheme.
 *
 * Names are the OSV schema's ecosystem list (osv-schema `ecosystems.json`), matched exactly
 * (case-sensitive). A `:suffix` (a release, `Debian:12`, `Ubuntu:Pro:18.04:LTS`, `Alpine:v3.18`,
 * `Red Hat:rhel_aus:8.4::appstream`, `openSUSE:Leap 15.5`, or a repository URL,
 * `Maven:https://maven.google.com`) scopes the ecosystem and does not change its scheme. `Root`
 * names its base distribution or package manager in the suffix (`Root:Alpine:3.18`, `Root:PyPI`).
 *
 * Ecosystems without a known scheme, and names outside the OSV list, get the generic fallback
 * scheme; the answer says so (`fallback: true`, with the reason) so that a finding can say its
 * ordering is a best guess.
 */
import { alpine } from './alpine.js';
import { cran } from './cran.js';
import { debian } from './debian.js';
import { generic } from './generic.js';
import { go } from './go.js';
import { hackage } from './hackage.js';
import { maven } from './maven.js';
import { nuget } from './nuget.js';
import { opam } from './opam.js';
import { packagist } from './packagist.js';
import { pep440 } from './pep440.js';
import { pub } from './pub.js';
import { rpm } from './rpm.js';
import { rubygems } from './rubygems.js';
import type { VersionScheme } from './scheme.js';
import { npmSemver, semver } from './semver.js';

/** The ecosystems of the OSV schema (osv-schema ecosystems.json, 2026-07-01). */
export const osvEcosystems = [
  'AlmaLinux',
  'Alpaquita',
  'Alpine',
  'Android',
  'Azure Linux',
  'BellSoft Hardened Containers',
  'Bioconductor',
  'Bitnami',
  'Chainguard',
  'CleanStart',
  'ConanCenter',
  'CRAN',
  'crates.io',
  'Debian',
  'Docker Hardened Images',
  'Echo',
  'FreeBSD',
  'GHC',
  'GitHub Actions',
  'Go',
  'Hackage',
  'Hex',
  'Julia',
  'Kubernetes',
  'Linux',
  'Mageia',
  'Maven',
  'MinimOS',
  'npm',
  'NuGet',
  'opam',
  'openEuler',
  'openSUSE',
  'OSS-Fuzz',
  'Packagist',
  'Photon OS',
  'Pub',
  'PyPI',
  'Red Hat',
  'Rocky Linux',
  'Root',
  'RubyGems',
  'SUSE',
  'SwiftURL',
  'TuxCare',
  'Ubuntu',
  'VSCode',
  'Wolfi',
] as const;

export type OsvEcosystem = (typeof osvEcosystems)[number];

/**
 * The scheme of each ecosystem that has one. Ecosystems absent here (Android, Linux, OSS-Fuzz,
 * FreeBSD, TuxCare, Docker Hardened Images, CleanStart, Echo) either use GIT ranges in practice or
 * mix several schemes, and get the fallback.
 */
const schemes: Partial<Record<OsvEcosystem, VersionScheme>> = {
  // SemVer 2.0.0
  npm: npmSemver, // the same order; outside node-semver's grammar, the CLI refuses a version
  'crates.io': semver, // Cargo: https://doc.rust-lang.org/cargo/reference/semver.html
  Hex: semver, // Elixir Version: https://hexdocs.pm/elixir/Version.html
  SwiftURL: semver, // tags conforming to SemVer 2.0 (OSV schema)
  'GitHub Actions': semver, // release tags, SemVer by convention (GitHub Advisory Database)
  ConanCenter: semver, // Conan 2 Version: SemVer-like, compared as OSV does
  Bitnami: semver, // OSV: Bitnami vulndb uses SemVer
  Julia: semver, // Base.VersionNumber is SemVer 2.0.0
  VSCode: semver, // extension versions are major.minor.patch
  Go: go,
  Kubernetes: go, // Go module versions
  PyPI: pep440,
  Maven: maven,
  NuGet: nuget,
  Packagist: packagist,
  Pub: pub,
  RubyGems: rubygems,
  Hackage: hackage,
  GHC: hackage,
  CRAN: cran,
  Bioconductor: cran,
  opam: opam,
  Debian: debian,
  Ubuntu: debian,
  Alpine: alpine,
  Wolfi: alpine,
  Chainguard: alpine,
  MinimOS: alpine,
  Alpaquita: alpine,
  'BellSoft Hardened Containers': alpine,
  'Red Hat': rpm,
  AlmaLinux: rpm,
  'Rocky Linux': rpm,
  SUSE: rpm,
  openSUSE: rpm,
  openEuler: rpm,
  'Azure Linux': rpm,
  Mageia: rpm,
  'Photon OS': rpm,
};

/** `Root:<base>` suffixes naming a distribution or package manager. */
const rootBases: Record<string, OsvEcosystem> = { Alpine: 'Alpine', Debian: 'Debian', Ubuntu: 'Ubuntu' };

export interface SchemeLookup {
  /** The ecosystem string as given. */
  readonly ecosystem: string;
  /** The OSV ecosystem name before any `:` suffix (or the name it resolved to, for `Root:`). */
  readonly base: string;
  /** Whether the base name is in the OSV ecosystem list. */
  readonly known: boolean;
  readonly scheme: VersionScheme;
  /** True when the generic scheme was used because no scheme is known for the ecosystem. */
  readonly fallback: boolean;
  /** Why the fallback was used (null when it was not). */
  readonly reason: string | null;
}

function isOsvEcosystem(name: string): name is OsvEcosystem {
  return (osvEcosystems as readonly string[]).includes(name);
}

/**
 * The exact OSV name of an ecosystem given in any letter case (`pypi` → `PyPI`, `debian:12` →
 * `Debian:12`: the suffix is kept as given), or null when its base is not an OSV ecosystem. For
 * names people type; advisories carry the exact names.
 */
export function osvEcosystemName(given: string): string | null {
  const colon = given.indexOf(':');
  const base = (colon === -1 ? given : given.slice(0, colon)).toLowerCase();
  const exact = osvEcosystems.find((e) => e.toLowerCase() === base);
  return exact === undefined ? null : `${exact}${colon === -1 ? '' : given.slice(colon)}`;
}

/** Lookups by ecosystem string (they are immutable; a matcher asks once per advisory entry it evaluates). */
const lookups = new Map<string, SchemeLookup>();

/** The version scheme of an OSV ecosystem string, e.g. `Debian:12`, `PyPI`, `Ubuntu:22.04:LTS`. */
export function schemeForEcosystem(ecosystem: string): SchemeLookup {
  let hit = lookups.get(ecosystem);
  if (hit === undefined) {
    hit = Object.freeze(lookupScheme(ecosystem));
    if (lookups.size >= 10_000) lookups.clear();
    lookups.set(ecosystem, hit);
  }
  return hit;
}

function lookupScheme(ecosystem: string): SchemeLookup {
  const colon = ecosystem.indexOf(':');
  let base = colon === -1 ? ecosystem : ecosystem.slice(0, colon);
  if (base === 'Root' && colon !== -1) {
    const rest = ecosystem.slice(colon + 1);
    const inner = rest.split(':')[0]!;
    const resolved = rootBases[inner] ?? (isOsvEcosystem(inner) ? inner : undefined);
    if (resolved && schemes[resolved]) base = resolved;
  }
  if (!isOsvEcosystem(base)) {
    return { ecosystem, base, known: false, scheme: generic, fallback: true, reason: `"${base}" is not an OSV ecosystem; versions are ordered by the generic scheme` };
  }
  const scheme = schemes[base];
  if (!scheme) {
    return { ecosystem, base, known: true, scheme: generic, fallback: true, reason: `the OSV ecosystem "${base}" has no version scheme in mamori; versions are ordered by the generic scheme` };
  }
  return { ecosystem, base, known: true, scheme, fallback: false, reason: null };
}

/** Every scheme, by name (for documentation and tests). */
export const allSchemes: readonly VersionScheme[] = [semver, go, pep440, maven, nuget, packagist, pub, rubygems, hackage, cran, opam, debian, alpine, rpm, generic];
