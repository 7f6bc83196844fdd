import { describe, expect, it } from 'vitest';
import { parseDpkgStatus } from './dpkg-status.js';

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
        'pkg:deb/debian/bsdutils@1:2.36.1-8%2Bdeb11u1?arch=amd64&distro=debian-12',
        { name: 'util-linux', version: '2.36.1-8+deb11u1' },
      ],
    ]);
    expect(r.value.packages[1]!.dependencies).toEqual(['pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12']);
    const given = parseDpkgStatus(status, 'status', { distro: 'bookworm' });
    expect(given.ok && given.value.packages[0]!.purl).toBe('pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=bookworm');
  });

  it('keeps what it can from malformed paragraphs and says why', () => {
    const r = parseDpkgStatus('Malformed\n\nPackage: bash\nStatus: install ok installed\n\nStatus: install ok installed\nSource: util-linux\nVersion: 1\n\nStatus: bad\n');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['bash@null', 'util-linux@1']);
    expect(r.value.warnings.map((w) => w.code)).toEqual(['package.incomplete', 'package.incomplete']);
  });
});
