/** `mamori org records` through run(), on a local SQLite store with two organisations. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { openTestEnv, type TestEnv } from '../../../test/support/databases.js';
import { seedTenant, type Tenant } from '../../../test/support/fixtures.js';
import { createOrgRecord, setOrgRecordArchived } from '../../services/org-records.js';

describe('mamori org records', () => {
  let env: TestEnv & { close(): Promise<void> };
  let t: Tenant;
  let slug: string;
  let otherSlug: string;
  let opts: { env: Record<string, string>; cwd: string };
  let archivedId: string;

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    slug = `recs-${process.pid}`;
    otherSlug = `recs-other-${process.pid}`;
    t = await seedTenant(env.ctx, slug);
    await seedTenant(env.ctx, otherSlug);
    const add = async (kind: Parameters<typeof createOrgRecord>[2], fields: Record<string, unknown>) => {
      const r = await createOrgRecord(env.ctx, t.editor, kind, fields);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.id;
    };
    await add('committee_member', { name: '佐藤 花子', role: 'chair', department: 'QA', email: '', responsibilities: '', appointedOn: '2025-04-01', endsOn: null });
    await add('training_record', { person: 'Suzuki', course: 'Secure coding', competenceArea: 'secure coding', completedOn: '2024-01-10', result: 'passed', validUntil: '2025-01-10', notes: '' });
    archivedId = await add('isao_membership', { organizationName: 'H-ISAC', memberSince: '2021-01-01', endedOn: null, contact: '', notes: '' });
    const archived = await setOrgRecordArchived(env.ctx, t.editor, 'isao_membership', archivedId, true);
    if (!archived.ok) throw new Error(archived.error.message);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-cli-orgrec-'));
    opts = { env: { MAMORI_DATABASE_URL: env.url, MAMORI_DATA_DIR: dir }, cwd: dir };
  });
  afterAll(async () => env.close());

  it('prints the records and the summary as JSON for the named organisation', async () => {
    const res = await runCli(['org', 'records', '--org', slug, '--format', 'json'], opts);
    expect(res.code, res.stderr).toBe(0);
    const body = JSON.parse(res.stdout) as { organization: { slug: string }; summary: { gaps: string[]; expiredTraining: number }; records: { kind: string; status: string }[] };
    expect(body.organization.slug).toBe(slug);
    expect(body.records.map((r) => [r.kind, r.status])).toEqual([['committee_member', 'current'], ['training_record', 'expired']]);
    expect(body.summary.expiredTraining).toBe(1);
    expect(body.summary.gaps).toEqual(['no_raci', 'no_training', 'training_expired', 'no_contact_point', 'no_isao_membership', 'no_process_review']);
  });

  it('prints a table with the summary on stderr, archived records only when asked, and gates with --check', async () => {
    const table = await runCli(['org', 'records', '--org', slug], opts);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^KIND\s+STATUS\s+RECORD\s+DATES\s+ID$/);
    expect(table.stdout).toContain('佐藤 花子 (chair, QA)');
    expect(table.stdout).toMatch(/training_record\s+expired\s+Suzuki: Secure coding \[passed\]\s+2024-01-10 valid until 2025-01-10/);
    expect(table.stdout).not.toContain('H-ISAC');
    expect(table.stderr).toMatch(/expired training\s+1/);
    const all = await runCli(['org', 'records', '--org', slug, '--archived'], opts);
    expect(all.stdout).toMatch(/isao_membership\s+archived\s+H-ISAC/);
    const included = await runCli(['org', 'records', '--org', slug, '--archived', 'include'], opts);
    expect(included.stdout).toBe(all.stdout);
    expect(included.stdout).toContain('佐藤 花子');
    // The same values as `product list` and `release list`.
    const only = await runCli(['org', 'records', '--org', slug, '--archived', 'only'], opts);
    expect(only.code, only.stderr).toBe(0);
    expect(only.stdout).toMatch(/isao_membership\s+archived\s+H-ISAC/);
    expect(only.stdout).not.toContain('佐藤 花子');
    const bad = await runCli(['org', 'records', '--org', slug, '--archived', 'yes'], opts);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('exclude, include, only');
    const gate = await runCli(['org', 'records', '--org', slug, '--check'], opts);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain('Organisation records have gaps: no_raci');
  });

  it('keeps organisations apart and refuses an ambiguous or unknown organisation with exit 2', async () => {
    const other = JSON.parse((await runCli(['org', 'records', '--org', otherSlug, '--format', 'json'], opts)).stdout) as { records: unknown[] };
    expect(other.records).toEqual([]);
    const ambiguous = await runCli(['org', 'records'], opts);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('--org SLUG');
    expect((await runCli(['org', 'records', '--org', 'nope'], opts)).code).toBe(2);
  });
});
