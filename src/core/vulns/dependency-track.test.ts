import { describe, expect, it } from 'vitest';
import { closedStates } from '../triage/priority.js';
import { vexStates } from '../vex/model.js';
import {
  cweNumbers,
  dtAliases,
  dtAnalysis,
  dtAnalysisOfDecision,
  dtInheritedRiskScore,
  dtProjectCounts,
  dtSeverityOf,
  dtSeverityRank,
  dtSource,
  type DtCountedFinding,
} from './dependency-track.js';

describe('Dependency-Track analysis states', () => {
  it('maps every decision as the documented table says', () => {
    expect(
      Object.fromEntries(
        Object.entries(dtAnalysisOfDecision).map(([k, v]) => [
          k,
          `${v.state}${v.isSuppressed ? ' suppressed' : ''}`,
        ]),
      ),
    ).toEqual({
      undecided: 'NOT_SET',
      in_triage: 'IN_TRIAGE',
      exploitable: 'EXPLOITABLE',
      false_positive: 'FALSE_POSITIVE suppressed',
      not_affected: 'NOT_AFFECTED suppressed',
      resolved: 'RESOLVED suppressed',
      resolved_with_pedigree: 'RESOLVED suppressed',
    });
    expect(dtAnalysis(null)).toEqual({ state: 'NOT_SET', isSuppressed: false });
  });

  it('has a row for every VEX state, and suppresses exactly the decisions triage counts as closed', () => {
    for (const state of vexStates)
      expect(dtAnalysis(state).isSuppressed, state).toBe(closedStates.includes(state));
  });
});

describe('Dependency-Track severities, sources and aliases', () => {
  it('maps severities in DT order', () => {
    expect(dtSeverityOf).toEqual({
      critical: 'CRITICAL',
      high: 'HIGH',
      medium: 'MEDIUM',
      low: 'LOW',
      none: 'INFO',
      unknown: 'UNASSIGNED',
    });
    expect(
      ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO', 'UNASSIGNED'].map((s) => dtSeverityRank(s as 'HIGH')),
    ).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('files ids under the source DT files them under', () => {
    expect(
      ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm', 'PYSEC-2023-74', 'GO-2024-0001', 'MAL-2024-1'].map(dtSource),
    ).toEqual(['NVD', 'GITHUB', 'OSV', 'OSV', 'OSV']);
  });

  it('pairs each alias with the shown id, leaves out ids DT has no field for', () => {
    expect(
      dtAliases('CVE-2021-23337', [
        'GHSA-35jh-r3h4-6jhm',
        'PYSEC-2021-1',
        'JVNDB-2021-000001',
        'CVE-2021-23337',
      ]),
    ).toEqual([
      { cveId: 'CVE-2021-23337', ghsaId: 'GHSA-35jh-r3h4-6jhm' },
      { cveId: 'CVE-2021-23337', osvId: 'PYSEC-2021-1' },
    ]);
    // An alias of the shown id's own kind stands alone.
    expect(dtAliases('GHSA-aaaa-bbbb-cccc', ['GHSA-dddd-eeee-ffff'])).toEqual([
      { ghsaId: 'GHSA-dddd-eeee-ffff' },
    ]);
    expect(dtAliases('PYSEC-1', [])).toEqual([]);
  });

  it('reads CWE numbers, leaving out what is not a CWE id', () => {
    expect(cweNumbers(['CWE-79', 'NVD-CWE-Other', 'cwe-20', 'CWE-79', 'NVD-CWE-noinfo', 'CWE-x'])).toEqual([
      20, 79,
    ]);
  });
});

describe('Dependency-Track project counts', () => {
  const f = (
    severity: DtCountedFinding['severity'],
    state: Parameters<typeof dtAnalysis>[0],
    component: string,
  ): DtCountedFinding => ({ severity, analysis: dtAnalysis(state), component });

  it('counts unsuppressed findings by severity (INFO as low), audited ones, suppressed ones, vulnerable components', () => {
    const counts = dtProjectCounts(
      [
        f('CRITICAL', null, 'a'),
        f('CRITICAL', 'not_affected', 'b'),
        f('HIGH', 'exploitable', 'a'),
        f('MEDIUM', 'in_triage', 'c'),
        f('LOW', 'resolved', 'd'),
        f('INFO', null, 'e'),
        f('UNASSIGNED', 'false_positive', 'f'),
        f('UNASSIGNED', null, 'f'),
      ],
      9,
    );
    expect(counts).toMatchObject({
      critical: 1,
      high: 1,
      medium: 1,
      low: 1,
      unassigned: 1,
      vulnerabilities: 5,
      vulnerableComponents: 4,
      components: 9,
      suppressed: 3,
      findingsTotal: 5,
      findingsAudited: 1,
      findingsUnaudited: 4,
      inheritedRiskScore: 10 + 5 + 3 + 1 + 5,
      policyViolationsTotal: 0,
      policyViolationsFail: 0,
    });
  });

  it('uses DT’s risk score formula', () => {
    expect(dtInheritedRiskScore({ critical: 2, high: 3, medium: 4, low: 5, unassigned: 6 })).toBe(
      20 + 15 + 12 + 5 + 30,
    );
    expect(dtProjectCounts([], 0)).toMatchObject({
      vulnerabilities: 0,
      inheritedRiskScore: 0,
      components: 0,
    });
  });
});
