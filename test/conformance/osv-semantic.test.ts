/**
 * OSV's semantic version fixtures (google/osv-scalibr semantic/testdata, see
 * ../shared/conformance/SOURCES.md): every `A <op> B` line must hold for the ecosystem's scheme in
 * both directions, compare(A, B) = op and compare(B, A) = -op. The ecosystem → file mapping is the
 * one of osv-scalibr's compare_test.go.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { schemeForEcosystem } from '../../src/core/versions/registry.js';
import type { Ordering, VersionScheme } from '../../src/core/versions/scheme.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.resolve(repoRoot, '..', 'shared', 'conformance', 'osv-semantic', 'semantic', 'testdata');
const present = existsSync(dir);
const inCi = process.env.CI === 'true';

const cases: readonly (readonly [ecosystem: string, file: string])[] = [
  ['npm', 'semver-versions.txt'],
  ['crates.io', 'semver-versions.txt'],
  ['Go', 'semver-versions.txt'],
  ['Hex', 'semver-versions.txt'],
  ['RubyGems', 'rubygems-versions.txt'],
  ['RubyGems', 'rubygems-versions-generated.txt'],
  ['NuGet', 'nuget-versions.txt'],
  ['Packagist', 'packagist-versions.txt'],
  ['Packagist', 'packagist-versions-generated.txt'],
  ['Maven', 'maven-versions.txt'],
  ['Maven', 'maven-versions-generated.txt'],
  ['PyPI', 'pypi-versions.txt'],
  ['PyPI', 'pypi-versions-generated.txt'],
  ['Debian', 'debian-versions.txt'],
  ['Debian', 'debian-versions-generated.txt'],
  ['Ubuntu:22.04:LTS', 'debian-versions.txt'],
  ['CRAN', 'cran-versions.txt'],
  ['CRAN', 'cran-versions-generated.txt'],
  ['Alpine:v3.18', 'alpine-versions.txt'],
  ['Alpine:v3.18', 'alpine-versions-generated.txt'],
  ['Red Hat', 'redhat-versions.txt'],
  ['Rocky Linux:9', 'redhat-versions.txt'],
  ['Hackage', 'hackage-versions.txt'],
  ['Pub', 'pub-versions.txt'],
];

const ops: Record<string, Ordering> = { '<': -1, '=': 0, '>': 1 };

/** Checks every line of a fixture; returns the failures as readable strings and the line count. */
function checkFixture(scheme: VersionScheme, text: string): { lines: number; failures: string[] } {
  const failures: string[] = [];
  let lines = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//')) return;
    lines++;
    const m = /^(\S+) ([<=>]) (\S+)$/.exec(line);
    if (!m) {
      failures.push(`line ${index + 1}: cannot read "${line}"`);
      return;
    }
    const [, a, op, b] = m as unknown as [string, string, string, string];
    const pa = scheme.parse(a);
    const pb = scheme.parse(b);
    if (!pa.ok || !pb.ok) {
      failures.push(`line ${index + 1}: ${line}: invalid ${!pa.ok ? a : b} (${(!pa.ok ? pa : (pb as { error: { reason: string } })).error.reason})`);
      return;
    }
    const want = ops[op]!;
    const forward = scheme.compare(pa.value, pb.value);
    const backward = scheme.compare(pb.value, pa.value);
    if (forward !== want || backward !== -want) failures.push(`line ${index + 1}: ${line}: compare gave ${forward}, reverse ${backward}`);
  });
  return { lines, failures };
}

describe('OSV semantic version fixtures (osv-scalibr semantic/testdata)', () => {
  if (!present) {
    it('needs ../shared/conformance/osv-semantic', () => {
      if (inCi) expect.fail(`conformance data missing: ${dir}`);
      console.warn(`skipping OSV semantic fixtures: ${dir} is absent`);
    });
    return;
  }
  for (const [ecosystem, file] of cases) {
    it(`${ecosystem}: ${file}`, () => {
      const lookup = schemeForEcosystem(ecosystem);
      expect(lookup.fallback, `${ecosystem} should have a scheme`).toBe(false);
      const { lines, failures } = checkFixture(lookup.scheme, readFileSync(path.join(dir, file), 'utf8'));
      expect(lines).toBeGreaterThan(0);
      expect(failures.length, `${failures.length} of ${lines} lines fail:\n${failures.slice(0, 20).join('\n')}`).toBe(0);
    });
  }
});
