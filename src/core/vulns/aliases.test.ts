import { describe, expect, it } from 'vitest';
import type { Advisory } from './advisory.js';
import { advisoryAliases, canonicalId, groupAliases, relatedCves, relatedUpstream, upstreamAliases } from './aliases.js';

function adv(id: string, aliases: string[] = [], upstream: string[] = [], related: string[] = []): Advisory {
  return { schema_version: null, id, modified: '2024-01-01T00:00:00Z', published: null, withdrawn: null, aliases, upstream, related, summary: null, details: null, severity: [], affected: [], references: [], credits: [], database_specific: null };
}

describe('groupAliases (OSV schema: aliases, upstream, related fields)', () => {
  it('merges records that name each other, transitively (PYSEC-2023-61 ↔ GHSA ↔ CVE-2023-31047)', () => {
    const groups = groupAliases([adv('PYSEC-2023-61', ['CVE-2023-31047']), adv('GHSA-7h4p-27mh-hmrw', ['CVE-2023-31047'])]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.id).toBe('CVE-2023-31047');
    expect(groups[0]!.ids).toEqual(['CVE-2023-31047', 'GHSA-7h4p-27mh-hmrw', 'PYSEC-2023-61']);
    expect(groups[0]!.recordIds).toEqual(['GHSA-7h4p-27mh-hmrw', 'PYSEC-2023-61']);
  });

  it('merges through upstream (schema 1.7 upstream field) but not related', () => {
    const groups = groupAliases([adv('UBUNTU-CVE-2024-1', [], ['CVE-2024-1']), adv('CVE-2024-1'), adv('GO-2024-2', [], [], ['CVE-2024-1'])]);
    expect(groups.map((g) => g.id)).toEqual(['CVE-2024-1', 'GO-2024-2']);
  });

  it('chooses the canonical id deterministically: CVE, then GHSA, then the smallest', () => {
    expect(canonicalId(['RUSTSEC-2021-1', 'GHSA-b', 'GHSA-a'])).toBe('GHSA-a');
    expect(canonicalId(['PYSEC-1', 'GO-1'])).toBe('GO-1');
    expect(canonicalId(['GHSA-a', 'CVE-2021-2', 'CVE-2021-10'])).toBe('CVE-2021-10');
    const input = [adv('B', ['A']), adv('C', ['B']), adv('D')];
    expect(groupAliases(input)).toEqual(groupAliases([...input].reverse()));
  });

  it('takes upstream ids as aliases only when they name one vulnerability (QA air-gap H1, ADR 0010 addendum 10)', () => {
    // r-rsec: RSEC-2023-8 names seven cmark-gfm CVEs in `upstream`; RSEC-2023-6 one.
    const rsec8 = ['CVE-2023-37463', 'CVE-2023-26485', 'CVE-2023-24824', 'CVE-2023-22486', 'CVE-2023-22485', 'CVE-2023-22484', 'CVE-2023-22483'];
    expect(upstreamAliases('RSEC-2023-8', [], rsec8)).toEqual([]);
    expect(upstreamAliases('RSEC-2023-6', [], ['CVE-2020-5238'])).toEqual(['CVE-2020-5238']);
    // julia-jlsec: JLSEC-2025-184 names one vulnerability in two databases (NVD, ENISA EUVD).
    expect(upstreamAliases('JLSEC-2025-184', [], ['CVE-2023-22742', 'EUVD-2023-26860'])).toEqual(['CVE-2023-22742', 'EUVD-2023-26860']);
    // Two of one kind: related, whatever the other ids.
    expect(upstreamAliases('BREW-x', [], ['GHSA-aaaa', 'GHSA-bbbb', 'CVE-2024-1'])).toEqual([]);
    // A CVE other than the one the record's id or aliases name: related.
    expect(upstreamAliases('GHSA-x', ['CVE-2024-1'], ['CVE-2024-2'])).toEqual([]);
    expect(upstreamAliases('CVE-2024-1', [], ['CVE-2024-2', 'EUVD-2024-2'])).toEqual([]);
    expect(upstreamAliases('GHSA-x', ['CVE-2024-1'], ['CVE-2024-1', 'EUVD-2024-1'])).toEqual(['CVE-2024-1', 'EUVD-2024-1']);
    // Repeated and empty ids count once and not at all.
    expect(upstreamAliases('UBUNTU-CVE-2024-1', [], ['CVE-2024-1', '', 'CVE-2024-1'])).toEqual(['CVE-2024-1']);
    // MyJVN: JVNDB-2022-000097 names three CVEs, JVNDB-2021-002774 one.
    expect(upstreamAliases('JVNDB-2022-000097', [], ['CVE-2022-41993', 'CVE-2022-46287', 'CVE-2022-46288'])).toEqual([]);
    expect(upstreamAliases('JVNDB-2021-002774', [], ['CVE-2021-36745'])).toEqual(['CVE-2021-36745']);
    const rsec = adv('RSEC-2023-8', [], rsec8);
    expect(advisoryAliases(rsec)).toEqual([]);
    expect(relatedUpstream(rsec)).toEqual(rsec8);
    expect(advisoryAliases(adv('GHSA-x', ['CVE-2024-1', ''], ['PYSEC-1']))).toEqual(['CVE-2024-1', 'PYSEC-1']);
    expect(relatedUpstream(adv('GHSA-x', ['CVE-2024-1'], ['PYSEC-1']))).toEqual([]);
    // One upstream CVE that is not the one the record's aliases name: related, not an alias.
    expect(relatedUpstream(adv('GHSA-y', ['CVE-2024-1'], ['CVE-2024-2']))).toEqual(['CVE-2024-2']);
  });

  it('names a JVN record’s CVEs as related only when it names several (JVNDB-2022-000097; JVNDB-2021-002774)', () => {
    expect(relatedCves('JVNDB-2022-000097', ['CVE-2022-41993', 'CVE-2022-46287', 'CVE-2022-46288'])).toEqual(['CVE-2022-41993', 'CVE-2022-46287', 'CVE-2022-46288']);
    expect(relatedCves('JVNDB-2021-002774', ['CVE-2021-36745'])).toEqual([]);
    expect(relatedCves('JVNDB-2021-000001', [])).toEqual([]);
  });

  it('does not merge the CVEs a record names in upstream (RSEC-2023-8 and the RubySec, Hackage records of two of them)', () => {
    const groups = groupAliases([
      adv('RSEC-2023-8', [], ['CVE-2023-37463', 'CVE-2023-24824', 'CVE-2023-22483']),
      adv('x_RUBYSEC-commonmarker-CVE-2023-37463', ['CVE-2023-37463', 'GHSA-7vh7-fw88-wj87']),
      adv('HSEC-2025-0007', ['CVE-2023-24824', 'GHSA-66g8-4hjf-77xh']),
    ]);
    expect(groups.map((g) => g.ids)).toEqual([
      ['CVE-2023-24824', 'GHSA-66g8-4hjf-77xh', 'HSEC-2025-0007'],
      ['CVE-2023-37463', 'GHSA-7vh7-fw88-wj87', 'x_RUBYSEC-commonmarker-CVE-2023-37463'],
      ['RSEC-2023-8'],
    ]);
  });
});
