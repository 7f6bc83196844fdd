/** Where the audit log links an entry's entity (web/src/pages/audit-subject.ts). */
import { describe, expect, it } from 'vitest';
import { auditSubjectPath } from '../../web/src/pages/audit-subject.js';

const subject = (productId: string | null, releaseId: string | null = null) => ({ label: 'x', context: null, productId, releaseId });
const admin = { isAdmin: true };
const editor = { isAdmin: false };

describe('auditSubjectPath', () => {
  it.each([
    ['product', subject('p1'), '/products/p1'],
    ['release', subject('p1', 'r1'), '/products/p1/releases/r1'],
    ['component', subject('p1', 'r1'), '/products/p1/releases/r1'],
    ['sbom', subject('p1', 'r1'), '/products/p1/releases/r1?tab=history'],
    ['finding', subject('p1', 'r1'), '/products/p1/releases/r1/triage'],
    ['triage_proposal', subject('p1'), '/products/p1'],
    ['threat_model', subject('p1'), '/products/p1/threats'],
    ['risk', subject('p1'), '/products/p1/threats?tab=risks'],
    ['control', subject('p1'), '/products/p1/threats?tab=register'],
    ['verification_test', subject('p1'), '/products/p1/threats?tab=register'],
    ['compliance_profile', subject('p1'), '/products/p1/compliance'],
    ['compliance_evidence', subject('p1'), '/products/p1/compliance'],
    ['annex_f_gap', subject('p1'), '/products/p1/compliance/annex-f'],
    ['committee_member', subject(null), '/organization/records'],
    ['process_review', subject(null), '/organization/records'],
    // No page, or not known well enough to link.
    ['release', subject(null, 'r1'), null],
    ['compliance_evidence', subject(null), null],
    ['api_token', subject(null), null],
    ['organization', subject(null), null],
    ['something_new', subject('p1'), null],
  ])('%s %j → %s', (entityType, s, path) => {
    expect(auditSubjectPath({ entityType, entityId: 'e1', subject: s }, editor)).toBe(path);
  });

  it('links users to the user list for admins only', () => {
    expect(auditSubjectPath({ entityType: 'user', entityId: 'u1', subject: subject(null) }, admin)).toBe('/users');
    expect(auditSubjectPath({ entityType: 'user', entityId: 'u1', subject: subject(null) }, editor)).toBeNull();
  });

  it('encodes the ids it puts in the path', () => {
    expect(auditSubjectPath({ entityType: 'release', entityId: 'r', subject: subject('a/b', 'c?d') }, editor)).toBe('/products/a%2Fb/releases/c%3Fd');
  });
});
