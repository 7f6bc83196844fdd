import { describe, expect, it } from 'vitest';
import { parseRequirementsTree, parseRequirementsTxt } from './requirements-txt.js';

describe('parseRequirementsTxt', () => {
  it('adds only exact pins and reports everything else as unresolved', () => {
    const r = parseRequirementsTxt(
      [
        'Django==2.2.24  # pinned',
        'zope.interface===5.4.0 ; python_version >= "3"',
        'Twisted[http2] == 20.3.0 --hash=sha256:abc',
        'flask',
        'keyring>=4.1.1',
        'numpy==1.*',
        'requests>=2,<3',
        '-e ./local',
        './downloads/numpy-1.9.2-cp34-none-win32.whl',
        'pkg @ https://example.com/pkg.zip',
        '-r other.txt',
        '-c constraints.txt',
        '--index-url https://pypi.org/simple',
        'foo==\\',
        '  1.2.3',
      ].join('\n'),
    );
    if (!r.ok) throw new Error(r.error.message);
    // Names as written; purls per the purl spec's pypi type: lower case, `_` → `-`, dots kept.
    expect(r.value.packages.map((p) => [p.name, p.purl])).toEqual([
      ['Django', 'pkg:pypi/django@2.2.24'],
      ['zope.interface', 'pkg:pypi/zope.interface@5.4.0'],
      ['Twisted', 'pkg:pypi/twisted@20.3.0'],
      ['foo', 'pkg:pypi/foo@1.2.3'],
    ]);
    expect(r.value.unresolved.map((u) => u.name)).toEqual(['flask', 'keyring', 'numpy', 'requests', './local', './downloads/numpy-1.9.2-cp34-none-win32.whl', 'pkg']);
    expect(r.value.warnings.every((w) => w.code === 'requirement.unpinned')).toBe(true);
    expect(r.value.references).toEqual(['other.txt']);
  });

  it('follows -r includes once, relative to the including file', () => {
    const files: Record<string, string> = {
      'a/requirements.txt': '-r ../b.txt\n-r requirements.txt\nx==1',
      'b.txt': '-r a/requirements.txt\ny==2',
    };
    const r = parseRequirementsTree('a/requirements.txt', { read: (p) => files[p] ?? null });
    expect(r.ok && r.value.packages.map((p) => p.name)).toEqual(['x', 'y']);
    expect(parseRequirementsTree('a/requirements.txt', { read: (p) => (p === 'b.txt' ? null : (files[p] ?? null)) })).toMatchObject({
      ok: false,
      error: { code: 'lockfile.not_found' },
    });
    const warned = parseRequirementsTree('a/requirements.txt', { read: (p) => (p === 'b.txt' ? null : (files[p] ?? null)), onMissing: 'warn' });
    expect(warned.ok && warned.value.warnings.map((w) => w.code)).toEqual(['file.missing']);
  });

  it('never throws on odd input', () => {
    // Nothing in it is a requirement: refused, as pip refuses it ("Invalid requirement").
    expect(parseRequirementsTxt('\\\n\\\n==\n[]\n=== \n')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    // One line that is no requirement among good ones: left out with a warning.
    const mixed = parseRequirementsTxt('requests==2.31.0\nthis is not [a requirement\n');
    expect(mixed.ok && mixed.value.packages.map((p) => p.name)).toEqual(['requests']);
    expect(mixed.ok && mixed.value.warnings.map((w) => [w.code, w.location])).toEqual([['requirement.syntax', 'requirements.txt line 2']]);
    expect(parseRequirementsTxt('x', 'r.txt', { maxBytes: 0, maxDepth: 1, maxPackages: 1, maxAliasCount: 1 })).toMatchObject({ ok: false });
  });
});
