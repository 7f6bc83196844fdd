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
  sortStatements,
  vexJustifications,
  vexResponses,
  vexStates,
  type VexDocument,
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
    vulnerability: { id: 'CVE-2026-0001', aliases: [], description: null },
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

  it('sorts by vulnerability, product, component', () => {
    const b = { ...s, vulnerability: { ...s.vulnerability, id: 'CVE-2026-0000' } };
    const c = { ...s, component: { ...s.component!, purl: 'pkg:npm/0@1' } };
    expect(sortStatements([s, c, b])).toEqual([b, c, s]);
  });
});
