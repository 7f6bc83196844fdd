import { describe, expect, it } from 'vitest';
import { parseCvssVector } from '../core/vulns/cvss/vector.js';
import { libraryCvssV2Scores, scoreCvssVector } from './cvss.js';

describe('scoreCvssVector', () => {
  it('scores a v3.1 vector with temporal metrics (NVD CVE-2021-44228 base 10.0)', () => {
    const r = scoreCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:U');
    expect(r.ok && r.value).toMatchObject({ baseScore: 10, baseSeverity: 'CRITICAL', temporalScore: 9.1, score: 9.1, nomenclature: 'temporal' });
  });

  it('gives v4.0 the CVSS-B score as base and the CVSS-BT score as score (v4.0 spec §1.3)', () => {
    const r = scoreCvssVector('CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U');
    expect(r.ok && r.value).toMatchObject({ baseScore: 7.3, score: 4.1, severity: 'MEDIUM', nomenclature: 'CVSS-BT' });
  });

  it('returns the parse error for an invalid vector instead of throwing', () => {
    const r = scoreCvssVector('CVSS:3.1/AV:N');
    expect(r.ok ? '' : r.error.code).toBe('cvss.missing_metric');
  });

  it('documents why v2.0 is scored in core: the library rounds 8.549999… down', () => {
    const v = parseCvssVector('AV:N/AC:L/Au:S/C:C/I:C/A:C/E:F/RL:U/RC:C');
    if (!v.ok) throw new Error(v.error.message);
    expect(libraryCvssV2Scores(v.value).temporal).toBe(8.5);
    const r = scoreCvssVector('AV:N/AC:L/Au:S/C:C/I:C/A:C/E:F/RL:U/RC:C');
    expect(r.ok && r.value.temporalScore).toBe(8.6);
  });
});
