import { describe, expect, it } from 'vitest';
import { cvssSeverity } from './severity.js';
import { cvssV2Scores } from './v2.js';
import { cvssVersionOf, definesGroup, parseCvssVector } from './vector.js';

function code(text: string): string | undefined {
  const r = parseCvssVector(text);
  return r.ok ? undefined : r.error.code;
}

describe('parseCvssVector', () => {
  it.each([
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', '2.0'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.0'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0'],
  ])('accepts %s (version %s)', (vector, version) => {
    const r = parseCvssVector(vector);
    expect(r.ok && r.value.version).toBe(version);
    expect(cvssVersionOf(vector)).toBe(version);
  });

  it('canonicalises v3 metric order (v3.1 spec §6: consumers may accept other orderings)', () => {
    const r = parseCvssVector('CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X');
    expect(r.ok && r.value.vectorString).toBe('CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F/RL:X');
  });

  it.each([
    ['', 'cvss.empty'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'cvss.missing_metric'],
    ['CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss.duplicate_metric'],
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss.unknown_value'],
    ['CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss.unknown_value'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y', 'cvss.unknown_metric'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', 'cvss.malformed_metric'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H:H', 'cvss.malformed_metric'],
    ['CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss.unsupported_version'],
    ['CVSS:/AV:N', 'cvss.unsupported_version'],
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C/E:X', 'cvss.unknown_value'], // v2 uses ND, not X
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss.unknown_metric'], // v3 metrics without prefix
    ['CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'cvss.out_of_order'], // FIRST cvss-v4.0.json pattern
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', 'cvss.missing_metric'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:clear', 'cvss.unknown_value'],
    ['CVSS:3.1/' + 'AV:N/'.repeat(200), 'cvss.too_long'],
  ])('rejects %j with %s', (vector, expected) => {
    expect(code(vector)).toBe(expected);
  });

  it('names the missing metrics', () => {
    const r = parseCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H');
    expect(r.ok ? '' : r.error.message).toBe('mandatory base metrics missing: I, A');
  });

  it('accepts MSI:S / MSA:S (v4.0 safety) and reports which groups are defined', () => {
    const r = parseCvssVector('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/MSI:S/S:P');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(definesGroup(r.value, 'threat')).toBe(false);
    expect(definesGroup(r.value, 'environmental')).toBe(true);
    expect(definesGroup(r.value, 'supplemental')).toBe(true);
  });
});

describe('cvssSeverity (v3.1 spec §5 Table 14; NVD v2 bands)', () => {
  it.each([
    ['3.1', 0, 'NONE'],
    ['3.1', 0.1, 'LOW'],
    ['3.1', 4, 'MEDIUM'],
    ['4.0', 7, 'HIGH'],
    ['4.0', 9, 'CRITICAL'],
    ['2.0', 0, 'LOW'],
    ['2.0', 10, 'HIGH'],
  ] as const)('v%s %d → %s', (version, score, severity) => {
    expect(cvssSeverity(version, score)).toBe(severity);
  });
});

describe('cvssV2Scores (v2 guide §3.2)', () => {
  it('rounds the decimal value half up: 9.0 × 0.95 = 8.55 → 8.6 (redhat-cvss vectors_calculator2)', () => {
    const r = parseCvssVector('AV:N/AC:L/Au:S/C:C/I:C/A:C/E:F/RL:U/RC:C');
    if (!r.ok) throw new Error(r.error.message);
    expect(cvssV2Scores(r.value)).toMatchObject({ base: 9, temporal: 8.6 });
  });
});
