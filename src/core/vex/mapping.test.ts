import { describe, expect, it } from 'vitest';
import { bomLinkElement, parseBomLink } from './bom-link.js';
import {
  csafRemediationCategories,
  defaultText,
  defaultTextKind,
  fromCsafRemediation,
  fromCsafStatus,
  fromOpenVexStatus,
  fromVexJustificationLabel,
  lossyJustifications,
  lossyResponses,
  lossyStates,
  openVexStatuses,
  responseFromSentence,
  responseSentence,
  toCsafRemediation,
  toCsafStatus,
  toOpenVexStatus,
  toVexJustificationLabel,
  vexJustificationLabels,
} from './mapping.js';
import {
  checkVexDocument,
  sortRatings,
  sortStatements,
  vexJustifications,
  vexResponses,
  vexStates,
  type VexDocument,
  type VexRating,
  type VexStatement,
} from './model.js';

describe('state mapping (sbom-vuln-disclosure.md §5.5)', () => {
  it.each([
    ['in_triage', 'under_investigation', 'under_investigation'],
    ['exploitable', 'affected', 'known_affected'],
    ['resolved', 'fixed', 'fixed'],
    ['resolved_with_pedigree', 'fixed', 'fixed'],
    ['false_positive', 'not_affected', 'known_not_affected'],
    ['not_affected', 'not_affected', 'known_not_affected'],
  ] as const)('%s → OpenVEX %s, CSAF %s', (state, ovx, csaf) => {
    expect(toOpenVexStatus(state)).toBe(ovx);
    expect(toCsafStatus(state)).toBe(csaf);
  });

  it('reads every OpenVEX and CSAF status back; exactly the documented states are lossy', () => {
    for (const s of openVexStatuses) expect(toOpenVexStatus(fromOpenVexStatus(s))).toBe(s);
    for (const state of vexStates) {
      const viaOpenVex = fromOpenVexStatus(toOpenVexStatus(state));
      const viaCsaf = fromCsafStatus(toCsafStatus(state));
      expect(viaCsaf).toBe(viaOpenVex);
      expect(viaOpenVex).toBe(lossyStates[state] ?? state);
    }
    expect(Object.keys(lossyStates).sort()).toEqual(['false_positive', 'resolved_with_pedigree']);
  });
});

describe('justification mapping', () => {
  it('follows the common public mapping', () => {
    expect(vexJustifications.map((j) => toVexJustificationLabel(j))).toEqual([
      'vulnerable_code_not_present',
      'vulnerable_code_not_in_execute_path',
      'vulnerable_code_cannot_be_controlled_by_adversary',
      'vulnerable_code_cannot_be_controlled_by_adversary',
      'vulnerable_code_cannot_be_controlled_by_adversary',
      'inline_mitigations_already_exist',
      'inline_mitigations_already_exist',
      'inline_mitigations_already_exist',
      'inline_mitigations_already_exist',
    ]);
    expect(vexJustificationLabels.map((l) => fromVexJustificationLabel(l))).toEqual([
      'code_not_present',
      'code_not_present',
      'code_not_reachable',
      'requires_configuration',
      'protected_by_mitigating_control',
    ]);
  });

  it('lossyJustifications lists exactly the justifications that do not come back', () => {
    for (const j of vexJustifications)
      expect(fromVexJustificationLabel(toVexJustificationLabel(j))).toBe(lossyJustifications[j] ?? j);
    expect(Object.keys(lossyJustifications).sort()).toEqual([
      'protected_at_perimeter',
      'protected_at_runtime',
      'protected_by_compiler',
      'requires_dependency',
      'requires_environment',
    ]);
  });
});

describe('response mapping', () => {
  it('CSAF remediation categories', () => {
    expect(vexResponses.map((r) => toCsafRemediation(r))).toEqual([
      'none_available',
      'no_fix_planned',
      'vendor_fix',
      'workaround',
      'workaround',
    ]);
    expect(csafRemediationCategories.map((c) => fromCsafRemediation(c))).toEqual([
      'update',
      'workaround_available',
      'workaround_available',
      'will_not_fix',
      'can_not_fix',
    ]);
    for (const r of vexResponses)
      expect(fromCsafRemediation(toCsafRemediation(r))).toBe(lossyResponses[r] ?? r);
  });

  it('OpenVEX action-statement sentences identify each response in both languages', () => {
    for (const r of vexResponses) {
      expect(responseFromSentence(responseSentence(r, 'en'))).toBe(r);
      expect(responseFromSentence(responseSentence(r, 'ja'))).toBe(r);
    }
    expect(responseFromSentence('Update soon')).toBeNull();
    expect(defaultTextKind(defaultText('not_affected_impact', 'ja'))).toBe('not_affected_impact');
    expect(defaultTextKind('The product is fine.')).toBeNull();
  });
});

describe('BOM-Link', () => {
  const sbom = { serialNumber: 'urn:uuid:3E671687-395b-41f5-a30f-a58921a69b79', version: 2 };

  it('builds and parses element links, escaping the bom-ref', () => {
    const link = bomLinkElement(sbom, 'pkg:npm/a b@1#x');
    expect(link).toBe('urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/2#pkg%3Anpm%2Fa%20b%401%23x');
    expect(parseBomLink(link)).toEqual({
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      version: 2,
      bomRef: 'pkg:npm/a b@1#x',
    });
  });

  it('parses unescaped refs and document links; rejects others', () => {
    expect(
      parseBomLink('urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:maven/a/b@1?type=jar')?.bomRef,
    ).toBe('pkg:maven/a/b@1?type=jar');
    expect(parseBomLink('urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1')?.bomRef).toBeNull();
    expect(parseBomLink('urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/0#x')).toBeNull();
    expect(parseBomLink('product-ABC')).toBeNull();
    expect(() => bomLinkElement({ serialNumber: 'nope', version: 1 }, 'x')).toThrow(RangeError);
  });
});

describe('checkVexDocument and sortStatements', () => {
  const s: VexStatement = {
    vulnerability: { id: 'CVE-2026-0001', aliases: [], description: null, ratings: [] },
    product: null,
    component: { bomRef: 'a', name: 'a', version: '1', purl: 'pkg:npm/a@1', cpe: null },
    state: 'in_triage',
    justification: null,
    responses: [],
    detail: null,
    actionStatement: null,
    firstIssued: null,
    lastUpdated: null,
    origin: null,
  };
  const doc = (statements: VexStatement[]): VexDocument => ({
    title: null,
    author: { name: 'A', namespace: null },
    timestamp: '2026-01-01T00:00:00Z',
    lastUpdated: null,
    version: 1,
    statements,
  });

  it('accepts a well-formed document', () => {
    expect(
      checkVexDocument(doc([s, { ...s, vulnerability: { ...s.vulnerability, id: 'CVE-2026-0002' } }])),
    ).toEqual([]);
  });

  it('names every problem', () => {
    const bad = {
      ...s,
      product: null,
      component: null,
      state: 'bogus',
      justification: 'nope',
      responses: ['later'],
    } as unknown as VexStatement;
    expect(checkVexDocument({ ...doc([s, s, bad]), version: 0 }).map((i) => i.path)).toEqual([
      'version',
      'statements[1]',
      'statements[2]',
      'statements[2].state',
      'statements[2].justification',
      'statements[2].responses[0]',
    ]);
  });

  it("accepts ratings of base vectors whose severity is their score's, and names what is wrong with others", () => {
    const ratings: VexRating[] = [
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        baseScore: 9.8,
        severity: 'critical',
        source: 'nvd@nist.gov',
      },
      {
        version: '2.0',
        vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P',
        baseScore: 7.5,
        severity: 'high',
        source: null,
      },
      {
        version: '4.0',
        vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
        baseScore: 9.3,
        severity: 'critical',
        source: null,
      },
    ];
    const rated = (list: VexRating[]) =>
      doc([{ ...s, vulnerability: { ...s.vulnerability, ratings: list } }]);
    expect(checkVexDocument(rated(ratings))).toEqual([]);
    const bad = [
      // a 3.0 vector under 3.1
      { ...ratings[0]!, vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      // temporal metrics: not a base vector
      { ...ratings[0]!, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P' },
      // metrics out of specification order
      { ...ratings[0]!, vector: 'CVSS:3.1/AC:L/AV:N/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      // not a vector
      { ...ratings[0]!, vector: 'CVSS:3.1/AV:N' },
      // severity not the score's band, score with two decimals, score above 10
      { ...ratings[0]!, severity: 'high' },
      { ...ratings[1]!, baseScore: 7.55 },
      { ...ratings[1]!, baseScore: 11 },
      // v2 has no critical band (NVD: high is 7.0–10.0)
      { ...ratings[1]!, baseScore: 10, severity: 'critical' },
      { ...ratings[0]!, version: '5.0' },
    ] as VexRating[];
    expect(checkVexDocument(rated(bad)).map((i) => `${i.path}: ${i.message}`)).toEqual([
      'statements[0].vulnerability.ratings[0].vector: is a CVSS 3.0 vector, not 3.1',
      'statements[0].vulnerability.ratings[1].vector: must hold the base metrics only, in specification order (CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H)',
      'statements[0].vulnerability.ratings[2].vector: must hold the base metrics only, in specification order (CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H)',
      'statements[0].vulnerability.ratings[3].vector: mandatory base metrics missing: AC, PR, UI, S, C, I, A',
      'statements[0].vulnerability.ratings[4].severity: a CVSS 3.1 base score of 9.8 is critical',
      'statements[0].vulnerability.ratings[5].baseScore: must be 0.0–10.0 with one decimal',
      'statements[0].vulnerability.ratings[6].baseScore: must be 0.0–10.0 with one decimal',
      'statements[0].vulnerability.ratings[7].severity: a CVSS 2.0 base score of 10 is high',
      'statements[0].vulnerability.ratings[8].version: unknown CVSS version "5.0"',
    ]);
  });

  it('orders ratings newest CVSS version first, then by score', () => {
    const r = (
      version: VexRating['version'],
      vector: string,
      baseScore: number,
      source: string | null = null,
    ): VexRating => ({ version, vector, baseScore, severity: 'high', source });
    const v2 = r('2.0', 'AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5);
    const a = r('3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5, 'b');
    const b = r('3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5, 'a');
    const c = r('3.1', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8);
    const v4 = r('4.0', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N', 8.7);
    expect(sortRatings([v2, a, b, c, v4])).toEqual([v4, c, b, a, v2]);
  });

  it('sorts by vulnerability, product, component', () => {
    const b = { ...s, vulnerability: { ...s.vulnerability, id: 'CVE-2026-0000' } };
    const c = { ...s, component: { ...s.component!, purl: 'pkg:npm/0@1' } };
    expect(sortStatements([s, c, b])).toEqual([b, c, s]);
  });
});
