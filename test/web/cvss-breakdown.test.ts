/**
 * The vulnerability page's CVSS breakdown (web/src/pages/vulns/cvss-breakdown.ts): each version's
 * own metric and value names (CVSS v4.0 specification §2–§4, v3.1 specification §2–§4, v2 guide
 * §2), in Japanese and English, with Not Defined metrics listed apart and CVSS 4.0 Safety always shown.
 */
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { cvssMetricDefinitions, cvssVersions } from '../../src/core/vulns/cvss/metrics.js';
import { cvssBreakdown } from '../../web/src/pages/vulns/cvss-breakdown.js';
import { webT } from '../support/web-i18n.js';

let ja: TFunction;
let en: TFunction;
beforeAll(async () => {
  ja = await webT('ja');
  en = await webT('en');
});

/** CVE-2025-4565 as Google's CNA scored it (OSV record, conformance/advisories): every v4 metric written, all but the base Not Defined. */
const v4Full =
  'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X';

const table = (b: ReturnType<typeof cvssBreakdown>) =>
  b.groups.map((g) => [g.title, g.rows.map((r) => `${r.label}: ${r.valueLabel}`)]);

describe('cvssBreakdown', () => {
  it('names CVSS 4.0 S as Safety, never Scope, and lists the Not Defined metrics apart', () => {
    const b = cvssBreakdown(v4Full, en);
    expect(b.family).toBe('v4');
    expect(table(b)).toEqual([
      [
        'Base metrics',
        [
          'Attack vector: Network',
          'Attack complexity: Low',
          'Attack requirements: Present',
          'Privileges required: None',
          'User interaction: None',
          'Confidentiality (vulnerable system): None',
          'Integrity (vulnerable system): None',
          'Availability (vulnerable system): High',
          'Confidentiality (subsequent systems): None',
          'Integrity (subsequent systems): None',
          'Availability (subsequent systems): None',
        ],
      ],
      ['Supplemental metrics', ['Safety: Not defined']],
    ]);
    expect(b.groups[1]!.rows[0]!.highlight).toBe(true);
    expect(b.notDefined.map((r) => r.metric)).toEqual(
      'E,CR,IR,AR,MAV,MAC,MAT,MPR,MUI,MVC,MVI,MVA,MSC,MSI,MSA,AU,R,V,RE,U'.split(','),
    );
    expect(b.notDefined.every((r) => r.valueLabel === 'Not defined' && r.label !== r.metric)).toBe(true);
    const jaB = cvssBreakdown(v4Full, ja);
    expect(table(jaB)[1]).toEqual(['補足評価基準', ['安全性（Safety）: 未定義']]);
    expect(jaB.notDefined.map((r) => r.valueLabel)).toEqual(Array(20).fill('未定義'));
    expect(JSON.stringify([table(jaB), jaB.notDefined])).not.toMatch(/スコープ|Scope/);
  });

  it('shows Safety for a CVSS 4.0 vector without supplemental metrics, and every defined v4 metric by its own names', () => {
    // PYSEC-2026-1806 (conformance/advisories): base metrics only.
    const base = cvssBreakdown('CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N', en);
    expect(base.groups.map((g) => g.group)).toEqual(['base', 'supplemental']);
    expect(base.groups[1]!.rows.map((r) => [r.metric, r.value, r.valueLabel])).toEqual([
      ['S', 'X', 'Not defined'],
    ]);
    expect(base.notDefined).toEqual([]);

    const set = cvssBreakdown(
      'CVSS:4.0/AV:A/AC:H/AT:N/PR:L/UI:A/VC:H/VI:H/VA:H/SC:L/SI:H/SA:H/E:P/CR:H/MSC:N/MSI:S/MSA:S/S:P/AU:Y/R:I/V:C/RE:M/U:Amber',
      en,
    );
    expect(table(set)).toEqual([
      [
        'Base metrics',
        expect.arrayContaining([
          'Attack vector: Adjacent',
          'User interaction: Active',
          'Integrity (subsequent systems): High',
        ]),
      ],
      ['Threat metrics', ['Exploit maturity: Proof-of-concept']],
      [
        'Environmental metrics',
        [
          'Confidentiality requirements: High',
          'Modified confidentiality (subsequent systems): Negligible',
          'Modified integrity (subsequent systems): Safety',
          'Modified availability (subsequent systems): Safety',
        ],
      ],
      [
        'Supplemental metrics',
        [
          'Safety: Present',
          'Automatable: Yes',
          'Recovery: Irrecoverable',
          'Value density: Concentrated',
          'Vulnerability response effort: Moderate',
          'Provider urgency: Amber',
        ],
      ],
    ]);
    expect(
      table(cvssBreakdown('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/R:U', ja))[1],
    ).toEqual(['補足評価基準', ['安全性（Safety）: あり', '回復性（Recovery）: ユーザー']]);
  });

  it('keeps Scope for CVSS 3.x, with its temporal and environmental metrics named', () => {
    const b = cvssBreakdown('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:F/RL:X/RC:C/CR:H/MAV:L/MS:U', en);
    expect(table(b)).toEqual([
      [
        'Base metrics',
        [
          'Attack vector: Network',
          'Attack complexity: Low',
          'Privileges required: None',
          'User interaction: None',
          'Scope: Changed',
          'Confidentiality: High',
          'Integrity: High',
          'Availability: High',
        ],
      ],
      ['Temporal metrics', ['Exploit code maturity: Functional', 'Report confidence: Confirmed']],
      [
        'Environmental metrics',
        ['Confidentiality requirement: High', 'Modified attack vector: Local', 'Modified scope: Unchanged'],
      ],
    ]);
    expect(b.notDefined.map((r) => `${r.label}: ${r.valueLabel}`)).toEqual([
      'Remediation level: Not defined',
    ]);
    expect(table(cvssBreakdown('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', ja))).toEqual([
      [
        '基本評価基準',
        [
          '攻撃元区分: ネットワーク',
          '攻撃条件の複雑さ: 低',
          '必要な特権レベル: 不要',
          'ユーザー関与: 不要',
          'スコープ: 変更なし',
          '機密性への影響: なし',
          '完全性への影響: なし',
          '可用性への影響: 低',
        ],
      ],
    ]);
  });

  it('names CVSS v2 metrics and values, including Partial and Complete', () => {
    const b = cvssBreakdown('AV:N/AC:M/Au:N/C:P/I:C/A:N/E:POC/RL:ND', en);
    expect(table(b)).toEqual([
      [
        'Base metrics',
        [
          'Access vector: Network',
          'Access complexity: Medium',
          'Authentication: None',
          'Confidentiality impact: Partial',
          'Integrity impact: Complete',
          'Availability impact: None',
        ],
      ],
      ['Temporal metrics', ['Exploitability: Proof-of-concept']],
    ]);
    expect(b.notDefined.map((r) => r.valueLabel)).toEqual(['Not defined']);
    expect(table(cvssBreakdown('AV:N/AC:M/Au:N/C:P/I:C/A:N', ja))[0]![1]).toContain('機密性への影響: 部分的');
  });

  it('still lists a vector the parser refuses, naming what it can', () => {
    const b = cvssBreakdown('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', en);
    expect(b.groups).toHaveLength(1);
    expect(b.groups[0]!.rows.map((r) => `${r.label}: ${r.valueLabel}`)).toContain('Scope: Unchanged');
    expect(cvssBreakdown('nonsense/Q:Z', en).groups[0]!.rows).toEqual([
      { metric: 'Q', value: 'Z', label: 'Q', valueLabel: 'Z', defined: true, highlight: false },
    ]);
  });

  it('has a name for every metric and value of every version, in both languages', () => {
    for (const base of [en, ja]) {
      const missing: string[] = [];
      // A t that records every key it has no text for (the breakdown falls back to the abbreviation).
      const t = ((key: string, options?: Record<string, unknown>) => {
        const text = base(key, { ...options, defaultValue: '\0' });
        if (text === '\0') missing.push(key);
        return text;
      }) as unknown as TFunction;
      for (const version of cvssVersions)
        for (const d of cvssMetricDefinitions[version])
          for (const value of d.values) {
            const metrics = cvssMetricDefinitions[version]
              .filter((x) => x.group === 'base' || x === d)
              .map((x) => `${x.name}:${x === d ? value : x.values[0]}`);
            const b = cvssBreakdown((version === '2.0' ? '' : `CVSS:${version}/`) + metrics.join('/'), t);
            expect(b.groups.flatMap((g) => g.rows).length + b.notDefined.length).toBeGreaterThan(
              metrics.length - 1,
            );
          }
      expect(missing).toEqual([]);
    }
  });
});
