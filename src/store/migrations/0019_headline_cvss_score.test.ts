/**
 * Migration 0019 on both dialects: contents stored before a finding's score came from its headline
 * CVSS rating get the score `headlineCvss` gives their own CVSS list, and nothing else changes: no
 * severity, hash or time, no event, and the next analysis records nothing either. The database is
 * put back to its state before 0019 (the old scores written back, the migration unrecorded) with more
 * than one page of contents, then migrated again; a second run does nothing.
 */
import { rerunMigration } from '../../../test/support/rerun-migration.js';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { productInput, seedTenant } from '../../../test/support/fixtures.js';
import { osv, V31_CRITICAL, V31_HIGH } from '../../../test/support/vulns.js';
import { analyzeRelease, releaseEvents } from '../../services/findings.js';
import { createProduct } from '../../services/products.js';
import { createRelease } from '../../services/releases.js';
import { uploadSbom } from '../../services/sboms.js';
import { fixedVulnDbSource } from '../../services/vulndb-source.js';
import { memoryVulnDb } from '../../vulndb/memory-reader.js';
import type { FindingContentsTable } from '../database.js';
import { migrateToLatest } from '../migrate.js';

const range = [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }];
const v4Medium = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N'; // 6.9
const advisory = (name: string, cve: string, severity: { type: string; score: string }[]) =>
  osv({ id: `GHSA-${name}-0000-0000`, aliases: [cve], severity, affected: [{ package: { ecosystem: 'npm', name }, ranges: range }] });
const source = fixedVulnDbSource(
  memoryVulnDb({
    advisories: [
      // 3.1 9.8 and 4.0 6.9: the headline is the 4.0 rating; the old score was the highest, 9.8.
      advisory('delt', 'CVE-2026-0004', [
        { type: 'CVSS_V3', score: V31_CRITICAL },
        { type: 'CVSS_V4', score: v4Medium },
      ]),
      // No CVSS: no score, before and after.
      advisory('epsi', 'CVE-2026-0005', []),
      // One rating: the same score before and after.
      advisory('zeta', 'CVE-2026-0006', [{ type: 'CVSS_V3', score: V31_HIGH }]),
    ],
  }),
);
const sbom = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  components: ['delt', 'epsi', 'zeta'].map((name) => ({ type: 'library', 'bom-ref': name, name, version: '1.0.0', purl: `pkg:npm/${name}@1.0.0` })),
});

describeEachDialect('migration 0019 (headline CVSS score)', (env) => {
  it('sets every stored score to its headline rating\'s, in pages, and changes nothing else', async () => {
    const { ctx, store, dialect } = env();
    const t = await seedTenant(ctx);
    const org = t.editor.organizationId;
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const releases: string[] = [];
    for (const version of ['1.0.0', '1.1.0']) {
      const r = await createRelease(ctx, t.editor, p.value.id, { version, releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
      if (!r.ok) throw new Error('setup');
      const u = await uploadSbom(ctx, t.editor, r.value.id, { bytes: new TextEncoder().encode(sbom), fileName: 'bom.json', source: 'upload' });
      if (!u.ok) throw new Error(JSON.stringify(u.error));
      expect(await analyzeRelease(ctx, t.editor, source, r.value.id)).toMatchObject({ ok: true, value: { new: 3 } });
      releases.push(r.value.id);
    }
    const contents = () => store.db.selectFrom('finding_contents').selectAll().where('organization_id', '=', org).orderBy('id').execute();
    const byVuln = new Map((await contents()).map((c) => [c.vulnerability_id, c]));
    // What this version's analysis stores: the headline score.
    expect([...byVuln.values()].map((c) => [c.vulnerability_id, c.severity, c.cvss_score === null ? null : Number(c.cvss_score)])).toEqual([
      ['CVE-2026-0004', 'medium', 6.9],
      ['CVE-2026-0005', 'unknown', null],
      ['CVE-2026-0006', 'high', 7.5],
    ]);

    // The store as the previous version left it: the highest score of any version, ...
    const delta = byVuln.get('CVE-2026-0004')!;
    await store.db.updateTable('finding_contents').set({ cvss_score: 9.8 }).where('id', '=', delta.id).execute();
    // ... a score beside a rating that did not score (the headline leaves it out) ...
    const unscored: FindingContentsTable = {
      ...delta,
      id: '00000000-0000-7000-8000-00000000000a',
      variant_key: 'unscored',
      vulnerability_id: 'CVE-2026-0007',
      severity: 'unknown',
      cvss_score: 5,
      cvss_json: JSON.stringify([{ version: '3.1', vector: 'CVSS:3.1/AV:N', baseScore: 5, severity: 'unknown', source: 'nvd@nist.gov' }]),
    };
    // ... and more than one page (5,000) of contents like delta's.
    const copies: FindingContentsTable[] = Array.from({ length: 5_001 }, (_, i) => ({
      ...delta,
      id: `ffffffff-0000-7000-8000-${String(i).padStart(12, '0')}`,
      variant_key: `copy:${i}`,
      cvss_score: 9.8,
    }));
    for (let i = 0; i < copies.length; i += 500) await store.db.insertInto('finding_contents').values(copies.slice(i, i + 500)).execute();
    await store.db.insertInto('finding_contents').values(unscored).execute();
    const before = await contents();
    const count = async (table: 'content_events' | 'finding_events') =>
      Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).where('organization_id', '=', org).executeTakeFirstOrThrow()).n);
    const events = { content: await count('content_events'), finding: await count('finding_events') };

    // Run again as an installation upgraded from before it runs it.
    const result = await rerunMigration(store.db, dialect, '0019_headline_cvss_score');
    expect(result.error).toBeUndefined();
    expect(result.results?.map((x) => x.migrationName)).toEqual(['0019_headline_cvss_score']);

    const after = await contents();
    expect(after).toHaveLength(before.length);
    const score = (c: FindingContentsTable) => (c.cvss_score === null ? null : Number(c.cvss_score));
    const want = new Map<string, number | null>([
      [delta.id, 6.9],
      [byVuln.get('CVE-2026-0005')!.id, null],
      [byVuln.get('CVE-2026-0006')!.id, 7.5],
      [unscored.id, null],
      ...copies.map((c) => [c.id, 6.9] as const),
    ]);
    expect(after.filter((c) => score(c) !== want.get(c.id)).map((c) => [c.id, score(c)])).toEqual([]);
    // Every other column as it was: severity, hash, times, sequence numbers.
    const rest = (c: FindingContentsTable) => ({ ...c, cvss_score: null, epss_score: c.epss_score === null ? null : Number(c.epss_score), epss_percentile: c.epss_percentile === null ? null : Number(c.epss_percentile), kev: Number(c.kev), computed_at_seq: Number(c.computed_at_seq) });
    expect(after.map(rest)).toEqual(before.map(rest));
    expect({ content: await count('content_events'), finding: await count('finding_events') }).toEqual(events);

    // Once: the migration is recorded, and a second run changes nothing.
    expect((await migrateToLatest(store.db, dialect)).results).toEqual([]);
    // The next analysis finds the stored contents as it would write them: no event, no change.
    for (const releaseId of releases) {
      expect(await analyzeRelease(ctx, t.editor, source, releaseId)).toMatchObject({ ok: true, value: { new: 0, changed: 0, gone: 0, findings: 3 } });
      const history = await releaseEvents(ctx, t.viewer, releaseId, { limit: 500, offset: 0 });
      expect(history.ok && history.value.items.map((e) => `${e.kind} ${e.vulnerabilityId} ${e.severity}`).sort()).toEqual(['new CVE-2026-0004 medium', 'new CVE-2026-0005 unknown', 'new CVE-2026-0006 high']);
    }
  });
});
