/**
 * Organisation-level records through the services on both dialects: every kind round-trips through
 * its table, validation, update, archive/restore (never delete), audit entries, roles and tenant
 * isolation, and the status and summary computed from the injected clock.
 */
import { beforeAll, expect, it } from 'vitest';
import { orgRecordKinds, type OrgRecordKind } from '../core/domain/org-records.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { listAudit } from '../store/repositories/audit.js';
import { createServiceContext, type ServiceContext } from './context.js';
import { createOrgRecord, listOrgRecordsView, setOrgRecordArchived, updateOrgRecordFields } from './org-records.js';

const samples: Record<OrgRecordKind, Record<string, unknown>> = {
  committee_member: { name: '佐藤 花子', role: 'chair', department: 'QA', email: 'sato@example.com', responsibilities: 'Chairs the PSIRT board', appointedOn: '2025-04-01', endsOn: null },
  raci_assignment: { activity: 'Vulnerability triage (9.3)', party: 'PSIRT lead', assignment: 'A', notes: '' },
  training_record: { person: 'Suzuki', course: 'Secure coding', competenceArea: 'secure coding', completedOn: '2025-01-10', result: 'passed', validUntil: '2026-01-10', notes: '' },
  contact_point: { channel: 'email', address: 'psirt@example.com', pgpKey: 'ABCD 1234', publishedUrl: 'https://example.com/.well-known/security.txt', responseSlaDays: 5, notes: '' },
  isao_membership: { organizationName: 'JPCERT/CC', memberSince: '2022-06-01', endedOn: null, contact: 'early-warning', notes: '' },
  process_review: { reviewedOn: '2025-03-01', process: 'Security defect management (4.1.8)', reviewers: ['Sato', 'Tanaka'], findings: 'Two late fixes', actions: 'Add SLA', nextReviewDue: '2026-03-01' },
};

describeEachDialect('Organisation records service', (env) => {
  let ctx: ServiceContext;
  let t: Tenant;
  let other: Tenant;
  const ids = {} as Record<OrgRecordKind, string>;

  beforeAll(async () => {
    ctx = createServiceContext(env().store, { clock: () => new Date('2026-06-15T09:00:00.000Z') });
    t = await seedTenant(ctx);
    other = await seedTenant(ctx);
  });

  it('stores every kind with its fields and audits the creation', async () => {
    for (const kind of orgRecordKinds) {
      const created = await createOrgRecord(ctx, t.editor, kind, samples[kind]);
      expect(created.ok, JSON.stringify(created)).toBe(true);
      if (!created.ok) continue;
      ids[kind] = created.value.id;
      expect(created.value).toMatchObject({ kind, organizationId: t.organizationId, archivedAt: null, createdBy: t.editor.name, ...samples[kind] });
    }
    const view = await listOrgRecordsView(ctx, t.viewer);
    expect(view.ok && view.value.records.map((r) => r.kind)).toEqual([...orgRecordKinds]);
    if (!view.ok) return;
    for (const r of view.value.records) expect(r).toMatchObject(samples[r.kind]);
    const audit = await listAudit(ctx.store.db, t.organizationId, { entityId: ids.process_review }, { limit: 10, offset: 0 });
    expect(audit.items.map((a) => [a.action, a.entityType])).toEqual([['org_record.create', 'process_review']]);
  });

  it('computes status and summary from the clock: expired training and overdue review, the only training in force is gone', async () => {
    const view = await listOrgRecordsView(ctx, t.viewer);
    if (!view.ok) throw new Error(view.error.message);
    const status = Object.fromEntries(view.value.records.map((r) => [r.kind, r.status]));
    expect(status).toMatchObject({ training_record: 'expired', process_review: 'overdue', committee_member: 'current' });
    expect(view.value.summary).toMatchObject({ today: '2026-06-15', expiredTraining: 1, overdueReviews: 1, lastReviewOn: '2025-03-01', gaps: ['no_training', 'training_expired', 'process_review_overdue'] });
  });

  it('rejects invalid fields with the field named', async () => {
    const bad = await createOrgRecord(ctx, t.editor, 'contact_point', { ...samples.contact_point, address: 'not-an-email', responseSlaDays: 400 });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('org_record.invalid');
    expect(bad.error.issues?.map((i) => i.path)).toEqual(['responseSlaDays', 'address']);
  });

  it('updates a record keeping unspecified fields, and audits before and after', async () => {
    const updated = await updateOrgRecordFields(ctx, t.admin, 'training_record', ids.training_record, { validUntil: '2027-01-10' });
    expect(updated.ok && updated.value).toMatchObject({ person: 'Suzuki', validUntil: '2027-01-10', updatedBy: t.admin.name });
    const invalid = await updateOrgRecordFields(ctx, t.admin, 'training_record', ids.training_record, { validUntil: '2024-01-01' });
    expect(!invalid.ok && invalid.error.code).toBe('org_record.invalid');
    const audit = await listAudit(ctx.store.db, t.organizationId, { entityId: ids.training_record }, { limit: 10, offset: 0 });
    const entry = audit.items.find((a) => a.action === 'org_record.update');
    expect(entry?.before).toMatchObject({ validUntil: '2026-01-10' });
    expect(entry?.after).toMatchObject({ validUntil: '2027-01-10' });
  });

  it('archives instead of deleting, blocks edits while archived, and restores', async () => {
    const archived = await setOrgRecordArchived(ctx, t.editor, 'process_review', ids.process_review, true);
    expect(archived.ok && archived.value.archivedAt).toBe('2026-06-15T09:00:00.000Z');
    const list = await listOrgRecordsView(ctx, t.viewer);
    expect(list.ok && list.value.records.some((r) => r.id === ids.process_review)).toBe(false);
    expect(list.ok && list.value.summary.gaps).toEqual(['no_process_review']);
    const all = await listOrgRecordsView(ctx, t.viewer, { archived: 'include' });
    expect(all.ok && all.value.records.find((r) => r.id === ids.process_review)?.status).toBe('archived');
    const only = await listOrgRecordsView(ctx, t.viewer, { archived: 'only' });
    expect(only.ok && only.value.records.map((r) => r.id)).toEqual([ids.process_review]);
    // The summary covers every record whatever the list shows.
    expect(only.ok && only.value.summary).toEqual(list.ok && list.value.summary);
    const edit = await updateOrgRecordFields(ctx, t.editor, 'process_review', ids.process_review, { actions: 'x' });
    expect(!edit.ok && edit.error.code).toBe('org_record.archived');
    const restored = await setOrgRecordArchived(ctx, t.editor, 'process_review', ids.process_review, false);
    expect(restored.ok && restored.value.archivedAt).toBe(null);
    const audit = await listAudit(ctx.store.db, t.organizationId, { entityId: ids.process_review }, { limit: 10, offset: 0 });
    expect(audit.items.map((a) => a.action).sort()).toEqual(['org_record.archive', 'org_record.create', 'org_record.restore']);
  });

  it('lets viewers read but not write, and keeps organisations apart', async () => {
    const denied = await createOrgRecord(ctx, t.viewer, 'committee_member', samples.committee_member);
    expect(!denied.ok && denied.error.code).toBe('auth.forbidden');
    const theirs = await listOrgRecordsView(ctx, other.admin);
    expect(theirs.ok && theirs.value.records).toEqual([]);
    const cross = await updateOrgRecordFields(ctx, other.admin, 'committee_member', ids.committee_member, { name: 'X' });
    expect(!cross.ok && cross.error.code).toBe('org_record.not_found');
    const crossArchive = await setOrgRecordArchived(ctx, other.admin, 'committee_member', ids.committee_member, true);
    expect(!crossArchive.ok && crossArchive.error.code).toBe('org_record.not_found');
  });
});
