/**
 * Migration 0015 on both dialects, from a database with findings in the old layout: every finding
 * reads back unchanged through the view, its ids and events stay, and the first refresh analyses the
 * release whole once, which points the finding (same id, same first-seen time) at a shared content.
 */
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  dialects,
  inCi,
  postgresAdminUrl,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../../test/support/fixtures.js';
import { vulnDbBefore } from '../../../test/support/vulns.js';
import { createServiceContext, type ServiceContext } from '../../services/context.js';
import { refreshFindings, releaseEvents } from '../../services/findings.js';
import { createProduct } from '../../services/products.js';
import { createRelease } from '../../services/releases.js';
import { uploadSbom } from '../../services/sboms.js';
import { fixedVulnDbSource } from '../../services/vulndb-source.js';
import { openStore, type Store } from '../connect.js';
import { migrateTo, migrateToLatest } from '../migrate.js';
import { listFindingEvents, releasesToAnalyseWhole } from '../repositories/findings.js';

const fixture = readFileSync(new URL('../../../test/fixtures/sbom-small.cdx.json', import.meta.url), 'utf8');

for (const dialect of dialects) {
  const run = dialect === 'sqlite' || postgresAdminUrl || inCi ? describe : describe.skip;
  run(`migration 0015 (finding contents) [${dialect}]`, () => {
    let database: TestDatabase;
    let store: Store;
    let ctx: ServiceContext;
    let t: Tenant;
    let releaseId: string;
    const old = {
      id: '00000000-0000-7000-8000-000000000001',
      package_key: 'osv:npm/lodash',
      component_version: '4.17.20',
      vulnerability_id: 'CVE-2021-23337',
      component_id: null,
      component_name: 'lodash',
      component_purl: 'pkg:npm/lodash@4.17.20',
      aliases_json: '["GHSA-35jh-r3h4-6jhm"]',
      summary: 'an older summary',
      severity: 'high',
      cvss_score: 7.5,
      // The score beside the list it comes from, as the analysis writes them (migration 0019 would
      // set the score of an empty list to null).
      cvss_json: JSON.stringify([
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
          baseScore: 7.5,
          severity: 'high',
          source: 'GHSA-35jh-r3h4-6jhm',
        },
      ]),
      epss_score: 0.5,
      epss_percentile: 0.25,
      kev: 0,
      kev_due_date: null,
      fixed_versions_json: '["4.17.21"]',
      evidence_json: '[]',
      content_hash: 'old-hash',
      status: 'active' as const,
      first_seen_at: '2026-01-01T00:00:00.000Z',
      last_seen_at: '2026-01-02T00:00:00.000Z',
      changed_at: '2026-01-01T00:00:00.000Z',
      computed_at_seq: 2,
    };

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      store = openStore(database.url);
      const to = await migrateTo(store.db, store.dialect, '0014_storage_indexes');
      if (to.error) throw to.error;
      ctx = createServiceContext(store);
      t = await seedTenant(ctx);
      const p = await createProduct(ctx, t.editor, productInput());
      if (!p.ok) throw new Error(JSON.stringify(p.error));
      const r = await createRelease(ctx, t.editor, p.value.id, {
        version: '1.0.0',
        releaseDate: '2026-01-01',
        stage: 'support',
        endOfLife: null,
        endOfSupport: null,
        notes: '',
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      releaseId = r.value.id;
      // Today's code stores components with their version key (migration 0018) and marks the primary
      // component (0022): give the old schema the columns while the SBOM is stored, and take them away
      // again before migrating to the latest.
      await sql`alter table components add column version_key text`.execute(store.db);
      await sql`alter table components add column is_primary integer not null default 0`.execute(store.db);
      const u = await uploadSbom(ctx, t.editor, releaseId, {
        bytes: new TextEncoder().encode(fixture),
        fileName: 'bom.json',
        source: 'upload',
      });
      if (!u.ok) throw new Error(JSON.stringify(u.error));
      // The primary component's rows as the code of the time stored them: none (0022 adds them).
      await sql`delete from components where ordinal < 0`.execute(store.db);
      await sql`update sboms set component_count = 4`.execute(store.db);
      // The old layout, written as it was: one finding with its content, its ids and one event.
      const org = t.editor.organizationId;
      const raw = store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      await raw
        .insertInto('findings')
        .values({ ...old, organization_id: org, release_id: releaseId })
        .execute();
      await raw
        .insertInto('finding_ids')
        .values(
          ['CVE-2021-23337', 'GHSA-35JH-R3H4-6JHM'].map((v) => ({
            finding_id: old.id,
            organization_id: org,
            vuln_id: v,
          })),
        )
        .execute();
      await raw
        .insertInto('finding_events')
        .values({
          id: '00000000-0000-7000-8000-000000000002',
          organization_id: org,
          release_id: releaseId,
          finding_id: old.id,
          vulnerability_id: old.vulnerability_id,
          kind: 'new',
          at: old.first_seen_at,
          seq: 2,
          severity: 'high',
          previous_severity: null,
          detail_json: '{}',
        })
        .execute();
      await raw
        .insertInto('release_analyses')
        .values({
          release_id: releaseId,
          organization_id: org,
          sbom_id: u.value.id,
          analysed_at: old.first_seen_at,
          seq: 2,
          component_count: 4,
          unevaluated_count: 1,
        })
        .execute();
      await sql`alter table components drop column version_key`.execute(store.db);
      await sql`alter table components drop column is_primary`.execute(store.db);
      const latest = await migrateToLatest(store.db, store.dialect);
      if (latest.error) throw latest.error;
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it('keeps every finding, its ids and its events, read through the views', async () => {
      const org = t.editor.organizationId;
      const row = await store.db
        .selectFrom('findings')
        .selectAll()
        .where('organization_id', '=', org)
        .executeTakeFirstOrThrow();
      expect({
        ...row,
        cvss_score: Number(row.cvss_score),
        epss_score: Number(row.epss_score),
        epss_percentile: Number(row.epss_percentile),
        kev: Number(row.kev),
        computed_at_seq: Number(row.computed_at_seq),
      }).toEqual({
        ...old,
        organization_id: org,
        release_id: releaseId,
        content_id: old.id,
      });
      const ids = await store.db
        .selectFrom('finding_ids')
        .select(['finding_id', 'vuln_id'])
        .where('organization_id', '=', org)
        .orderBy('vuln_id')
        .execute();
      expect(ids).toEqual([
        { finding_id: old.id, vuln_id: 'CVE-2021-23337' },
        { finding_id: old.id, vuln_id: 'GHSA-35JH-R3H4-6JHM' },
      ]);
      expect(
        (await listFindingEvents(store.db, org, releaseId)).map((e) => [e.findingId, e.kind, e.severity]),
      ).toEqual([[old.id, 'new', 'high']]);
      expect(await releasesToAnalyseWhole(store.db, org)).toEqual([releaseId]);
    });

    it('analyses the release whole at the first refresh: the finding keeps its id and points at a shared content', async () => {
      const org = t.editor.organizationId;
      const refreshed = await refreshFindings(ctx, t.editor, fixedVulnDbSource(vulnDbBefore()));
      if (!refreshed.ok) throw new Error(JSON.stringify(refreshed.error));
      // The four listed components and the primary one (stored by migration 0022).
      expect(refreshed.value).toMatchObject({ releases: 1, components: 5 });
      const rows = await store.db
        .selectFrom('findings')
        .selectAll()
        .where('organization_id', '=', org)
        .where('vulnerability_id', '=', old.vulnerability_id)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: old.id,
        first_seen_at: old.first_seen_at,
        status: 'active',
        severity: 'critical',
      });
      expect(rows[0]!.summary).not.toBe(old.summary);
      expect(rows[0]!.content_id).not.toBe(old.id);
      // The migrated content row went with the last finding that pointed at it.
      expect(
        await store.db.selectFrom('finding_contents').select('id').where('id', '=', old.id).execute(),
      ).toEqual([]);
      const events = await releaseEvents(ctx, t.viewer, releaseId, { limit: 500, offset: 0 });
      expect(
        events.ok &&
          events.value.items
            .filter((e) => e.findingId === old.id)
            .map((e) => [e.kind, e.severity, e.previousSeverity]),
      ).toEqual([
        ['new', 'high', null],
        ['changed', 'critical', 'high'],
      ]);
      expect(await releasesToAnalyseWhole(store.db, org)).toEqual([]);
      // The next refresh has nothing to do for it.
      const again = await refreshFindings(ctx, t.editor, fixedVulnDbSource(vulnDbBefore()));
      expect(again.ok && again.value).toMatchObject({ releases: 0, components: 0, changed: 0, new: 0 });
    });
  });
}
