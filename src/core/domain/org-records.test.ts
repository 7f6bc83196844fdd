import { describe, expect, it } from 'vitest';
import {
  normalizeOrgRecordInput,
  orgRecordIssues,
  orgRecordStatus,
  orgRecordStatuses,
  summarizeOrgRecords,
  type AnyOrgRecord,
  type OrgRecordFieldsByKind,
  type OrgRecordKind,
} from './org-records.js';

let n = 0;
function rec<K extends OrgRecordKind>(kind: K, fields: OrgRecordFieldsByKind[K], archivedAt: string | null = null): AnyOrgRecord {
  n += 1;
  const at = '2026-01-01T00:00:00.000Z';
  return { kind, id: `id-${String(n).padStart(3, '0')}`, organizationId: 'o', createdAt: at, createdBy: 'a', updatedAt: at, updatedBy: 'a', archivedAt, ...fields } as AnyOrgRecord;
}

const review = (process: string, reviewedOn: string, nextReviewDue: string | null) =>
  rec('process_review', { reviewedOn, process, reviewers: ['Sato'], findings: 'ok', actions: '', nextReviewDue });
const training = (person: string, completedOn: string, validUntil: string | null, result: 'passed' | 'failed' | 'attended' = 'passed') =>
  rec('training_record', { person, course: 'Secure coding', competenceArea: 'secure coding', completedOn, result, validUntil, notes: '' });

describe('normalizeOrgRecordInput', () => {
  it('trims text, turns blank optional dates and numbers into null, drops blank list items and unknown keys', () => {
    expect(normalizeOrgRecordInput('contact_point', { channel: 'email', address: ' psirt@example.com ', publishedUrl: '  ', responseSlaDays: '', extra: 1 })).toEqual({
      channel: 'email',
      address: 'psirt@example.com',
      pgpKey: '',
      publishedUrl: null,
      responseSlaDays: null,
      notes: '',
    });
    expect(normalizeOrgRecordInput('process_review', { reviewers: [' A ', '', 'B'] })).toMatchObject({ reviewers: ['A', 'B'], nextReviewDue: null, reviewedOn: null });
  });
});

describe('orgRecordIssues', () => {
  it('names every missing required field', () => {
    const issues = orgRecordIssues('training_record', normalizeOrgRecordInput('training_record', {}) as never);
    expect(issues.map((i) => i.path)).toEqual(['person', 'course', 'competenceArea', 'completedOn', 'result']);
  });
  it('checks enums, dates, emails, URLs and integer ranges', () => {
    const input = normalizeOrgRecordInput('committee_member', { name: 'Sato', role: 'king', email: 'nope', appointedOn: '2026-13-01' });
    expect(orgRecordIssues('committee_member', input as never).map((i) => i.path)).toEqual(['role', 'email', 'appointedOn']);
    const cp = normalizeOrgRecordInput('contact_point', { channel: 'web_form', address: 'psirt@example.com', publishedUrl: 'ftp://x', responseSlaDays: 0 });
    expect(orgRecordIssues('contact_point', cp as never).map((i) => i.path)).toEqual(['publishedUrl', 'responseSlaDays', 'address']);
    const email = normalizeOrgRecordInput('contact_point', { channel: 'email', address: 'not an address' });
    expect(orgRecordIssues('contact_point', email as never)).toEqual([{ path: 'address', message: 'An email contact point needs an email address.' }]);
  });
  it('rejects date ranges that end before they begin', () => {
    const t = normalizeOrgRecordInput('training_record', { person: 'A', course: 'C', competenceArea: 'x', completedOn: '2026-05-01', result: 'passed', validUntil: '2026-04-30' });
    expect(orgRecordIssues('training_record', t as never)).toEqual([{ path: 'validUntil', message: 'Validity cannot end before the training was completed.' }]);
    const r = normalizeOrgRecordInput('process_review', { reviewedOn: '2026-05-01', process: 'p', reviewers: ['a'], findings: 'f', nextReviewDue: '2026-05-01' });
    expect(orgRecordIssues('process_review', r as never)).toEqual([]);
  });
});

describe('orgRecordStatus', () => {
  const today = '2026-06-15';
  it('marks training expired after its validity, expiring within 30 days, failed when failed', () => {
    expect(orgRecordStatus(training('A', '2025-01-01', '2026-06-14'), today)).toBe('expired');
    expect(orgRecordStatus(training('A', '2025-01-01', '2026-06-15'), today)).toBe('expiring');
    expect(orgRecordStatus(training('A', '2025-01-01', '2026-07-15'), today)).toBe('expiring');
    expect(orgRecordStatus(training('A', '2025-01-01', '2026-07-16'), today)).toBe('current');
    expect(orgRecordStatus(training('A', '2025-01-01', null), today)).toBe('current');
    expect(orgRecordStatus(training('A', '2025-01-01', null, 'failed'), today)).toBe('failed');
  });
  it('marks a review overdue the day after it was due, and due soon within 30 days', () => {
    expect(orgRecordStatus(review('p', '2025-06-01', '2026-06-14'), today)).toBe('overdue');
    expect(orgRecordStatus(review('p', '2025-06-01', '2026-06-15'), today)).toBe('due_soon');
    expect(orgRecordStatus(review('p', '2025-06-01', '2027-01-01'), today)).toBe('current');
  });
  it('marks ended terms and memberships, and archived records', () => {
    const m = rec('committee_member', { name: 'A', role: 'chair', department: '', email: '', responsibilities: '', appointedOn: null, endsOn: '2026-06-14' });
    expect(orgRecordStatus(m, today)).toBe('ended');
    const i = rec('isao_membership', { organizationName: 'JPCERT/CC', memberSince: null, endedOn: '2026-06-15', contact: '', notes: '' });
    expect(orgRecordStatus(i, today)).toBe('current');
    expect(orgRecordStatus(rec('raci_assignment', { activity: 'a', party: 'b', assignment: 'A', notes: '' }, '2026-01-01T00:00:00Z'), today)).toBe('archived');
  });
  it('lets a newer review of the same process, or a newer training in the same course, supersede the older one', () => {
    const old = review('Defect management', '2025-01-01', '2026-01-01');
    const renewed = review(' defect management ', '2026-01-10', '2027-01-10');
    const other = review('Training programme', '2025-01-01', '2026-01-01');
    const statuses = orgRecordStatuses([old, renewed, other], '2026-06-15');
    expect([statuses.get(old.id), statuses.get(renewed.id), statuses.get(other.id)]).toEqual(['superseded', 'current', 'overdue']);
    const t1 = training('Sato', '2024-01-01', '2025-01-01');
    const t2 = training('sato', '2025-01-01', '2027-01-01');
    const s2 = orgRecordStatuses([t1, t2], '2026-06-15');
    expect([s2.get(t1.id), s2.get(t2.id)]).toEqual(['superseded', 'current']);
  });
});

describe('summarizeOrgRecords', () => {
  it('lists every gap for an organisation with no records', () => {
    expect(summarizeOrgRecords([], '2026-06-15').gaps).toEqual([
      'no_committee',
      'no_raci',
      'no_training',
      'no_contact_point',
      'no_isao_membership',
      'no_process_review',
    ]);
  });
  it('counts records in force, expired training, overdue reviews and RACI activities without exactly one Accountable', () => {
    const raci = (activity: string, assignment: 'R' | 'A' | 'C' | 'I') => rec('raci_assignment', { activity, party: 'PSIRT', assignment, notes: '' });
    const records = [
      rec('committee_member', { name: 'A', role: 'chair', department: '', email: '', responsibilities: '', appointedOn: null, endsOn: null }),
      rec('committee_member', { name: 'B', role: 'member', department: '', email: '', responsibilities: '', appointedOn: null, endsOn: '2026-01-01' }),
      raci('Triage', 'A'),
      raci('Triage', 'R'),
      raci('Disclosure', 'R'),
      raci('Release', 'A'),
      raci('Release', 'A'),
      training('Sato', '2024-01-01', '2025-01-01'),
      training('Suzuki', '2026-01-01', null),
      rec('contact_point', { channel: 'email', address: 'psirt@example.com', pgpKey: '', publishedUrl: null, responseSlaDays: 5, notes: '' }),
      rec('isao_membership', { organizationName: 'MDS-ISAO', memberSince: '2020-01-01', endedOn: '2025-12-31', contact: '', notes: '' }),
      review('Defect management', '2025-01-01', '2026-01-01'),
      review('Archived one', '2026-03-01', '2026-04-01'),
    ];
    const archived = { ...records.pop()!, archivedAt: '2026-05-01T00:00:00Z' } as AnyOrgRecord;
    const s = summarizeOrgRecords([...records, archived], '2026-06-15');
    expect(s.current).toEqual({ committee_member: 1, raci_assignment: 5, training_record: 1, contact_point: 1, isao_membership: 0, process_review: 1 });
    expect(s.expiredTraining).toBe(1);
    expect(s.overdueReviews).toBe(1);
    expect(s.lastReviewOn).toBe('2025-01-01');
    expect(s.raciActivitiesWithoutOneAccountable).toEqual(['Disclosure', 'Release']);
    expect(s.gaps).toEqual(['raci_without_accountable', 'raci_several_accountable', 'training_expired', 'no_isao_membership', 'process_review_overdue']);
  });
});
