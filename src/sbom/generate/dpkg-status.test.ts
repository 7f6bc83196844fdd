import { describe, expect, it } from 'vitest';
import { debVendor, parseDpkgStatus } from './dpkg-status.js';

const status = `Package: base-files
Status: install ok installed
Architecture: amd64
Version: 12.4+deb12u5

Package: bsdutils
Status: install ok installed
Architecture: amd64
Source: util-linux (2.36.1-8+deb11u1)
Version: 1:2.36.1-8+deb11u1
Depends: libc6 (>= 2.17), base-files
Description: basic utilities
 continued description line

Package: libc6
Status: deinstall ok config-files
Version: 2.31-13+deb11u5
`;

describe('parseDpkgStatus', () => {
  it('reads installed packages with epochs, source packages, arch and distro', () => {
    const r = parseDpkgStatus(status);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.name, p.version, p.purl, p.sourcePackage])).toEqual([
      ['base-files', '12.4+deb12u5', 'pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12', { name: 'base-files', version: '12.4+deb12u5' }],
      [
        'bsdutils',
        '1:2.36.1-8+deb11u1',
        'pkg:deb/debian/bsdutils@1:2.36.1-8%2Bdeb11u1?arch=amd64&distro=debian-12&upstream=util-linux%402.36.1-8%2Bdeb11u1',
        { name: 'util-linux', version: '2.36.1-8+deb11u1' },
      ],
    ]);
    expect(r.value.packages[1]!.dependencies).toEqual(['pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12']);
    const given = parseDpkgStatus(status, 'status', { distro: 'bookworm' });
    expect(given.ok && given.value.packages[0]!.purl).toBe('pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=bookworm');
  });

  it('names the vendor from os-release ID, then ID_LIKE, then an Ubuntu base-files version', () => {
    const ubuntu = 'Package: base-files\nStatus: install ok installed\nArchitecture: amd64\nVersion: 12ubuntu4.6\n\nPackage: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.1-6ubuntu1.1\n';
    const purls = (options: Parameters<typeof parseDpkgStatus>[2]) => {
      const r = parseDpkgStatus(ubuntu, 'status', options);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.packages[1]!.purl;
    };
    expect(purls({ distro: 'ubuntu-22.04', osRelease: { id: 'ubuntu', idLike: ['debian'], versionId: '22.04' } })).toBe('pkg:deb/ubuntu/bash@5.1-6ubuntu1.1?arch=amd64&distro=ubuntu-22.04');
    expect(purls({ distro: 'linuxmint-21.2', osRelease: { id: 'linuxmint', idLike: ['ubuntu', 'debian'], versionId: '21.2' } })).toBe('pkg:deb/ubuntu/bash@5.1-6ubuntu1.1?arch=amd64&distro=linuxmint-21.2');
    expect(purls({ osRelease: { id: 'raspbian', idLike: ['debian'], versionId: '11' }, distro: 'raspbian-11' })).toBe('pkg:deb/debian/bash@5.1-6ubuntu1.1?arch=amd64&distro=raspbian-11');
    // No os-release: an Ubuntu base-files version says Ubuntu (with no release: it is not a release number).
    expect(purls({})).toBe('pkg:deb/ubuntu/bash@5.1-6ubuntu1.1?arch=amd64');
    expect(debVendor(null, '12.4+deb12u5')).toBe('debian');
    expect(debVendor(null, null)).toBe('debian');
  });

  it('writes the source package as the upstream qualifier only when dpkg records a Source field (syft convention)', () => {
    const r = parseDpkgStatus(
      [
        'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u4',
        'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl (3.0.11-1~deb12u2)\nVersion: 3.0.11-1~deb12u2+b1',
        'Package: openssl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 3.0.11-1~deb12u2',
      ].join('\n\n'),
      'status',
      { distro: 'debian-12' },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => p.purl)).toEqual([
      'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc',
      'pkg:deb/debian/libssl3@3.0.11-1~deb12u2%2Bb1?arch=amd64&distro=debian-12&upstream=openssl%403.0.11-1~deb12u2',
      'pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12',
    ]);
  });

  it('resolves dependencies to the same architecture on multi-arch systems (all and unqualified to the native one)', () => {
    const pkg = (name: string, arch: string, more = '') => `Package: ${name}\nStatus: install ok installed\nArchitecture: ${arch}\nVersion: 1\n${more}`;
    const r = parseDpkgStatus(
      [
        pkg('dpkg', 'amd64'),
        pkg('libc6', 'amd64'),
        pkg('libc6', 'i386'),
        pkg('bash', 'amd64', 'Pre-Depends: libc6 (>= 2.36)'),
        pkg('wine32', 'i386', 'Depends: libc6 (>= 2.36)'),
        pkg('tzdata', 'all', 'Depends: libc6'),
        pkg('cross', 'amd64', 'Depends: libc6:i386'),
        pkg('anyarch', 'i386', 'Depends: dpkg:any'),
        pkg('perl-base', 'all'),
        pkg('libperl', 'i386', 'Depends: perl-base'),
      ].join('\n\n'),
    );
    if (!r.ok) throw new Error(r.error.message);
    const deps = Object.fromEntries(r.value.packages.map((p) => [`${p.name}:${/arch=(\w+)/.exec(p.purl!)![1]}`, p.dependencies.map((d) => /deb\/debian\/([^@]+)@1\?arch=(\w+)/.exec(d)!.slice(1).join(':'))]));
    expect(deps).toMatchObject({
      'bash:amd64': ['libc6:amd64'],
      'wine32:i386': ['libc6:i386'],
      'tzdata:all': ['libc6:amd64'],
      'cross:amd64': ['libc6:i386'],
      'anyarch:i386': ['dpkg:amd64'],
      'libperl:i386': ['perl-base:all'],
    });
  });

  it('keeps what it can from malformed paragraphs and says why', () => {
    const r = parseDpkgStatus('Malformed\n\nPackage: bash\nStatus: install ok installed\n\nStatus: install ok installed\nSource: util-linux\nVersion: 1\n\nStatus: bad\n');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['bash@null', 'util-linux@1']);
    expect(r.value.warnings.map((w) => w.code)).toEqual(['package.incomplete', 'package.incomplete']);
  });
});
