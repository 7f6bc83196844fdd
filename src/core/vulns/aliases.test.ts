import { describe, expect, it } from 'vitest';
import type { Advisory } from './advisory.js';
import { canonicalId, groupAliases } from './aliases.js';

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
});
