import { describe, expect, it } from 'vitest';
import { parseOsvRecord, type Advisory } from '../core/vulns/advisory.js';
import type { ComponentIdentity, UnevaluatedReason } from '../core/vulns/finding.js';
import { parseNvdCve, type NvdCve } from '../feeds/parse/nvd-cve.js';
import { memoryVulnDb, type MemoryVulnDbInput } from '../vulndb/memory-reader.js';
import { cpeConfidence, Matcher, matchComponents, severityAtLeast, type MatchOptions } from './match.js';

const V31_CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'; // 9.8
const V31_MEDIUM = 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N'; // 4.2
const V4_LOW = 'CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N';

function osv(record: Record<string, unknown>): Advisory {
  const r = parseOsvRecord({ modified: '2024-01-01T00:00:00Z', ...record });
  if (!r.ok) throw new Error(r.reason);
  return r.advisory;
}

function nvd(record: Record<string, unknown>): NvdCve {
  const r = parseNvdCve({ published: '2024-01-01T00:00:00.000', lastModified: '2024-01-02T00:00:00.000', descriptions: [{ lang: 'en', value: `${String(record['id'])} description` }], ...record });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function comp(key: string, fields: Partial<ComponentIdentity> = {}): ComponentIdentity {
  return { key, bomRef: key, name: key, version: null, purl: null, cpe: null, cpeMatching: false, ...fields };
}

function range(type: string, events: Record<string, string>[]) {
  return { type, events };
}

const lodash = osv({
  id: 'GHSA-35jh-r3h4-6jhm',
  aliases: ['CVE-2021-23337'],
  summary: 'Command injection in lodash',
  severity: [{ type: 'CVSS_V3', score: V31_CRITICAL }],
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [range('SEMVER', [{ introduced: '0' }, { fixed: '4.17.21' }])] }],
});

function scan(input: MemoryVulnDbInput, components: ComponentIdentity[], options?: MatchOptions) {
  return matchComponents(memoryVulnDb(input), components, options);
}

describe('matchComponents — OSV by purl', () => {
  it('finds an affected version with the deciding range, fixed version, severity from the CVSS vector', () => {
    const r = scan({ advisories: [lodash] }, [comp('a', { purl: 'pkg:npm/lodash@4.17.20' })]);
    expect(r.unevaluated).toEqual([]);
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.componentKey).toBe('a');
    expect(f.vulnerabilityId).toBe('CVE-2021-23337');
    expect(f.aliases).toEqual(['GHSA-35jh-r3h4-6jhm']);
    expect(f.severity).toBe('critical');
    expect(f.fixedVersions).toEqual(['4.17.21']);
    expect(f.summary).toBe('Command injection in lodash');
    expect(f.evidence).toHaveLength(1);
    expect(f.evidence[0]).toMatchObject({
      method: 'osv-purl',
      identifier: 'pkg:npm/lodash@4.17.20',
      ecosystem: 'npm',
      package: 'lodash',
      recordId: 'GHSA-35jh-r3h4-6jhm',
      rule: 'range',
      scheme: 'semver',
      fallback: false,
      range: 'SEMVER',
      events: [{ introduced: '0' }, { fixed: '4.17.21' }],
      confidence: 1,
    });
    expect(f.evidence[0]!.explanation).toContain('4.17.20');
    expect(r.evaluated).toEqual([{ componentKey: 'a', methods: ['osv-purl'], findings: 1, notes: [] }]);
    expect(r.evaluations).toBe(1);
  });

  it('reports nothing for a fixed version, but counts the component as evaluated', () => {
    const r = scan({ advisories: [lodash] }, [comp('a', { purl: 'pkg:npm/lodash@4.17.21' }), comp('b', { purl: 'pkg:npm/left-pad@1.0.0' })]);
    expect(r.findings).toEqual([]);
    expect(r.unevaluated).toEqual([]);
    expect(r.evaluated.map((e) => e.componentKey)).toEqual(['a', 'b']);
  });

  it('takes the version from the component when the purl has none, and matches the versions list', () => {
    const rec = osv({ id: 'PYSEC-2020-1', affected: [{ package: { ecosystem: 'PyPI', name: 'Foo_Bar' }, versions: ['1.0'] }] });
    const r = scan({ advisories: [rec] }, [comp('a', { purl: 'pkg:pypi/foo-bar', version: '1.0' })]);
    expect(r.findings.map((f) => [f.vulnerabilityId, f.evidence[0]!.rule, f.evidence[0]!.package])).toEqual([['PYSEC-2020-1', 'versions-list', 'foo-bar']]);
    expect(r.findings[0]!.severity).toBe('unknown');
  });

  it('gives the fixed version from the ranges when the enumerated versions list decided', () => {
    // As PyPI and GHSA records are: the version is listed, and a range says where it was fixed.
    const rec = osv({
      id: 'PYSEC-2024-9',
      affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [range('ECOSYSTEM', [{ introduced: '0' }, { fixed: '2.32.0' }])], versions: ['2.31.0'] }],
    });
    const r = scan({ advisories: [rec] }, [comp('a', { purl: 'pkg:pypi/requests@2.31.0', version: '2.31.0' })]);
    expect(r.findings.map((f) => [f.vulnerabilityId, f.evidence[0]!.rule, f.fixedVersions])).toEqual([['PYSEC-2024-9', 'versions-list', ['2.32.0']]]);
  });

  it('ignores withdrawn records', () => {
    const withdrawn = osv({ ...lodashJson(), withdrawn: '2024-02-01T00:00:00Z' });
    const r = scan({ advisories: [withdrawn] }, [comp('a', { purl: 'pkg:npm/lodash@4.17.20' })]);
    expect(r.findings).toEqual([]);
    expect(r.evaluated).toHaveLength(1);
  });

  it('merges records of one vulnerability (aliases, upstream) into one finding with every id and every record’s evidence', () => {
    const ghsa = osv({ id: 'GHSA-aaaa-bbbb-cccc', aliases: ['CVE-2024-0001'], database_specific: { severity: 'MODERATE' }, affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [range('ECOSYSTEM', [{ introduced: '4.0' }, { fixed: '4.2.1' }])] }] });
    const pysec = osv({ id: 'PYSEC-2024-9', aliases: ['CVE-2024-0001'], affected: [{ package: { ecosystem: 'PyPI', name: 'Django' }, ranges: [range('ECOSYSTEM', [{ introduced: '4.2' }, { fixed: '4.2.2' }])] }] });
    const other = osv({ id: 'PYSEC-2024-10', upstream: ['CVE-2024-0002'], affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [range('ECOSYSTEM', [{ introduced: '0' }, { fixed: '5.0' }])] }] });
    const r = scan({ advisories: [ghsa, pysec, other] }, [comp('d', { purl: 'pkg:pypi/Django@4.2.0' })]);
    expect(r.findings.map((f) => [f.vulnerabilityId, f.aliases, f.evidence.map((e) => e.recordId)])).toEqual([
      ['CVE-2024-0001', ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-9'], ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-9']],
      ['CVE-2024-0002', ['PYSEC-2024-10'], ['PYSEC-2024-10']],
    ]);
    const merged = r.findings[0]!;
    expect(merged.severity).toBe('medium'); // database_specific MODERATE, no CVSS
    expect([...merged.fixedVersions].sort()).toEqual(['4.2.1', '4.2.2']);
    expect(merged.evidence.every((e) => e.scheme === 'pep440' && !e.fallback)).toBe(true);
  });

  it('answers the same when one matcher is reused: every component gets its own findings, built once per package version', () => {
    const ghsa = osv({ id: 'GHSA-aaaa-bbbb-cccc', aliases: ['CVE-2024-0001'], affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [range('ECOSYSTEM', [{ introduced: '4.0' }, { fixed: '4.2.1' }])] }] });
    const pysec = osv({ id: 'PYSEC-2024-9', aliases: ['CVE-2024-0001'], affected: [{ package: { ecosystem: 'PyPI', name: 'Django' }, ranges: [range('ECOSYSTEM', [{ introduced: '4.2' }, { fixed: '4.2.2' }])] }] });
    const other = osv({ id: 'PYSEC-2024-10', affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [range('ECOSYSTEM', [{ introduced: '0' }, { fixed: '5.0' }])] }] });
    const input = { advisories: [ghsa, pysec, other, lodash] };
    const releases = [
      [comp('r1/django', { purl: 'pkg:pypi/Django@4.2.0' }), comp('r1/lodash', { purl: 'pkg:npm/lodash@4.17.20' })],
      [comp('r2/django', { purl: 'pkg:pypi/Django@4.2.0' }), comp('r2/django-old', { purl: 'pkg:pypi/django@4.1' })],
      [comp('r3/django', { purl: 'pkg:pypi/django@4.2.1' }), comp('r3/lodash', { purl: 'pkg:npm/lodash@4.17.21' }), comp('r3/again', { purl: 'pkg:pypi/Django@4.2.0' }), comp('r3/django-405', { purl: 'pkg:pypi/django@4.0.5' })],
    ];
    const reused = new Matcher(memoryVulnDb(input));
    for (let round = 0; round < 2; round++)
      for (const components of releases) {
        const r = reused.match(components);
        expect(r).toEqual(scan(input, components));
        for (const f of r.findings) expect(components.map((c) => c.key)).toContain(f.componentKey);
      }
    const [a, b] = [reused.match(releases[0]!), reused.match(releases[1]!)];
    expect(a.findings.filter((f) => f.componentKey === 'r1/django').map((f) => f.vulnerabilityId)).toEqual(['CVE-2024-0001', 'PYSEC-2024-10']);
    expect(b.findings.filter((f) => f.componentKey === 'r2/django-old').map((f) => f.vulnerabilityId)).toEqual(['CVE-2024-0001', 'PYSEC-2024-10']);
    expect(b.findings.find((f) => f.componentKey === 'r2/django-old')!.evidence.map((e) => e.recordId)).toEqual(['GHSA-aaaa-bbbb-cccc']);
  });

  it('keeps a package\'s records only once it is asked for again: a scan asks for most packages once', () => {
    const reader = memoryVulnDb({ advisories: [lodash] });
    let asked = 0;
    const counting: typeof reader = Object.create(reader) as typeof reader;
    counting.packageRecords = (...args) => (asked++, reader.packageRecords(...args));
    const matcher = new Matcher(counting);
    const release = (v: string) => [comp(`lodash-${v}`, { purl: `pkg:npm/lodash@${v}` })];
    const answers = ['4.17.20', '4.17.19', '4.17.21', '4.17.20'].map((v) => matcher.match(release(v)).findings.map((f) => f.vulnerabilityId));
    expect(answers).toEqual([['CVE-2021-23337'], ['CVE-2021-23337'], [], ['CVE-2021-23337']]);
    expect(asked).toBe(2);
  });

  it('prefers CVSS v4.0 over v3.1, whatever the scores', () => {
    const rec = osv({ id: 'GHSA-1111-2222-3333', severity: [{ type: 'CVSS_V3', score: V31_CRITICAL }, { type: 'CVSS_V4', score: V4_LOW }], affected: [{ package: { ecosystem: 'npm', name: 'x' }, versions: ['1.0.0'] }] });
    const r = scan({ advisories: [rec] }, [comp('a', { purl: 'pkg:npm/x@1.0.0' })]);
    expect(r.findings[0]!.severity).toBe('low');
    expect(r.findings[0]!.enrichment.cvss.map((c) => c.version).sort()).toEqual(['3.1', '4.0']);
  });

  it('rates a known malicious package (an OSV MAL- id, as record id or alias) critical, and the evidence says why', () => {
    // Leitwacht npm feed, conformance/advisories/leitwacht-npm-malicious.jsonl.gz: LWA-2026-0053, alias MAL-2026-4496, no CVSS.
    const bandkit = osv({
      id: 'LWA-2026-0053',
      aliases: ['MAL-2026-4496'],
      summary: 'Malicious code in bandkit (npm)',
      affected: [{ package: { ecosystem: 'npm', name: 'bandkit', purl: 'pkg:npm/bandkit' }, versions: ['1.0.7'] }],
    });
    // An ossf/malicious-packages record under its own MAL- id, with a severity word that says otherwise.
    const own = osv({ id: 'MAL-2025-1', summary: 'Malicious code in evil (PyPI)', database_specific: { severity: 'LOW' }, affected: [{ package: { ecosystem: 'PyPI', name: 'evil' }, versions: ['0.1'] }] });
    const plain = osv({ id: 'GHSA-7777-8888-9999', affected: [{ package: { ecosystem: 'npm', name: 'bandkit' }, versions: ['1.0.7'] }] });
    const r = scan({ advisories: [bandkit, own, plain] }, [comp('b', { purl: 'pkg:npm/bandkit@1.0.7' }), comp('e', { purl: 'pkg:pypi/evil@0.1' })]);
    expect(r.findings.map((f) => [f.componentKey, f.vulnerabilityId, f.aliases, f.severity])).toEqual([
      ['b', 'GHSA-7777-8888-9999', [], 'unknown'],
      ['b', 'LWA-2026-0053', ['MAL-2026-4496'], 'critical'],
      ['e', 'MAL-2025-1', [], 'critical'],
    ]);
    expect(r.findings[1]!.evidence[0]!.explanation).toContain('malicious package (MAL-2026-4496): severity critical');
    expect(r.findings[2]!.evidence[0]!.explanation).toContain('malicious package (MAL-2025-1)');
    expect(r.findings[0]!.evidence[0]!.explanation).not.toContain('malicious');
    // Records of one malicious package merged into one finding (MAL- record and a feed's record aliasing it).
    const mal = osv({ id: 'MAL-2026-4496', affected: [{ package: { ecosystem: 'npm', name: 'bandkit' }, versions: ['1.0.7'] }] });
    const merged = scan({ advisories: [bandkit, mal] }, [comp('b', { purl: 'pkg:npm/bandkit@1.0.7' })]);
    expect(merged.findings.map((f) => [f.vulnerabilityId, f.severity, f.evidence.length])).toEqual([['LWA-2026-0053', 'critical', 2]]);
    expect(merged.findings[0]!.evidence.every((e) => e.explanation.includes('malicious package (MAL-2026-4496)'))).toBe(true);
  });

  it('uses the NVD record’s CVSS for an OSV finding through the CVE alias, with KEV and EPSS', () => {
    const rec = osv({ id: 'GHSA-4444-5555-6666', aliases: ['CVE-2023-7777'], affected: [{ package: { ecosystem: 'npm', name: 'y' }, versions: ['2.0.0'] }] });
    const cve = nvd({ id: 'CVE-2023-7777', metrics: { cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { vectorString: V31_MEDIUM, baseScore: 4.2 } }] } });
    const r = scan(
      {
        advisories: [rec],
        cves: [cve],
        kev: [{ cveID: 'CVE-2023-7777', vendorProject: 'v', product: 'p', vulnerabilityName: 'n', dateAdded: '2024-03-01', shortDescription: 's', requiredAction: 'a', dueDate: '2024-03-22', knownRansomwareCampaignUse: 'Known', cwes: [] }],
        epss: [{ cve: 'CVE-2023-7777', epss: 0.97, percentile: 0.999 }],
        epssDate: '2024-04-01',
      },
      [comp('a', { purl: 'pkg:npm/y@2.0.0' })],
    );
    const f = r.findings[0]!;
    expect(f.vulnerabilityId).toBe('CVE-2023-7777');
    expect(f.severity).toBe('medium');
    expect(f.enrichment.kev).toEqual({ dateAdded: '2024-03-01', dueDate: '2024-03-22', ransomware: true });
    expect(f.enrichment.epss).toEqual({ score: 0.97, percentile: 0.999, date: '2024-04-01' });
  });

  it('keeps distribution releases apart (Debian:11 record, Debian:12 component)', () => {
    const rec = osv({ id: 'DSA-1-1', affected: [{ package: { ecosystem: 'Debian:11', name: 'openssl' }, ranges: [range('ECOSYSTEM', [{ introduced: '0' }, { fixed: '1.1.1n-0+deb11u5' }])] }] });
    const r12 = scan({ advisories: [rec] }, [comp('a', { purl: 'pkg:deb/debian/openssl@1.1.1n-0?distro=debian-12' })]);
    expect(r12.findings).toEqual([]);
    expect(r12.evaluated).toHaveLength(1);
    const r11 = scan({ advisories: [rec] }, [comp('a', { purl: 'pkg:deb/debian/openssl@1.1.1n-0?distro=bullseye' })]);
    expect(r11.findings.map((f) => [f.vulnerabilityId, f.evidence[0]!.ecosystem, f.evidence[0]!.scheme])).toEqual([['DSA-1-1', 'Debian:11', 'dpkg']]);
  });

  it('matches a Debian binary package by its source package (purl upstream qualifier, then the SBOM source-package property)', () => {
    // OSV Debian advisories name source packages: glibc, not libc6.
    const glibc = osv({ id: 'DSA-2-1', aliases: ['CVE-2099-1111'], affected: [{ package: { ecosystem: 'Debian:12', name: 'glibc' }, ranges: [range('ECOSYSTEM', [{ introduced: '0' }, { fixed: '2.36-9+deb12u7' }])] }] });
    const r = scan({ advisories: [glibc] }, [
      comp('qualifier', { purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc' }),
      // The source version, not the binary's (a binNMU +b1 here), is what the advisory's range is about.
      comp('versioned', { purl: 'pkg:deb/debian/libc-bin@2.36-9%2Bdeb12u7%2Bb1?arch=amd64&distro=debian-12&upstream=glibc%402.36-9%2Bdeb12u4' }),
      comp('fixed-source', { purl: 'pkg:deb/debian/libc-l10n@2.36-9%2Bdeb12u4%2Bb1?distro=debian-12&upstream=glibc%402.36-9%2Bdeb12u7' }),
      comp('property', { purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12', sourcePackage: { name: 'glibc', version: '2.36-9+deb12u4' } }),
      comp('binary-name', { purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12' }),
    ]);
    expect(r.unevaluated).toEqual([]);
    expect(r.findings.map((f) => [f.componentKey, f.vulnerabilityId, f.evidence[0]!.package])).toEqual([
      ['qualifier', 'CVE-2099-1111', 'glibc'],
      ['versioned', 'CVE-2099-1111', 'glibc'],
      ['property', 'CVE-2099-1111', 'glibc'],
    ]);
    const [qualifier, versioned, property] = r.findings.map((f) => f.evidence[0]!.explanation);
    expect(qualifier).toContain('libc6 2.36-9+deb12u4 is built from the source package glibc (purl "upstream" qualifier)');
    expect(versioned).toMatch(/^2\.36-9\+deb12u4 is inside/);
    expect(versioned).toContain('source package glibc 2.36-9+deb12u4');
    expect(property).toContain("(the SBOM's source-package property)");
    // Without either, the binary name is looked up (no glibc record names libc6), as before.
    expect(r.evaluated.find((e) => e.componentKey === 'binary-name')?.findings).toBe(0);
    // The same name's own package still matches by its own name.
    const openssl = osv({ id: 'DSA-3-1', affected: [{ package: { ecosystem: 'Debian:12', name: 'openssl' }, ranges: [range('ECOSYSTEM', [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }])] }] });
    const own = scan({ advisories: [openssl] }, [comp('openssl', { purl: 'pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12', sourcePackage: { name: 'openssl', version: '3.0.11-1~deb12u2' } })]);
    expect(own.findings.map((f) => f.evidence[0]!.package)).toEqual(['openssl']);
  });

  it('matches the Go standard library (pkg:golang/stdlib) with toolchain version spellings', () => {
    const stdlib = osv({ id: 'GO-2023-1987', aliases: ['CVE-2023-29409'], affected: [{ package: { ecosystem: 'Go', name: 'stdlib' }, ranges: [range('SEMVER', [{ introduced: '0' }, { fixed: '1.19.12' }, { introduced: '1.20.0-0' }, { fixed: '1.20.7' }, { introduced: '1.21.0-0' }, { fixed: '1.21.0-rc.4' }])] }] });
    const r = scan({ advisories: [stdlib] }, [
      comp('plain', { purl: 'pkg:golang/stdlib@1.20.6' }),
      comp('go-prefix', { purl: 'pkg:golang/stdlib@go1.20.6' }),
      comp('v-prefix', { purl: 'pkg:golang/stdlib@v1.19.11' }),
      comp('rc', { purl: 'pkg:golang/stdlib@go1.21rc3' }),
      comp('language-version', { purl: 'pkg:golang/stdlib@1.19' }),
      comp('fixed', { purl: 'pkg:golang/stdlib@go1.21rc4' }),
    ]);
    expect(r.unevaluated).toEqual([]);
    expect(r.findings.map((f) => f.componentKey)).toEqual(['plain', 'go-prefix', 'v-prefix', 'rc', 'language-version']);
    expect(r.findings.find((f) => f.componentKey === 'rc')!.evidence[0]!.explanation).toContain('Go release go1.21rc3 compared as 1.21.0-rc.3');
  });

  it('reports a package with only GIT ranges as git-range-only, and as a note when another record was evaluable', () => {
    const git = osv({ id: 'OSV-2024-1', affected: [{ package: { ecosystem: 'npm', name: 'z' }, ranges: [{ type: 'GIT', repo: 'https://example.com/z.git', events: [{ introduced: '0' }, { fixed: 'a'.repeat(40) }] }] }] });
    const r = scan({ advisories: [git] }, [comp('a', { purl: 'pkg:npm/z@1.0.0' })]);
    expect(r.unevaluated.map((u) => u.reason)).toEqual(['git-range-only']);
    expect(r.unevaluated[0]!.detail).toContain('GIT');
    expect(r.evaluated).toEqual([]);
    const semverRecord = osv({ id: 'GHSA-7777-8888-9999', affected: [{ package: { ecosystem: 'npm', name: 'z' }, ranges: [range('SEMVER', [{ introduced: '2.0.0' }])] }] });
    const both = scan({ advisories: [git, semverRecord] }, [comp('a', { purl: 'pkg:npm/z@1.0.0' })]);
    expect(both.unevaluated).toEqual([]);
    expect(both.evaluated[0]!.notes.join(' ')).toContain('OSV-2024-1: only GIT ranges');
  });

  it('reports a version no scheme can read as version-unparseable', () => {
    const r = scan({ advisories: [lodash] }, [comp('a', { purl: 'pkg:npm/lodash@not%20a%20version' })]);
    expect(r.unevaluated.map((u) => u.reason)).toEqual(['version-unparseable']);
  });

  it('lists components it cannot evaluate with the reason', () => {
    const r = scan({ advisories: [lodash] }, [
      comp('none'),
      comp('bad', { purl: 'pkg:' }),
      comp('generic', { purl: 'pkg:generic/firmware@1.0' }),
      comp('nover', { purl: 'pkg:npm/lodash' }),
      comp('cpeoff', { cpe: 'cpe:2.3:o:vendor:rtos:1.0:*:*:*:*:*:*:*' }),
      comp('cpebad', { cpe: 'cpe:2.3:nonsense', cpeMatching: true }),
    ]);
    expect(r.unevaluated.map((u) => [u.componentKey, u.reason])).toEqual([
      ['none', 'no-identifier'],
      ['bad', 'purl-invalid'],
      ['generic', 'ecosystem-unsupported'],
      ['nover', 'no-version'],
      ['cpeoff', 'cpe-matching-off'],
      ['cpebad', 'cpe-invalid'],
    ]);
    expect(r.unevaluated.every((u) => u.detail.length > 0)).toBe(true);
    expect(r.evaluated).toEqual([]);
    expect(r.evaluations).toBe(0);
  });

  it('does not call a component clean when the database holds no advisory of its ecosystem (QA PSIRT M2)', () => {
    const debian = osv({ id: 'DSA-1-1', affected: [{ package: { ecosystem: 'Debian:11', name: 'zlib' }, ranges: [range('ECOSYSTEM', [{ introduced: '0' }, { fixed: '1:1.2.13' }])] }] });
    const r = scan({ advisories: [lodash, debian] }, [
      // npm is held: a package no record names is evaluated, with no finding.
      comp('express', { purl: 'pkg:npm/express@4.19.2' }),
      // Maven and PyPI are not: nothing was compared.
      comp('log4j', { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }),
      comp('requests', { purl: 'pkg:pypi/requests@2.0' }),
      // Another release of a distribution whose advisories are held (Debian:11 records, a Debian 12 package).
      comp('openssl', { purl: 'pkg:deb/debian/openssl@3.0.11-1?distro=debian-12' }),
      // Without a version the version is what is missing.
      comp('nover', { purl: 'pkg:maven/org.example/lib' }),
    ]);
    expect(r.evaluated.map((e) => [e.componentKey, e.findings])).toEqual([
      ['express', 0],
      ['openssl', 0],
    ]);
    expect(r.unevaluated.map((u) => [u.componentKey, u.reason])).toEqual([
      ['log4j', 'ecosystem-not-in-database'],
      ['requests', 'ecosystem-not-in-database'],
      ['nover', 'no-version'],
    ]);
    expect(r.unevaluated[0]!.detail).toContain('holds no advisories for the Maven ecosystem');
    expect(r.unevaluated[1]!.detail).toContain('--ecosystem PyPI');
    // An empty database holds no ecosystem at all.
    expect(scan({}, [comp('express', { purl: 'pkg:npm/express@4.19.2' })]).unevaluated.map((u) => u.reason)).toEqual(['ecosystem-not-in-database']);
    // A CPE match asked for besides the purl still evaluates the component.
    const withCpe = scan({ advisories: [lodash], cves: [rtosCve] }, [comp('log4j', { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', cpe: 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*', cpeMatching: true })], { cpeWithPurl: true });
    expect(withCpe.evaluated.map((e) => e.componentKey)).toEqual(['log4j']);
  });
});

const rtosCve = nvd({
  id: 'CVE-2022-1000',
  metrics: { cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { vectorString: V31_CRITICAL, baseScore: 9.8 } }] },
  configurations: [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:o:acme:rtos:*:*:*:*:*:*:*:*', versionStartIncluding: '2.0', versionEndExcluding: '2.4.1' }] }] }],
});
const exactCve = nvd({
  id: 'CVE-2022-2000',
  configurations: [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:o:acme:rtos:2.3:*:*:*:*:*:*:*' }] }] }],
});
const platformCve = nvd({
  id: 'CVE-2022-3000',
  configurations: [
    {
      operator: 'AND',
      nodes: [
        { operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:o:acme:rtos:*:*:*:*:*:*:*:*', versionEndIncluding: '3.0' }] },
        { operator: 'OR', negate: false, cpeMatch: [{ vulnerable: false, criteria: 'cpe:2.3:h:acme:board_x:-:*:*:*:*:*:*:*' }] },
      ],
    },
  ],
});
const rejectedCve = nvd({ ...rtosJson('CVE-2022-4000'), vulnStatus: 'Rejected' });

function rtosJson(id: string) {
  return { id, configurations: [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:o:acme:rtos:*:*:*:*:*:*:*:*' }] }] }] };
}

function lodashJson() {
  return { id: 'GHSA-35jh-r3h4-6jhm', affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [range('SEMVER', [{ introduced: '0' }, { fixed: '4.17.21' }])] }] };
}

describe('matchComponents — CPE against NVD configurations', () => {
  const db = { cves: [rtosCve, exactCve, platformCve, rejectedCve] };

  it('matches ranges, exact versions and AND configurations with a confidence and an explanation each', () => {
    const r = scan(db, [comp('rtos', { cpe: 'cpe:2.3:o:ACME:rtos:2.3:*:*:*:*:*:*:*', cpeMatching: true })]);
    expect(r.unevaluated).toEqual([]);
    const byId = new Map(r.findings.map((f) => [f.vulnerabilityId, f]));
    expect([...byId.keys()]).toEqual(['CVE-2022-1000', 'CVE-2022-2000', 'CVE-2022-3000']);
    const ranged = byId.get('CVE-2022-1000')!;
    expect(ranged.severity).toBe('critical');
    expect(ranged.fixedVersions).toEqual(['2.4.1']);
    expect(ranged.evidence[0]).toMatchObject({ method: 'nvd-cpe', rule: 'cpe-range', scheme: 'generic', fallback: true, range: 'cpe >= 2.0, < 2.4.1', confidence: cpeConfidence.rangeGeneric });
    expect(ranged.evidence[0]!.explanation).toContain('generic fallback');
    expect(byId.get('CVE-2022-2000')!.evidence[0]).toMatchObject({ rule: 'cpe-exact', confidence: 1, fallback: false });
    const platform = byId.get('CVE-2022-3000')!.evidence[0]!;
    expect(platform.confidence).toBe(Math.round(cpeConfidence.rangeGeneric * cpeConfidence.platformFactor * 100) / 100);
    expect(platform.explanation).toContain('board_x');
    expect(r.evaluated).toEqual([{ componentKey: 'rtos', methods: ['nvd-cpe'], findings: 3, notes: [] }]);
  });

  it('does not match outside the bounds, and uses the component version when the CPE has none', () => {
    const r = scan(db, [comp('rtos', { cpe: 'cpe:2.3:o:acme:rtos:*:*:*:*:*:*:*:*', version: '3.1', cpeMatching: true })]);
    expect(r.findings).toEqual([]);
    expect(r.evaluated[0]!.notes.join(' ')).toContain('3.1');
    const inside = scan(db, [comp('rtos', { cpe: 'cpe:2.3:o:acme:rtos:*:*:*:*:*:*:*:*', version: '2.4.0', cpeMatching: true })]);
    expect(inside.findings.map((f) => f.vulnerabilityId)).toEqual(['CVE-2022-1000', 'CVE-2022-3000']);
  });

  it('needs CPE matching switched on, for the component or by the option', () => {
    const c = comp('rtos', { cpe: 'cpe:2.3:o:acme:rtos:2.3:*:*:*:*:*:*:*' });
    expect(scan(db, [c]).unevaluated.map((u) => u.reason)).toEqual(['cpe-matching-off']);
    expect(scan(db, [c], { cpeMatching: true }).findings).toHaveLength(3);
  });

  it('never uses CPE for a component with a usable purl unless asked, and merges both methods when asked', () => {
    const cveForLodash = nvd({
      id: 'CVE-2021-23337',
      configurations: [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:lodash:lodash:*:*:*:*:*:node.js:*:*', versionEndExcluding: '4.17.21' }] }] }],
    });
    const c = comp('l', { purl: 'pkg:npm/lodash@4.17.20', cpe: 'cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:node.js:*:*', cpeMatching: true });
    const purlOnly = scan({ advisories: [lodash], cves: [cveForLodash] }, [c]);
    expect(purlOnly.findings[0]!.evidence.map((e) => e.method)).toEqual(['osv-purl']);
    const both = scan({ advisories: [lodash], cves: [cveForLodash] }, [c], { cpeWithPurl: true });
    expect(both.findings).toHaveLength(1);
    expect(both.findings[0]!.evidence.map((e) => e.method).sort()).toEqual(['nvd-cpe', 'osv-purl']);
    // The purl names npm, so the CPE range is ordered by semver, not the generic fallback.
    expect(both.findings[0]!.evidence.find((e) => e.method === 'nvd-cpe')).toMatchObject({ scheme: 'semver', fallback: false, confidence: cpeConfidence.rangeEcosystem });
    expect(both.evaluated[0]!.methods).toEqual(['osv-purl', 'nvd-cpe']);
  });

  it('falls back to CPE when the purl is not usable and CPE matching is on', () => {
    const r = scan(db, [comp('fw', { purl: 'pkg:generic/acme-rtos@2.3', cpe: 'cpe:2.3:o:acme:rtos:2.3:*:*:*:*:*:*:*', cpeMatching: true })]);
    expect(r.findings).toHaveLength(3);
    expect(r.evaluated[0]!.notes.join(' ')).toContain('matched by CPE');
  });
});

describe('matchComponents — every component is evaluated or listed as unevaluated, once', () => {
  it('holds for random component sets', () => {
    let seed = 42;
    // mulberry32: deterministic, so a failure can be replayed.
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const git = osv({ id: 'OSV-G', affected: [{ package: { ecosystem: 'npm', name: 'gitonly' }, ranges: [{ type: 'GIT', repo: 'r', events: [{ introduced: '0' }] }] }] });
    const reader = memoryVulnDb({ advisories: [lodash, git], cves: [rtosCve, exactCve, platformCve] });
    const purls = ['pkg:npm/lodash@4.17.20', 'pkg:npm/lodash@4.17.21', 'pkg:npm/lodash', 'pkg:npm/gitonly@1.0.0', 'pkg:generic/x@1', 'pkg:', 'pkg:pypi/requests@2.0', 'pkg:npm/lodash@%21%21', null];
    const cpes = ['cpe:2.3:o:acme:rtos:2.3:*:*:*:*:*:*:*', 'cpe:2.3:o:acme:rtos:*:*:*:*:*:*:*:*', 'cpe:bad', null];
    const reasons = new Set<UnevaluatedReason>();
    for (let round = 0; round < 50; round++) {
      const n = 1 + rand(40);
      const components = Array.from({ length: n }, (_, i) =>
        comp(`c${round}-${i}`, { purl: purls[rand(purls.length)]!, cpe: cpes[rand(cpes.length)]!, version: rand(2) ? '2.3' : null, cpeMatching: rand(2) === 1 }),
      );
      const options: MatchOptions = { cpeMatching: rand(4) === 0, cpeWithPurl: rand(4) === 0 };
      const r = matchComponents(reader, components, options);
      const keys = [...r.evaluated.map((e) => e.componentKey), ...r.unevaluated.map((u) => u.componentKey)];
      expect(keys.sort()).toEqual(components.map((c) => c.key).sort());
      const unevaluatedKeys = new Set(r.unevaluated.map((u) => u.componentKey));
      for (const f of r.findings) expect(unevaluatedKeys.has(f.componentKey)).toBe(false);
      for (const e of r.evaluated) expect(r.findings.filter((f) => f.componentKey === e.componentKey)).toHaveLength(e.findings);
      for (const u of r.unevaluated) reasons.add(u.reason);
    }
    expect([...reasons].sort()).toEqual(['cpe-invalid', 'cpe-matching-off', 'ecosystem-not-in-database', 'ecosystem-unsupported', 'git-range-only', 'no-identifier', 'no-version', 'purl-invalid', 'version-unparseable']);
  });
});

describe('severityAtLeast', () => {
  it('orders severities, unknown below none', () => {
    expect(severityAtLeast('critical', 'high')).toBe(true);
    expect(severityAtLeast('medium', 'high')).toBe(false);
    expect(severityAtLeast('unknown', 'low')).toBe(false);
  });
});
