import { describe, expect, it } from 'vitest';
import { parsePurl } from './purl.js';
import { goReleaseSemver, osvPackageForPurl, osvPackageForPurlString, pep503Name, purlForOsvPackage, sourcePackageOf } from './osv-ecosystem.js';

// [source, purl, OSV ecosystem, OSV name] — ecosystem names from osv-schema docs/schema.md "Defined ecosystems"
const rows: [string, string, string, string][] = [
  ['npm: scoped name (leitwacht LWA records)', 'pkg:npm/%40angular/core@1.0.0', 'npm', '@angular/core'],
  ['PyPI: PEP 503 normalised name', 'pkg:pypi/Zope.Interface@5.0', 'PyPI', 'zope-interface'],
  ['Maven: groupId:artifactId', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', 'Maven', 'org.apache.logging.log4j:log4j-core'],
  ['Go: module path (GO-2020-0001 github.com/gin-gonic/gin)', 'pkg:golang/github.com/gin-gonic/gin@v1.5.0', 'Go', 'github.com/gin-gonic/gin'],
  ['crates.io (RUSTSEC records)', 'pkg:cargo/smallvec@1.6.0', 'crates.io', 'smallvec'],
  ['RubyGems (rubysec)', 'pkg:gem/nokogiri@1.13.0', 'RubyGems', 'nokogiri'],
  ['NuGet', 'pkg:nuget/Newtonsoft.Json@12.0.1', 'NuGet', 'Newtonsoft.Json'],
  ['Packagist: vendor/name', 'pkg:composer/laravel/framework@8.0.0', 'Packagist', 'laravel/framework'],
  ['Hex', 'pkg:hex/plug@1.0.0', 'Hex', 'plug'],
  ['Pub', 'pkg:pub/http@0.13.0', 'Pub', 'http'],
  ['Hackage (HSEC records)', 'pkg:hackage/aeson@2.0.0.0', 'Hackage', 'aeson'],
  ['CRAN (RSEC records)', 'pkg:cran/commonmark@1.8', 'CRAN', 'commonmark'],
  ['Debian: distro codename → release number', 'pkg:deb/debian/openssl@3.0.11-1?distro=bookworm', 'Debian:12', 'openssl'],
  ['Debian: distro debian-11', 'pkg:deb/debian/openssl@1.1.1?distro=debian-11', 'Debian:11', 'openssl'],
  ['Ubuntu: LTS suffix required by the schema', 'pkg:deb/ubuntu/openssl@3.0.2?distro=ubuntu-22.04', 'Ubuntu:22.04:LTS', 'openssl'],
  ['Debian: source package from the upstream qualifier (syft)', 'pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12&upstream=glibc', 'Debian:12', 'glibc'],
  ['Ubuntu: source name@version upstream qualifier (syft)', 'pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.15?distro=ubuntu-22.04&upstream=openssl%403.0.2-0ubuntu1.15', 'Ubuntu:22.04:LTS', 'openssl'],
  ['Go standard library (syft, osv-scanner)', 'pkg:golang/stdlib@1.21.0', 'Go', 'stdlib'],
  ['Alpine: v-prefixed release branch', 'pkg:apk/alpine/openssl@3.1.4-r0?distro=alpine-3.18.4', 'Alpine:v3.18', 'openssl'],
  ['Rocky Linux: major release', 'pkg:rpm/rocky/openssl@3.0.7?distro=rocky-9.2', 'Rocky Linux:9', 'openssl'],
  ['AlmaLinux: major release', 'pkg:rpm/almalinux/openssl@3.0.7?distro=almalinux-8', 'AlmaLinux:8', 'openssl'],
  ['openSUSE Leap', 'pkg:rpm/opensuse/openssl@1.1.1?distro=opensuse-leap-15.5', 'openSUSE:Leap 15.5', 'openssl'],
  ['ConanCenter', 'pkg:conan/openssl@3.0.3', 'ConanCenter', 'openssl'],
  ['SwiftURL', 'pkg:swift/github.com/Alamofire/Alamofire@5.4.3', 'SwiftURL', 'github.com/Alamofire/Alamofire'],
  ['GitHub Actions (githubactions type, not registered in purl-spec)', 'pkg:githubactions/actions/checkout@v4', 'GitHub Actions', 'actions/checkout'],
  ['VSCode: publisher.name', 'pkg:vscode-extension/ms-python/python@2024.1.0', 'VSCode', 'ms-python.python'],
];

describe('purl → OSV ecosystem', () => {
  it.each(rows)('%s', (_source, purl, ecosystem, name) => {
    expect(osvPackageForPurlString(purl)).toMatchObject({ ok: true, package: { ecosystem, name } });
  });

  it.each([
    ['pkg:generic/openssl@1.0', 'generic'],
    ['pkg:deb/raspbian/curl@1', 'raspbian'],
    ['pkg:rpm/fedora/curl@1?distro=fedora-25', 'fedora'],
    ['pkg:github/package-url/purl-spec@1', 'repository'],
    ['pkg:yocto/openssl@1', 'yocto'],
    ['not a purl', 'valid purl'],
  ])('refuses %s with a reason', (purl, fragment) => {
    const r = osvPackageForPurlString(purl);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(fragment);
  });

  it('compares a deb package at its source version when the upstream qualifier gives one, and says how it was found', () => {
    const versioned = osvPackageForPurlString('pkg:deb/debian/libc-bin@2.36-9%2Bdeb12u4%2Bb1?distro=debian-12&upstream=glibc%402.36-9%2Bdeb12u4');
    expect(versioned).toMatchObject({ ok: true, package: { ecosystem: 'Debian:12', name: 'glibc' }, version: '2.36-9+deb12u4', notes: [] });
    if (versioned.ok) expect(versioned.via).toContain('libc-bin 2.36-9+deb12u4+b1 is built from the source package glibc 2.36-9+deb12u4 (purl "upstream" qualifier)');
    const nameOnly = osvPackageForPurlString('pkg:deb/debian/libc6@2.36-9?distro=debian-12&upstream=glibc');
    expect(nameOnly.ok && nameOnly.version).toBeUndefined();
    const plain = osvPackageForPurlString('pkg:deb/debian/libc6@2.36-9?distro=debian-12');
    expect(plain).toMatchObject({ ok: true, package: { name: 'libc6' } });
    expect(plain.ok && plain.via).toBeUndefined();
    expect(plain.ok && plain.notes.join(' ')).toContain('the binary name libc6 was looked up');
  });

  it('uses the SBOM source package for a deb purl without the qualifier; the qualifier wins', () => {
    const libc6 = parsePurl('pkg:deb/debian/libc6@2.36-9?distro=debian-12');
    const withUpstream = parsePurl('pkg:deb/debian/libc6@2.36-9?distro=debian-12&upstream=eglibc');
    if (!libc6.ok || !withUpstream.ok) throw new Error('purl');
    expect(osvPackageForPurl(libc6.purl, { name: 'glibc', version: '2.36-9' })).toMatchObject({ ok: true, package: { name: 'glibc' } });
    expect(osvPackageForPurl(libc6.purl, { name: 'glibc', version: '2.36-8' })).toMatchObject({ ok: true, package: { name: 'glibc' }, version: '2.36-8' });
    expect(osvPackageForPurl(withUpstream.purl, { name: 'glibc', version: null })).toMatchObject({ ok: true, package: { name: 'eglibc' } });
    // Its own source (same name and version) changes nothing.
    const own = osvPackageForPurl(libc6.purl, { name: 'libc6', version: '2.36-9' });
    expect(own.ok && [own.package.name, own.via]).toEqual(['libc6', undefined]);
    // Other types ignore it.
    const npm = parsePurl('pkg:npm/a@1.0.0');
    if (!npm.ok) throw new Error('purl');
    expect(osvPackageForPurl(npm.purl, { name: 'b', version: null })).toMatchObject({ ok: true, package: { name: 'a' } });
    expect(sourcePackageOf([{ name: 'mamori:lockfile:source-package', value: 'glibc' }, { name: 'mamori:lockfile:source-version', value: '2.36-9' }])).toEqual({ name: 'glibc', version: '2.36-9' });
    expect(sourcePackageOf([{ name: 'mamori:lockfile:source-version', value: '2.36-9' }])).toBeNull();
  });

  it('normalises Go release versions to the SemVer of OSV stdlib records (x/vulndb)', () => {
    expect(['go1.21.0', 'v1.21.0', '1.21.0', '1.20', 'go1.21rc2', '1.19beta1', 'weird'].map(goReleaseSemver)).toEqual([
      '1.21.0',
      '1.21.0',
      '1.21.0',
      '1.20.0',
      '1.21.0-rc.2',
      '1.19.0-beta.1',
      'weird',
    ]);
    expect(osvPackageForPurlString('pkg:golang/stdlib@go1.21.0')).toMatchObject({ ok: true, package: { ecosystem: 'Go', name: 'stdlib' }, version: '1.21.0' });
    expect(purlForOsvPackage({ ecosystem: 'Go', name: 'stdlib' }, '1.21.0')).toEqual({ ok: true, purl: 'pkg:golang/stdlib@1.21.0' });
  });

  it('normalises PyPI names per PEP 503', () => {
    expect(pep503Name('Friendly-._Bard')).toBe('friendly-bard');
  });

  it('builds purls from OSV packages', () => {
    expect(purlForOsvPackage({ ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' }, '2.14.1')).toEqual({ ok: true, purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' });
    expect(purlForOsvPackage({ ecosystem: 'npm', name: '@angular/core' }, '1.0.0')).toEqual({ ok: true, purl: 'pkg:npm/%40angular/core@1.0.0' });
    expect(purlForOsvPackage({ ecosystem: 'Debian:12', name: 'openssl' }, null)).toEqual({ ok: true, purl: 'pkg:deb/debian/openssl?distro=debian-12' });
    expect(purlForOsvPackage({ ecosystem: 'OSS-Fuzz', name: 'x' }, null).ok).toBe(false);
  });
});
