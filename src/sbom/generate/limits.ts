/**
 * Limits applied to every lockfile before and while it is parsed (DESIGN.md: every parser has size,
 * depth and count limits). Exceeding the byte or depth limit fails the file; exceeding the package
 * limit keeps the first packages and warns.
 */
export interface LockfileLimits {
  /** Largest accepted file, in UTF-16 code units of its text (≈ bytes for lockfiles). */
  readonly maxBytes: number;
  /** Deepest accepted nesting of JSON/YAML/TOML structures. */
  readonly maxDepth: number;
  /** Most packages read from one file. */
  readonly maxPackages: number;
  /** Most YAML aliases expanded (billion-laughs guard). */
  readonly maxAliasCount: number;
}

export const defaultLockfileLimits: LockfileLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 64,
  maxPackages: 200_000,
  maxAliasCount: 16,
};
