/**
 * Elixir Mix `mix.lock`: an Elixir map literal, one entry per line, read with patterns rather than
 * evaluated (mix.lock is code; it is never executed):
 *
 * - `"app": {:hex, :package, "1.2.3", "<hash>", [:mix], [{:dep, "~> 1.0", [hex: :dep, …]}, …], "hexpm", "<hash>"}`
 *   → Hex package `package` (the Hex name, which may differ from the app key) at `1.2.3`, with the
 *   outer checksum (the last string, mix 1.11+: SHA-256 of the tarball) as its hash;
 * - `"app": {:git, "https://…", "<commit>", [opts]}` → the app with its commit and no version.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { hexHash } from './artifact-hash.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { readLines } from './structured-text.js';

const hexEntry = /^\s*"([^"]+)":\s*\{:hex,\s*:"?([^,"]+)"?,\s*"([^"]+)",\s*"[^"]*",\s*\[[^\]]*\],\s*\[(.*)\],\s*"[^"]*"(?:,\s*"([0-9A-Fa-f]*)")?/;
const hexHead = /^\s*"([^"]+)":\s*\{:hex,\s*:"?([^,"]+)"?,\s*"([^"]+)"/;
const gitEntry = /^\s*"([^"]+)":\s*\{:git,\s*"([^"]+)",\s*"([0-9a-f]{7,40})"/;
const depPattern = /\{:"?([A-Za-z0-9_]+)"?,/g;

export function parseMixLock(source: string, fileName = 'mix.lock', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const lines = readLines(source, limits);
  if (lines === null) return failed('lockfile.too_large', `${fileName} is larger than ${limits.maxBytes} bytes`);
  // mix.lock is one Elixir map literal: `%{` first (an empty file is an empty lock).
  if (source.trim() !== '' && !source.trimStart().startsWith('%{'))
    return failed('lockfile.invalid', `${fileName}: not an Elixir map (a mix.lock starts with "%{"); the file is not a mix.lock or is damaged`);
  const read: { app: string; pkg: LockfilePackage; deps: string[] }[] = [];
  const warnings: SbomDiagnostic[] = [];
  lines.forEach((line, i) => {
    const location = `${fileName} line ${i + 1}`;
    if (read.length >= limits.maxPackages) return;
    const hex = hexEntry.exec(line) ?? hexHead.exec(line);
    if (hex) {
      const name = hex[2]!;
      const version = hex[3]!;
      const deps = hex[4] ? [...hex[4].matchAll(depPattern)].map((m) => m[1]!) : [];
      // The outer checksum (group 5) is the SHA-256 of the package tarball; the inner one hashes its contents only.
      const hashes = [hexHash('sha256', hex[5] ?? null)].filter((h) => h !== null);
      read.push({ app: hex[1]!, deps, pkg: lockfilePackage({ ecosystem: 'Hex', name, version, purl: packagePurl('Hex', name, version), hashes, location }) });
      return;
    }
    const git = gitEntry.exec(line);
    if (git) {
      read.push({ app: git[1]!, deps: [], pkg: lockfilePackage({ ecosystem: 'Hex', name: git[1]!, version: null, purl: packagePurl('Hex', git[1]!, null), commit: git[3]!, location }) });
      return;
    }
    const t = line.trim();
    if (/^"[^"]+":/.test(t)) warnings.push(warning('mix.unrecognised', location, `cannot read the mix.lock entry ${JSON.stringify(t.slice(0, 80))}`));
  });
  const byApp = new Map(read.map(({ app, pkg }) => [app, pkg.purl]));
  const packages = read.map(({ pkg, deps }) => ({
    ...pkg,
    dependencies: [...new Set(deps.map((d) => byApp.get(d) ?? null).filter((p): p is string => p !== null))],
  }));
  return parsed(packages, warnings);
}
