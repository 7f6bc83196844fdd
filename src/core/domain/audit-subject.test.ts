import { describe, expect, it } from 'vitest';
import { auditLabelMaxLength, auditSubjectHint } from './audit-subject.js';

const P = 'product-1';
const R = 'release-1';

describe('auditSubjectHint', () => {
  // Each row: the entity type, what the entry recorded (after, else before), and the name, product and
  // release read from it. Shapes as the services record them (services/*.ts recordAudit calls).
  it.each([
    ['product', { name: '輸液ポンプ IP-300' }, null, ['輸液ポンプ IP-300', 'e-1', null]],
    ['release', { version: '2.0 国内向け', productId: P }, null, ['2.0 国内向け', P, 'e-1']],
    ['sbom', { fileName: 'bom.json', releaseId: R }, null, ['bom.json', null, R]],
    ['component', { releaseId: R, component: { group: 'org.example', name: 'lib', version: '1.2' } }, null, ['org.example lib 1.2', null, R]],
    // A deletion records only `before`.
    ['component', null, { releaseId: R, component: { group: null, name: 'mylib', version: null } }, ['mylib', null, R]],
    ['threat_model', { label: 'Infusion pump', version: 2, productId: P }, null, ['Infusion pump v2', P, null]],
    ['risk', { threatId: 't-spoof', likelihood: 1 }, null, ['t-spoof', null, null]],
    ['control', { ref: 'SC-1', title: 'Badge + PIN', productId: P }, null, ['SC-1 Badge + PIN', P, null]],
    ['verification_test', null, { ref: 'VT-1', title: 'Pen test', productId: P }, ['VT-1 Pen test', P, null]],
    ['compliance_profile', { productId: P, route: 'annex_f' }, null, [null, P, null]],
    ['annex_f_assessment', { scopeNotes: '' }, null, [null, 'e-1', null]],
    ['compliance_assessment', { catalog: 'iec-81001-5-1@2021', entry: '5.7.1', productId: P }, null, ['iec-81001-5-1@2021 5.7.1', P, null]],
    ['compliance_evidence', { title: '体制図', productId: null }, null, ['体制図', null, null]],
    ['annex_f_gap', { entry: '9.2', description: 'No intake procedure', productId: P }, null, ['9.2 No intake procedure', P, null]],
    ['committee_member', { name: '佐藤 花子', role: 'chair' }, null, ['佐藤 花子', null, null]],
    ['training_record', { person: '田中', course: 'Secure coding' }, null, ['田中 Secure coding', null, null]],
    ['process_review', { process: '欠陥管理（4.1.8）' }, null, ['欠陥管理（4.1.8）', null, null]],
    ['user', { email: 'a@example.jp', displayName: 'A' }, null, ['a@example.jp', null, null]],
    ['api_token', { name: 'CI', prefix: 'mamori_abc' }, null, ['CI', null, null]],
    ['organization', { name: '守りメディカル' }, null, ['守りメディカル', null, null]],
    // Entries that record no name: the service looks the entity up.
    ['user', null, null, [null, null, null]],
    ['finding', { state: 'exploitable', findingIds: ['e-1'] }, null, [null, null, null]],
    ['release', { releaseId: R, findings: 3 }, null, [null, null, 'e-1']],
    ['something_new', { name: 'x' }, null, [null, null, null]],
  ] as const)('%s %j %j', (entityType, after, before, [label, productId, releaseId]) => {
    expect(auditSubjectHint({ entityType, entityId: 'e-1', after, before })).toEqual({ label, productId, releaseId });
  });

  it('cuts long names and ignores values that are not text', () => {
    const long = auditSubjectHint({ entityType: 'annex_f_gap', entityId: 'g', after: { entry: '9.2', description: 'あ'.repeat(500) }, before: null });
    expect([...long.label!]).toHaveLength(auditLabelMaxLength);
    expect(long.label!.endsWith('…')).toBe(true);
    expect(auditSubjectHint({ entityType: 'product', entityId: 'p', after: { name: ['x'] }, before: null }).label).toBeNull();
    expect(auditSubjectHint({ entityType: 'product', entityId: 'p', after: '"text"', before: null }).label).toBeNull();
  });
});
