import { describe, expect, it } from 'vitest';
import { isMaliciousPackage, isMaliciousPackageReason, maliciousPackageIds, maliciousPackageReason } from './malicious-package.js';

describe('malicious packages (OSV MAL- ids)', () => {
  // Leitwacht npm feed, conformance/advisories/leitwacht-npm-malicious.jsonl.gz: LWA-2026-0053, alias MAL-2026-4496.
  const ids = ['LWA-2026-0053', 'MAL-2026-4496'];

  it('finds the MAL- ids among a vulnerability’s ids, in any case', () => {
    expect(maliciousPackageIds(ids)).toEqual(['MAL-2026-4496']);
    expect(isMaliciousPackage(['mal-2025-1'])).toBe(true);
    expect(isMaliciousPackage(['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm'])).toBe(false);
  });

  it('recognises its own reason among the notes of an evidence explanation', () => {
    const reason = maliciousPackageReason(ids);
    expect(reason).toBe('malicious package (MAL-2026-4496): severity critical, whatever a score says');
    const explanation = `1.0.7 is listed in the versions of LWA-2026-0053; ${reason}`;
    expect(explanation.split('; ').map(isMaliciousPackageReason)).toEqual([false, true]);
    expect(isMaliciousPackageReason('ECOSYSTEM range evaluated with the generic scheme')).toBe(false);
  });
});
