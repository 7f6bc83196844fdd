/**
 * Bundler `Gemfile.lock` (bundler's Bundler::LockfileParser,
 * https://github.com/rubygems/rubygems/blob/master/bundler/lib/bundler/lockfile_parser.rb). Source sections (`GEM`, `GIT`, `PATH`, `PLUGIN SOURCE`) list `specs:` as
 * `    name (version[-platform])` with their dependencies indented below as `      name (req)`.
 * `GIT` sections pin a `revision:` (the commit). `PLATFORMS`, `DEPENDENCIES`, `RUBY VERSION`,
 * `BUNDLED WITH` do not add packages. The platform suffix (`-x86_64-linux`, `-java`) is not part
 * of the gem version (RubyGems versions contain no `-`) and is dropped. The `CHECKSUMS` section
 * (Bundler 2.5+) gives `name (version[-platform]) sha256=<hex>`, the hash of that .gem file.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import type { Hash } from '../../core/sbom/model.js';
import { prefixedHash, uniqueHashes } from './artifact-hash.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { readLines } from './structured-text.js';

const sourceSections = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
/** Every section Bundler writes; a file with none of them is not a Gemfile.lock. */
const knownSections = new Set([...sourceSections, 'PLATFORMS', 'DEPENDENCIES', 'RUBY VERSION', 'BUNDLED WITH', 'CHECKSUMS']);

export function parseGemfileLock(source: string, fileName = 'Gemfile.lock', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const lines = readLines(source, limits);
  if (lines === null) return failed('lockfile.too_large', `${fileName} is larger than ${limits.maxBytes} bytes`);
  const read: { key: string; pkg: LockfilePackage; deps: string[] }[] = [];
  const checksums = new Map<string, Hash[]>();
  const warnings: SbomDiagnostic[] = [];
  let section: string | null = null;
  let revision: string | null = null;
  let inSpecs = false;
  let current: { key: string; pkg: LockfilePackage; deps: string[] } | null = null;
  let content = false;
  let sections = 0;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    content = true;
    if (indent === 0) {
      if (knownSections.has(line)) sections++;
      section = line;
      revision = null;
      inSpecs = false;
      current = null;
      return;
    }
    if (section === 'CHECKSUMS' && indent === 2) {
      // `  name (version[-platform]) sha256=<hex>[,<alg>=<hex>…]` (Bundler 2.5+).
      const c = /^(\S+ \([^)]*\))(?:\s+(\S+))?$/.exec(line);
      if (c?.[2]) checksums.set(c[1]!, uniqueHashes(c[2].split(',').map((v) => prefixedHash(v))));
      return;
    }
    if (section === null || !sourceSections.has(section)) return;
    if (indent === 2) {
      inSpecs = line === 'specs:';
      const rev = /^revision:\s*(\S+)/.exec(line);
      if (rev) revision = rev[1]!;
      return;
    }
    if (!inSpecs) return;
    const m = /^(\S+)(?:\s+\(([^)]*)\))?$/.exec(line);
    if (!m) {
      warnings.push(warning('gemfile.syntax', `${fileName} line ${i + 1}`, `cannot read ${JSON.stringify(line)}`));
      return;
    }
    if (indent === 4) {
      if (read.length >= limits.maxPackages) return;
      const name = m[1]!;
      const version = m[2] ? m[2].split('-')[0]! : null;
      current = {
        key: `${name} (${m[2] ?? ''})`,
        deps: [],
        pkg: lockfilePackage({
          ecosystem: 'RubyGems',
          name,
          version,
          purl: packagePurl('RubyGems', name, version),
          commit: section === 'GIT' ? revision : null,
          location: `${fileName} line ${i + 1}`,
        }),
      };
      read.push(current);
    } else if (indent === 6 && current !== null) (current as { deps: string[] }).deps.push(m[1]!);
  });
  if (content && sections === 0)
    return failed('lockfile.invalid', `${fileName}: no Gemfile.lock section (GEM, GIT, PATH, PLATFORMS, DEPENDENCIES …) found; the file is not a Gemfile.lock or is damaged`);
  const byName = new Map(read.map(({ pkg }) => [pkg.name, pkg.purl]));
  const packages = read.map(({ key, pkg, deps }) => ({
    ...pkg,
    hashes: checksums.get(key) ?? [],
    dependencies: [...new Set(deps.map((d) => byName.get(d) ?? null).filter((p): p is string => p !== null))],
  }));
  return parsed(packages, warnings);
}
