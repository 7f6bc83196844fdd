/**
 * What every lockfile parser returns: the packages a lockfile or manifest pins, in the format's own
 * terms, before they become SBOM components (see generate-sbom.ts). Expected failures are values:
 * a parser never throws on bad input, it returns `{ ok: false, error }` (nothing usable) or
 * `{ ok: true, value }` with warnings for the parts it could not resolve.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import type { Hash } from '../../core/sbom/model.js';

/** OSV ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field), without release suffixes. */
export type Ecosystem =
  | 'npm'
  | 'PyPI'
  | 'crates.io'
  | 'Go'
  | 'RubyGems'
  | 'Packagist'
  | 'NuGet'
  | 'Pub'
  | 'Hex'
  | 'Maven'
  | 'Debian'
  | 'Alpine';

export interface LockfilePackage {
  readonly ecosystem: Ecosystem;
  /** The name as the ecosystem spells it (npm `@scope/name`, Maven `group:artifact`, Go module path). */
  readonly name: string;
  /** The pinned version as the lockfile writes it; null when the format pins none (git, path, malformed). */
  readonly version: string | null;
  /** Package URL built by purl.ts; null when no valid purl can be formed (local paths, missing name). */
  readonly purl: string | null;
  /**
   * Development-only, where the format says so (npm `dev`, yarn/pnpm `dev`, composer `packages-dev`,
   * Pipfile.lock `develop`, poetry `category = "dev"`, pubspec `direct dev`): true / false; null when
   * the format does not tell.
   */
  readonly dev: boolean | null;
  /** Optional dependency, where the format says so (npm/pnpm `optional`, poetry `optional`). */
  readonly optional: boolean;
  /** VCS commit the lockfile pins (git dependencies), or null. */
  readonly commit: string | null;
  /**
   * Hashes of the package's artefact the lockfile records (artifact-hash.ts): npm `integrity`, Cargo
   * `checksum`, Pipfile.lock / poetry.lock `hashes` / `files` (one per distribution file), composer
   * `dist.shasum`, pubspec `sha256`, Gemfile.lock `CHECKSUMS`, NuGet `contentHash`, mix.lock outer
   * checksum. Empty when the format records none.
   */
  readonly hashes: readonly Hash[];
  /**
   * The licence the lockfile states for the package (npm `license`, composer `license`), as written;
   * generate-sbom.ts makes it an SPDX expression when it is a valid one, else a licence name. Null
   * when the format says nothing.
   */
  readonly license: string | null;
  /** Distribution packages: the source package this binary package was built from (dpkg `Source`, apk `o:`). */
  readonly sourcePackage: { readonly name: string; readonly version: string | null } | null;
  /**
   * Direct dependencies, as purls of packages in the same result (only the ones the parser could
   * resolve inside the lockfile); empty when the format gives no graph.
   */
  readonly dependencies: readonly string[];
  /** Where in the file the package was read: a JSON pointer, a TOML/YAML key, or `line N`. */
  readonly location: string;
}

export interface LockfileContents {
  readonly packages: readonly LockfilePackage[];
  /** What could not be resolved (unpinned requirements, unknown entries, limits reached). */
  readonly warnings: readonly SbomDiagnostic[];
  /**
   * The project the lockfile belongs to, when the format tells (package-lock root `name`, go.mod
   * `module`), with its direct dependencies as purls when the format lists them.
   */
  readonly project: LockfileProject | null;
  /** Entries named but not pinned to one version (requirements `flask>=2`, editable installs); never guessed. */
  readonly unresolved: readonly UnresolvedPackage[];
  /** Other files this one includes (requirements `-r other.txt`), as written, relative to this file. */
  readonly references: readonly string[];
}

export interface UnresolvedPackage {
  readonly name: string;
  /** What the file says instead of a pinned version (`>=2.0`, `-e ./pkg`, a URL, or '' for nothing). */
  readonly specifier: string;
  readonly location: string;
}

export interface LockfileProject {
  readonly name: string | null;
  readonly version: string | null;
  readonly dependencies: readonly string[];
}

/** Stable codes of lockfile failures. */
export type LockfileErrorCode =
  | 'lockfile.invalid'
  | 'lockfile.unsupported'
  | 'lockfile.too_large'
  | 'lockfile.too_deep'
  | 'lockfile.not_found'
  | 'lockfile.unreadable';

export interface LockfileError {
  readonly code: LockfileErrorCode;
  readonly message: string;
}

export type LockfileResult =
  | { readonly ok: true; readonly value: LockfileContents }
  | { readonly ok: false; readonly error: LockfileError };

/** The signature every parser has: the file text and its name (used only in messages). */
export type LockfileParser = (text: string, fileName?: string) => LockfileResult;

export function parsed(
  packages: readonly LockfilePackage[],
  warnings: readonly SbomDiagnostic[] = [],
  project: LockfileContents['project'] = null,
  more: Partial<Pick<LockfileContents, 'unresolved' | 'references'>> = {},
): LockfileResult {
  return { ok: true, value: { packages, warnings, project, unresolved: more.unresolved ?? [], references: more.references ?? [] } };
}

export function failed(code: LockfileErrorCode, message: string): LockfileResult {
  return { ok: false, error: { code, message } };
}

export function warning(code: string, location: string, message: string, rule: string | null = null): SbomDiagnostic {
  return { severity: 'warning', code, location, message, rule };
}

/** A package with the defaults filled in; parsers set what their format says. */
export function lockfilePackage(
  fields: Pick<LockfilePackage, 'ecosystem' | 'name' | 'version' | 'purl' | 'location'> & Partial<LockfilePackage>,
): LockfilePackage {
  return { dev: null, optional: false, commit: null, hashes: [], license: null, sourcePackage: null, dependencies: [], ...fields };
}
