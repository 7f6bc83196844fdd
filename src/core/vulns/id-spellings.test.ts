import { describe, expect, it } from 'vitest';
import { idSpellings } from './id-spellings.js';

describe('idSpellings', () => {
  it.each([
    // Stored spellings: CVE/PYSEC upper case; GHSA with a lower-case body (OSV schema, GitHub advisories).
    ['cve-2011-4136', ['cve-2011-4136', 'CVE-2011-4136']],
    [' pysec-2007-1 ', ['pysec-2007-1', 'PYSEC-2007-1']],
    ['ghsa-x88j-93vc-wpmp', ['ghsa-x88j-93vc-wpmp', 'GHSA-X88J-93VC-WPMP', 'GHSA-x88j-93vc-wpmp']],
    ['GHSA-X88J-93VC-WPMP', ['GHSA-X88J-93VC-WPMP', 'GHSA-x88j-93vc-wpmp']],
    ['CVE-2021-23337', ['CVE-2021-23337']],
  ])('%s → %j', (typed, expected) => {
    expect(idSpellings(typed)).toEqual(expected);
  });
});
