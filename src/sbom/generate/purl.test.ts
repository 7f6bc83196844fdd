/**
 * buildPurl against the purl-spec test suite (../shared/conformance/purl-spec/tests/types), every
 * `build` case of every type mamori's lockfile parsers emit, plus fixed rows for when the suite is
 * absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPurl, type PurlType } from './purl.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const suite = path.resolve(repoRoot, '..', 'shared', 'conformance', 'purl-spec', 'tests', 'types');
const types: readonly PurlType[] = ['npm', 'pypi', 'cargo', 'golang', 'gem', 'composer', 'nuget', 'pub', 'hex', 'maven', 'deb', 'apk'];

interface BuildCase {
  readonly description: string;
  readonly test_type: string;
  readonly input: { type: string; namespace: string | null; name: string; version: string | null; qualifiers: Record<string, string> | null; subpath: string | null };
  readonly expected_output: string | null;
  readonly expected_failure: boolean;
}

describe('buildPurl', () => {
  it('writes the canonical form for fixed rows', () => {
    expect(buildPurl({ type: 'npm', namespace: '@angular', name: 'core', version: '1.0.0' })).toBe('pkg:npm/%40angular/core@1.0.0');
    expect(buildPurl({ type: 'deb', namespace: 'debian', name: 'attr', version: '1:2.4.47-2+b1', qualifiers: { arch: 'amd64' } })).toBe(
      'pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64',
    );
    expect(buildPurl({ type: 'pypi', name: 'Django_Foo', version: '1.0' })).toBe('pkg:pypi/django-foo@1.0');
    expect(buildPurl({ type: 'golang', namespace: 'github.com/x', name: 'y', version: 'v2.0.0+incompatible' })).toBe(
      'pkg:golang/github.com/x/y@v2.0.0%2Bincompatible',
    );
    expect(buildPurl({ type: 'npm', name: '' })).toBeNull();
  });

  for (const type of types) {
    const file = path.join(suite, `${type}-test.json`);
    it.skipIf(!existsSync(file))(`passes the purl-spec build cases for ${type}`, () => {
      const cases = (JSON.parse(readFileSync(file, 'utf8')) as { tests: BuildCase[] }).tests.filter((c) => c.test_type === 'build');
      const failures: string[] = [];
      for (const c of cases) {
        const got = buildPurl({ ...c.input, type: c.input.type as PurlType });
        const want = c.expected_failure ? null : c.expected_output;
        if (got !== want) failures.push(`${c.description}: got ${got}, want ${want}`);
      }
      expect(failures, `${cases.length - failures.length}/${cases.length} passed`).toEqual([]);
    });
  }
});
