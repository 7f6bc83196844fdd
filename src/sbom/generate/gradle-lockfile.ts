/**
 * Gradle dependency locking files `gradle.lockfile` and `buildscript-gradle.lockfile`
 * (https://docs.gradle.org/current/userguide/dependency_locking.html): one
 * `group:artifact:version=configuration,…` line per module, `#` comments and a final
 * `empty=…` line naming configurations without dependencies. A module locked only for test
 * configurations (`test…`) is dev; buildscript lockfiles lock build tooling, also dev.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { defaultLockfileLimits, type LockfileLimits } from './limits.js';
import { failed, lockfilePackage, parsed, warning, type LockfilePackage, type LockfileResult } from './lockfile-package.js';
import { packagePurl } from './package-purl.js';
import { readLines } from './structured-text.js';

const linePattern = /^([^:\s=]+):([^:\s=]+):([^:\s=]+)=(.*)$/;

export function parseGradleLockfile(source: string, fileName = 'gradle.lockfile', limits: LockfileLimits = defaultLockfileLimits): LockfileResult {
  const lines = readLines(source, limits);
  if (lines === null) return failed('lockfile.too_large', `${fileName} is larger than ${limits.maxBytes} bytes`);
  const buildscript = fileName.endsWith('buildscript-gradle.lockfile');
  const packages: LockfilePackage[] = [];
  const warnings: SbomDiagnostic[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('empty=')) return;
    const location = `${fileName} line ${i + 1}`;
    const m = linePattern.exec(line);
    if (!m) {
      warnings.push(warning('gradle.syntax', location, `cannot read ${JSON.stringify(line.slice(0, 80))}`));
      return;
    }
    if (packages.length >= limits.maxPackages) return;
    const name = `${m[1]}:${m[2]}`;
    const version = m[3]!;
    const configurations = m[4]!.split(',').map((c) => c.trim()).filter((c) => c !== '');
    const testOnly = configurations.length > 0 && configurations.every((c) => /^test[A-Z]/.test(c));
    packages.push(
      lockfilePackage({ ecosystem: 'Maven', name, version, purl: packagePurl('Maven', name, version), dev: buildscript || testOnly, location }),
    );
  });
  if (packages.length === 0 && warnings.some((w) => w.code === 'gradle.syntax'))
    return failed('lockfile.invalid', `${fileName}: no \`group:artifact:version=configurations\` line could be read; the file is not a Gradle lockfile or is damaged`);
  return parsed(packages, warnings);
}
