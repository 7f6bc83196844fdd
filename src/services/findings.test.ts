/**
 * Findings on both dialects: analysis of a release (findings with evidence, unevaluated components,
 * events, audit), idempotent re-analysis, re-analysis after a feed change touching only the changed
 * packages, upgrade detection, the portfolio questions and tenant isolation.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { nvd, osv, V31_CRITICAL, vulnDbAfter, vulnDbBefore } from '../../test/support/vulns.js';
import { findingsOfReleases, listFindingEvents } from '../store/repositories/findings.js';
import type { ComponentIdentity } from '../core/vulns/finding.js';
import { Matcher, matchComponents } from '../vulns/match.js';
import { memoryVulnDb } from '../vulndb/memory-reader.js';
import { openVulnDb } from '../vulndb/database.js';
import { importPath } from '../vulndb/import.js';
import { listAudit } from './audit.js';
import {
  affectedBy,
  analyzeRelease,
  kevInField,
  listReleaseFindings,
  listUnevaluated,
  listVulnerabilities,
  matchSliceComponents,
  matchSlices,
  newSince,
  packageOf,
  refreshFindings,
  releaseEvents,
  getVulnerability,
  severityHistory,
  severityTimeline,
} from './findings.js';
import { createProduct, setProductArchived } from './products.js';
import { createRelease, setReleaseArchived } from './releases.js';
import { uploadSbom } from './sboms.js';
import { createServiceContext, type ServiceContext } from './context.js';
import { fixedVulnDbSource, vulnDbSource, type VulnDbSource } from './vulndb-source.js';

const fixture = readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url), 'utf8');
const upgraded = fixture.replaceAll('4.17.20', '4.17.21');
const page = { limit: 50, offset: 0 };
/** Every event of a release in one page (the tests' releases have a few dozen). */
const allEvents = { limit: 500, offset: 0 };

describe('packageOf', () => {
  it('keys a component by OSV package, else purl without version, else CPE product, else name', () => {
    expect(packageOf({ name: 'requests', group_name: null, purl: 'pkg:pypi/Requests@2.31.0', cpe: null })).toMatchObject({ ecosystem: 'PyPI', name: 'requests', key: 'osv:PyPI/requests' });
    expect(packageOf({ name: 'x', group_name: null, purl: 'pkg:generic/acme/x@1.0?arch=arm', cpe: null }).key).toBe('purl:pkg:generic/acme/x');
    expect(packageOf({ name: 'FreeRTOS', group_name: null, purl: null, cpe: 'cpe:2.3:o:Amazon:FreeRTOS:10.4.3:*:*:*:*:*:*:*' })).toMatchObject({ cpeProduct: 'amazon:freertos', key: 'cpe:amazon:freertos' });
    expect(packageOf({ name: 'tcp', group_name: 'acme', purl: null, cpe: null }).key).toBe('name:acme/tcp');
    // Debian advisories name source packages: a glibc advisory re-evaluates libc6 (purl upstream qualifier).
    expect(packageOf({ name: 'libc6', group_name: null, purl: 'pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12&upstream=glibc', cpe: null }).key).toBe('osv:Debian/glibc');
    // The Go standard library (syft, osv-scanner, mamori's go.mod reader).
    expect(packageOf({ name: 'stdlib', group_name: null, purl: 'pkg:golang/stdlib@1.21.0', cpe: null }).key).toBe('osv:Go/stdlib');
  });
});

describe('matchSlices', () => {
  it('gives what one match of every component gives, across slices of matchSliceComponents', async () => {
    const reader = vulnDbAfter({ withRtos: true });
    const components: ComponentIdentity[] = [];
    for (let i = 0; i < matchSliceComponents * 2 + 37; i++) {
      const k = i % 5;
      const version = `4.17.${i % 23}`;
      components.push({
        key: `c${i}`,
        bomRef: k === 4 ? null : `ref-${i}`,
        name: k === 0 ? 'lodash' : k === 1 ? 'requests' : k === 2 ? 'FreeRTOS' : k === 3 ? 'unknown' : 'noversion',
        version: k === 4 ? null : k === 1 ? `2.${i % 33}.0` : version,
        purl: k === 0 ? `pkg:npm/lodash@${version}` : k === 1 ? `pkg:pypi/requests@2.${i % 33}.0` : k === 3 ? `pkg:npm/unknown-${i}@1.0.0` : null,
        cpe: k === 2 ? `cpe:2.3:o:amazon:freertos:10.${i % 6}.0:*:*:*:*:*:*:*` : null,
        cpeMatching: true,
      });
    }
    const whole = matchComponents(reader, components);
    expect(whole.findings.length).toBeGreaterThan(100);
    const sliced = await matchSlices(new Matcher(reader), components);
    expect(JSON.stringify(sliced)).toBe(JSON.stringify(whole));
  });
});

describe('severityTimeline', () => {
  it('replays new, changed and gone events into counts per day', () => {
    const e = (at: string, kind: 'new' | 'changed' | 'gone' | 'withdrawn', severity: 'critical' | 'high', previousSeverity: 'critical' | null = null) => ({ id: at + kind, releaseId: 'r', findingId: 'f', vulnerabilityId: 'v', kind, at, seq: 1, severity, previousSeverity, detail: {} });
    const points = severityTimeline([e('2026-01-01T01:00:00Z', 'new', 'critical'), e('2026-01-01T02:00:00Z', 'new', 'critical'), e('2026-01-03T00:00:00Z', 'changed', 'high', 'critical'), e('2026-01-04T00:00:00Z', 'withdrawn', 'critical')]);
    expect(points.map((p) => [p.date, p.counts.critical, p.counts.high])).toEqual([
      ['2026-01-01', 2, 0],
      ['2026-01-03', 1, 1],
      ['2026-01-04', 0, 1],
    ]);
  });
});

describeEachDialect('Findings', (env) => {
  let t: Tenant;
  let other: Tenant;
  let releaseId: string;
  let secondId: string;
  const before = fixedVulnDbSource(vulnDbBefore());
  const after = fixedVulnDbSource(vulnDbAfter());

  beforeAll(async () => {
    const { ctx } = env();
    t = await seedTenant(ctx);
    other = await seedTenant(ctx);
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, t.editor, p.value.id, { version: '2.1.0', releaseDate: '2026-04-01', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' });
    const r2 = await createRelease(ctx, t.editor, p.value.id, { version: '3.0.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok || !r2.ok) throw new Error('setup');
    releaseId = r.value.id;
    secondId = r2.value.id;
    for (const id of [releaseId, secondId]) {
      const u = await uploadSbom(ctx, t.editor, id, { bytes: new TextEncoder().encode(fixture), fileName: 'bom.json', source: 'upload' });
      if (!u.ok) throw new Error(JSON.stringify(u.error));
    }
  });

  it('analyses a release: findings with evidence and enrichment, unevaluated components with reasons, events, audit', async () => {
    const { ctx } = env();
    const result = await analyzeRelease(ctx, t.editor, before, releaseId);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    // The four listed components and the primary one (metadata.component, no purl or CPE).
    expect(result.value).toMatchObject({ seq: 4, components: 5, findings: 3, unevaluated: 2, new: 3, changed: 0, gone: 0 });

    const list = await listReleaseFindings(ctx, t.viewer, releaseId, {}, page);
    if (!list.ok) throw new Error('list');
    expect(list.value.analysis).toMatchObject({ seq: 4, componentCount: 5, unevaluatedCount: 2 });
    // KEV first, then by severity.
    expect(list.value.page.items.map((f) => [f.vulnerabilityId, f.componentName, f.severity, f.kev])).toEqual([
      ['CVE-2021-23337', 'lodash', 'critical', true],
      ['CVE-2021-31571', 'FreeRTOS', 'critical', false],
      ['CVE-2024-35195', 'requests', 'medium', false],
    ]);
    const lodash = list.value.page.items[0]!;
    expect(lodash).toMatchObject({
      aliases: ['GHSA-35jh-r3h4-6jhm'],
      cvssScore: 9.8,
      epss: { score: 0.012, percentile: 0.85 },
      kevDueDate: '2024-03-22',
      fixedVersions: ['4.17.21'],
      status: 'active',
      computedAtSeq: 4,
      componentVersion: '4.17.20',
      componentPurl: 'pkg:npm/lodash@4.17.20',
    });
    expect(lodash.evidence[0]).toMatchObject({ method: 'osv-purl', recordId: 'GHSA-35jh-r3h4-6jhm', ecosystem: 'npm', package: 'lodash' });
    const rtos = list.value.page.items[1]!;
    expect(rtos.evidence[0]).toMatchObject({ method: 'nvd-cpe', recordId: 'CVE-2021-31571' });

    const unevaluated = await listUnevaluated(ctx, t.viewer, releaseId);
    expect(unevaluated.ok && unevaluated.value).toEqual([
      expect.objectContaining({ name: 'FreeRTOS-Plus-TCP', reason: 'no-identifier' }),
      expect.objectContaining({ name: 'Infusion pump firmware', reason: 'no-identifier' }),
    ]);

    const events = await releaseEvents(ctx, t.viewer, releaseId, allEvents);
    expect(events.ok && events.value.items.map((e) => e.kind)).toEqual(['new', 'new', 'new']);

    const audit = await listAudit(ctx, t.admin, { entityType: 'release', entityId: releaseId }, { limit: 5, offset: 0 });
    expect(audit.ok && audit.value.items[0]).toMatchObject({ action: 'findings.analyze', after: { new: 3, findings: 3 } });
  });

  it('filters findings by severity, KEV and text, and pages them', async () => {
    const { ctx } = env();
    const critical = await listReleaseFindings(ctx, t.viewer, releaseId, { severity: ['critical'] }, page);
    expect(critical.ok && critical.value.page.total).toBe(2);
    const kev = await listReleaseFindings(ctx, t.viewer, releaseId, { kev: true }, page);
    expect(kev.ok && kev.value.page.items.map((f) => f.vulnerabilityId)).toEqual(['CVE-2021-23337']);
    const byAlias = await listReleaseFindings(ctx, t.viewer, releaseId, { q: 'ghsa-35JH' }, page);
    expect(byAlias.ok && byAlias.value.page.items.map((f) => f.componentName)).toEqual(['lodash']);
    const second = await listReleaseFindings(ctx, t.viewer, releaseId, {}, { limit: 2, offset: 2 });
    expect(second.ok && [second.value.page.total, second.value.page.items.length]).toEqual([3, 1]);
  });

  it('analysing again with the same data changes nothing and records no events', async () => {
    const { ctx } = env();
    const first = await listReleaseFindings(ctx, t.viewer, releaseId, {}, page);
    const again = await analyzeRelease(ctx, t.editor, before, releaseId);
    expect(again.ok && again.value).toMatchObject({ new: 0, changed: 0, withdrawn: 0, gone: 0, findings: 3 });
    const next = await listReleaseFindings(ctx, t.viewer, releaseId, {}, page);
    expect(next.ok && next.value.page.items.map((f) => f.id)).toEqual(first.ok && first.value.page.items.map((f) => f.id));
    const events = await releaseEvents(ctx, t.viewer, releaseId, allEvents);
    expect(events.ok && events.value.items).toHaveLength(3);
  });

  it('answers the portfolio questions, by any alias, and only for the own organisation', async () => {
    const { ctx } = env();
    await analyzeRelease(ctx, t.editor, before, secondId);
    for (const id of ['CVE-2021-23337', 'ghsa-35jh-r3h4-6jhm']) {
      const hit = await affectedBy(ctx, t.viewer, before, id, page);
      if (!hit.ok) throw new Error('affected');
      expect(hit.value.page.items.map((r) => r.releaseVersion).sort()).toEqual(['2.1.0', '3.0.0']);
      // As the records spell them, whatever the case typed.
      expect([...hit.value.ids].sort()).toEqual(['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm']);
    }
    // An id that neither the vulnerability database nor a finding knows.
    expect(await affectedBy(ctx, t.viewer, before, 'CVE-0000-0000', page)).toMatchObject({ ok: false, error: { code: 'vulnerability.not_found' } });
    // KEV in the field: the release on the market only, not the one in development.
    const kev = await kevInField(ctx, t.viewer, page);
    expect(kev.ok && kev.value.items.map((r) => [r.releaseVersion, r.vulnerabilityId])).toEqual([['2.1.0', 'CVE-2021-23337']]);
    const fresh = await newSince(ctx, t.viewer, '2000-01-01', page);
    expect(fresh.ok && [fresh.value.items.length, fresh.value.total]).toEqual([6, 6]);
    const future = await newSince(ctx, t.viewer, '2999-01-01', page);
    expect(future.ok && future.value).toEqual({ items: [], total: 0, limit: page.limit, offset: 0 });
    const vulns = await listVulnerabilities(ctx, t.viewer, {}, page);
    expect(vulns.ok && vulns.value.items.map((v) => [v.vulnerabilityId, v.releases, v.findings])).toEqual([
      ['CVE-2021-23337', 2, 2],
      ['CVE-2021-31571', 2, 2],
      ['CVE-2024-35195', 2, 2],
    ]);

    const foreign = await affectedBy(ctx, other.viewer, before, 'CVE-2021-23337', page);
    expect(foreign.ok && foreign.value.page.items).toEqual([]);
    expect((await kevInField(ctx, other.viewer, page)).ok && (await listVulnerabilities(ctx, other.viewer, {}, page))).toMatchObject({ ok: true, value: { total: 0 } });
    expect(await listReleaseFindings(ctx, other.viewer, releaseId, {}, page)).toMatchObject({ ok: false, error: { code: 'release.not_found' } });
    expect(await analyzeRelease(ctx, other.admin, before, releaseId)).toMatchObject({ ok: false, error: { code: 'release.not_found' } });
  });

  it('pages through the portfolio questions with their totals, one row per finding however often it became new', async () => {
    const { ctx } = env();
    const all = await newSince(ctx, t.viewer, '2000-01-01', page);
    if (!all.ok) throw new Error('new since');
    // A window and the total, in the same order as the whole list.
    const windows = [];
    for (let offset = 0; offset < all.value.total; offset += 4) {
      const w = await newSince(ctx, t.viewer, '2000-01-01', { limit: 4, offset });
      if (!w.ok) throw new Error('window');
      expect(w.value.total).toBe(all.value.total);
      windows.push(...w.value.items);
    }
    expect(windows.map((r) => r.findingId)).toEqual(all.value.items.map((r) => r.findingId));
    const hit = await affectedBy(ctx, t.viewer, before, 'CVE-2021-23337', { limit: 1, offset: 1 });
    expect(hit.ok && [hit.value.page.total, hit.value.page.items.map((r) => r.releaseVersion)]).toEqual([2, ['3.0.0']]);
    // A finding that went and came back has two `new` events: it is one row, at the later one.
    const lodash = all.value.items.find((r) => r.releaseId === releaseId && r.vulnerabilityId === 'CVE-2021-23337')!;
    const event = await ctx.store.db.selectFrom('finding_events').selectAll().where('finding_id', '=', lodash.findingId).where('kind', '=', 'new').executeTakeFirstOrThrow();
    await ctx.store.db.insertInto('finding_events').values({ ...event, id: `${event.id}-again`, at: '2030-01-01T00:00:00.000Z' }).execute();
    try {
      const again = await newSince(ctx, t.viewer, '2000-01-01', page);
      expect(again.ok && again.value.total).toBe(all.value.total);
      expect(again.ok && again.value.items.filter((r) => r.findingId === lodash.findingId).map((r) => r.at)).toEqual(['2030-01-01T00:00:00.000Z']);
    } finally {
      await ctx.store.db.deleteFrom('finding_events').where('id', '=', `${event.id}-again`).execute();
    }
  });

  it('leaves archived products and releases out of the portfolio questions and the vulnerability list unless asked, and marks them', async () => {
    const { ctx } = env();
    const release = await ctx.store.db.selectFrom('releases').select('product_id').where('id', '=', releaseId).executeTakeFirstOrThrow();
    const versions = async (archived?: 'exclude' | 'include' | 'only') => {
      const hit = await affectedBy(ctx, t.viewer, before, 'CVE-2021-23337', page, archived);
      if (!hit.ok) throw new Error('affected');
      return hit.value.page.items.map((r) => [r.releaseVersion, r.archived]);
    };
    const vulnerability = async (archived?: 'exclude' | 'include' | 'only') => {
      const list = await listVulnerabilities(ctx, t.viewer, { archived }, page);
      if (!list.ok) throw new Error('list');
      return list.value.items.filter((v) => v.vulnerabilityId === 'CVE-2021-23337').map((v) => [v.releases, v.archivedReleases]);
    };
    expect(await versions()).toEqual([['2.1.0', false], ['3.0.0', false]]);
    expect((await setReleaseArchived(ctx, t.editor, secondId, true)).ok).toBe(true);
    try {
      expect(await versions()).toEqual([['2.1.0', false]]);
      expect(await versions('include')).toEqual([['2.1.0', false], ['3.0.0', true]]);
      expect(await versions('only')).toEqual([['3.0.0', true]]);
      expect(await vulnerability()).toEqual([[1, 0]]);
      expect(await vulnerability('include')).toEqual([[2, 1]]);
      expect(await vulnerability('only')).toEqual([[1, 1]]);
      const fresh = await newSince(ctx, t.viewer, '2000-01-01', page);
      expect(fresh.ok && fresh.value.items.every((r) => r.releaseId !== secondId)).toBe(true);
      // An archived product takes its releases out of the KEV question too; asked for, they come back marked.
      expect((await setProductArchived(ctx, t.editor, release.product_id, true)).ok).toBe(true);
      expect(await versions()).toEqual([]);
      const kev = await kevInField(ctx, t.viewer, page);
      expect(kev.ok && kev.value.total).toBe(0);
      const kevArchived = await kevInField(ctx, t.viewer, page, 'include');
      expect(kevArchived.ok && kevArchived.value.items.map((r) => [r.releaseVersion, r.archived])).toEqual([['2.1.0', true]]);
      // The vulnerability's own page still lists them, marked, with the total.
      const detail = await getVulnerability(ctx, t.viewer, before, 'CVE-2021-23337');
      expect(detail.ok && [detail.value.affectedTotal, detail.value.affected.map((r) => [r.releaseVersion, r.archived])]).toEqual([2, [['2.1.0', true], ['3.0.0', true]]]);
    } finally {
      await setProductArchived(ctx, t.editor, release.product_id, false);
      await setReleaseArchived(ctx, t.editor, secondId, false);
    }
  });

  it('counts the severity history in the database as the events replayed one by one would', async () => {
    const { ctx } = env();
    for (const id of [null, releaseId, secondId]) {
      const history = await severityHistory(ctx, t.viewer, id);
      expect(history.ok && history.value).toEqual(severityTimeline(await listFindingEvents(ctx.store.db, t.viewer.organizationId, id)));
    }
  });

  it('re-analyses after a feed change only the components of the touched packages, recording changed, withdrawn and new', async () => {
    const { ctx } = env();
    // One release per transaction (batches of at most one component's release): the outcome is the
    // same as in one transaction.
    const result = await refreshFindings(ctx, t.editor, after, { batchComponents: 1 });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    // Changes 5–7 touch lodash and requests: 2 components in each of the 2 releases, not FreeRTOS.
    // lodash (one package version, in both releases) only changed its content: one row rewritten; requests gained and lost findings: its components are re-evaluated one by one.
    expect(result.value).toMatchObject({ fromSeq: 4, toSeq: 7, changes: 3, releases: 2, components: 2, packageVersions: 2, new: 2, changed: 2, withdrawn: 2, gone: 0 });

    const list = await listReleaseFindings(ctx, t.viewer, releaseId, { status: 'all' }, page);
    if (!list.ok) throw new Error('list');
    const byId = new Map(list.value.page.items.map((f) => [f.vulnerabilityId, f]));
    expect(byId.get('CVE-2021-23337')).toMatchObject({ severity: 'high', status: 'active', computedAtSeq: 7 });
    expect(byId.get('CVE-2024-35195')).toMatchObject({ status: 'withdrawn', computedAtSeq: 7 });
    expect(byId.get('CVE-2023-32681')).toMatchObject({ status: 'active', aliases: ['PYSEC-2023-74'], fixedVersions: ['2.31.1'] });
    // FreeRTOS was not re-evaluated: still computed at 4.
    expect(byId.get('CVE-2021-31571')).toMatchObject({ status: 'active', computedAtSeq: 4 });

    const events = await releaseEvents(ctx, t.viewer, releaseId, allEvents);
    if (!events.ok) throw new Error('events');
    const last = events.value.items.slice(3);
    expect(last.map((e) => [e.kind, e.vulnerabilityId, e.severity, e.previousSeverity]).sort()).toEqual([
      ['changed', 'CVE-2021-23337', 'high', 'critical'],
      ['new', 'CVE-2023-32681', 'high', null],
      ['withdrawn', 'CVE-2024-35195', 'medium', null],
    ]);
    expect(last.find((e) => e.kind === 'changed')!.detail).toEqual({ changed: ['severity', 'cvss'] });

    // Nothing new in the change log: nothing to do.
    const again = await refreshFindings(ctx, t.editor, after);
    expect(again.ok && again.value).toMatchObject({ fromSeq: 7, toSeq: 7, changes: 0, components: 0 });
    const audit = await listAudit(ctx, t.admin, { entityType: 'organization' }, { limit: 5, offset: 0 });
    expect(audit.ok && audit.value.items[0]).toMatchObject({ action: 'findings.refresh' });
  });

  it('marks a finding resolved by upgrade when a new SBOM carries the fixed version', async () => {
    const { ctx } = env();
    const u = await uploadSbom(ctx, t.editor, releaseId, { bytes: new TextEncoder().encode(upgraded), fileName: 'bom.json', source: 'upload' });
    if (!u.ok) throw new Error('upload');
    const result = await analyzeRelease(ctx, t.editor, fixedVulnDbSource(vulnDbAfter({ withRtos: true })), releaseId);
    expect(result.ok && result.value).toMatchObject({ new: 0, gone: 1 });
    const list = await listReleaseFindings(ctx, t.viewer, releaseId, { status: 'resolved-by-upgrade' }, page);
    expect(list.ok && list.value.page.items.map((f) => [f.vulnerabilityId, f.componentVersion])).toEqual([['CVE-2021-23337', '4.17.20']]);
    const events = await releaseEvents(ctx, t.viewer, releaseId, allEvents);
    expect(events.ok && events.value.items.at(-1)).toMatchObject({ kind: 'gone', detail: { reason: 'upgraded', versions: ['4.17.21'] } });
    // The KEV question no longer names this release.
    const kev = await kevInField(ctx, t.viewer, page);
    expect(kev.ok && kev.value.items).toEqual([]);

    const history = await severityHistory(ctx, t.viewer, releaseId);
    if (!history.ok) throw new Error('history');
    const lastPoint = history.value.at(-1)!;
    // Active now: FreeRTOS (critical) and the new requests advisory (high).
    expect([lastPoint.counts.critical, lastPoint.counts.high, lastPoint.counts.medium]).toEqual([1, 1, 0]);
  });

  it('refuses analysis to viewers, and says so when no feeds have been imported', async () => {
    const { ctx } = env();
    expect(await analyzeRelease(ctx, t.viewer, before, releaseId)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await analyzeRelease(ctx, t.editor, fixedVulnDbSource(null, '/nowhere/vulndb.sqlite'), releaseId)).toMatchObject({ ok: false, error: { code: 'vulndb.missing' } });
    expect(await refreshFindings(ctx, t.editor, fixedVulnDbSource(null))).toMatchObject({ ok: false, error: { code: 'vulndb.missing' } });
    // A file that exists but cannot be used gives its own reason, not "import feeds first".
    const reason = 'vulndb.sqlite has vulnerability database schema 3, older than this mamori uses (4): upgrade it once with `mamori feeds status --db vulndb.sqlite`.';
    const unusable = { path: '/data/vulndb.sqlite', reader: () => null, problem: () => reason, close: () => undefined };
    expect(await analyzeRelease(ctx, t.editor, unusable, releaseId)).toMatchObject({ ok: false, error: { code: 'vulndb.unusable', message: reason } });
    expect(await refreshFindings(ctx, t.editor, unusable)).toMatchObject({ ok: false, error: { code: 'vulndb.unusable', message: reason } });
  });
});

describeEachDialect('Findings refresh: the unevaluated list follows the database', (env) => {
  // A package whose only advisory has just GIT ranges cannot be evaluated; once the advisory gains
  // a SEMVER range it can, and when it loses it again it cannot. Only the changed package's
  // component is re-evaluated each time, and its entry in the unevaluated list follows.
  const gitOnly = (ranges: 'git' | 'semver') =>
    osv({
      id: 'GHSA-gito-nly0-0000',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'gitonly' },
          ranges: ranges === 'git' ? [{ type: 'GIT', repo: 'https://example.com/gitonly.git', events: [{ introduced: '0' }, { fixed: 'abc123' }] }] : [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }],
        },
      ],
    });
  const other = osv({ id: 'GHSA-othe-r000-0000', affected: [{ package: { ecosystem: 'npm', name: 'other' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] }] });
  const filler = osv({ id: 'GHSA-fill-er00-0000', affected: [{ package: { ecosystem: 'npm', name: 'unrelated' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }] });
  // Load order is change-log order: each step's change to gitonly comes after the previous step's last sequence number.
  const step1 = fixedVulnDbSource(memoryVulnDb({ advisories: [gitOnly('git'), other] }));
  const step2 = fixedVulnDbSource(memoryVulnDb({ advisories: [other, filler, gitOnly('semver')] }));
  const step3 = fixedVulnDbSource(memoryVulnDb({ advisories: [other, filler, filler, gitOnly('git')] }));
  const sbom = JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    components: ['gitonly', 'other'].map((name) => ({ type: 'library', 'bom-ref': name, name, version: '1.0.0', purl: `pkg:npm/${name}@1.0.0` })),
  });

  it('re-evaluated components enter and leave the unevaluated list, and the release count follows', async () => {
    const { ctx } = env();
    const t = await seedTenant(ctx);
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, t.editor, p.value.id, { version: '1.0.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const u = await uploadSbom(ctx, t.editor, r.value.id, { bytes: new TextEncoder().encode(sbom), fileName: 'bom.json', source: 'upload' });
    if (!u.ok) throw new Error(JSON.stringify(u.error));
    const state = async () => {
      const unevaluated = await listUnevaluated(ctx, t.viewer, r.value.id);
      const list = await listReleaseFindings(ctx, t.viewer, r.value.id, {}, page);
      if (!unevaluated.ok || !list.ok) throw new Error('read');
      return { unevaluated: unevaluated.value.map((x) => [x.name, x.reason]), count: list.value.analysis?.unevaluatedCount, findings: list.value.page.items.map((f) => f.vulnerabilityId).sort() };
    };

    const analysed = await analyzeRelease(ctx, t.editor, step1, r.value.id);
    expect(analysed.ok).toBe(true);
    expect(await state()).toEqual({ unevaluated: [['gitonly', 'git-range-only']], count: 1, findings: ['GHSA-othe-r000-0000'] });

    const second = await refreshFindings(ctx, t.editor, step2);
    expect(second.ok && second.value).toMatchObject({ components: 1, new: 1 });
    expect(await state()).toEqual({ unevaluated: [], count: 0, findings: ['GHSA-gito-nly0-0000', 'GHSA-othe-r000-0000'] });

    const third = await refreshFindings(ctx, t.editor, step3);
    expect(third.ok && third.value).toMatchObject({ components: 1, gone: 1 });
    expect(await state()).toEqual({ unevaluated: [['gitonly', 'git-range-only']], count: 1, findings: ['GHSA-othe-r000-0000'] });
  });

  it('evaluates a component once the database holds its ecosystem, though no change names its package, and not once it holds none (QA PSIRT M2)', async () => {
    const { ctx } = env();
    const t = await seedTenant(ctx);
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, t.editor, p.value.id, { version: '1.0.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [
        { type: 'library', 'bom-ref': 'log4j', group: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' },
        { type: 'library', 'bom-ref': 'guava', group: 'com.google.guava', name: 'guava', version: '31.0', purl: 'pkg:maven/com.google.guava/guava@31.0' },
        { type: 'library', 'bom-ref': 'other', name: 'other', version: '1.0.0', purl: 'pkg:npm/other@1.0.0' },
      ],
    };
    const u = await uploadSbom(ctx, t.editor, r.value.id, { bytes: new TextEncoder().encode(JSON.stringify(bom)), fileName: 'bom.json', source: 'upload' });
    if (!u.ok) throw new Error(JSON.stringify(u.error));
    const state = async () => {
      const unevaluated = await listUnevaluated(ctx, t.viewer, r.value.id);
      const list = await listReleaseFindings(ctx, t.viewer, r.value.id, {}, page);
      if (!unevaluated.ok || !list.ok) throw new Error('read');
      return { unevaluated: unevaluated.value.map((x) => [x.name, x.reason]), count: list.value.analysis?.unevaluatedCount, findings: list.value.page.items.map((f) => f.vulnerabilityId).sort() };
    };
    // No Maven advisory at all (a partial feeds sync: osv:Maven failed): nothing was compared.
    const npmOnly = memoryVulnDb({ advisories: [other] });
    expect((await analyzeRelease(ctx, t.editor, fixedVulnDbSource(npmOnly), r.value.id)).ok).toBe(true);
    const notEvaluated = { unevaluated: [['guava', 'ecosystem-not-in-database'], ['log4j-core', 'ecosystem-not-in-database']], count: 2, findings: ['GHSA-othe-r000-0000'] };
    expect(await state()).toEqual(notEvaluated);

    // Maven advisories arrive, none of them for these packages: both are evaluated, with no finding.
    const maven = osv({ id: 'GHSA-mave-n000-0000', affected: [{ package: { ecosystem: 'Maven', name: 'org.example:unrelated' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }] });
    const refreshed = await refreshFindings(ctx, t.editor, fixedVulnDbSource(memoryVulnDb({ advisories: [other, maven] })));
    expect(refreshed.ok && refreshed.value).toMatchObject({ changes: 1, components: 2, new: 0 });
    expect(await state()).toEqual({ unevaluated: [], count: 0, findings: ['GHSA-othe-r000-0000'] });

    // The Maven advisories leave the database again (the change names only the unrelated package).
    // Its change log continues the one the findings were computed with (changes 1 and 2, then 3).
    const log = [...memoryVulnDb({ advisories: [other, maven] }).changesSince(0), { seq: 3, recordId: 'GHSA-mave-n000-0000', kind: 'removed' as const, ecosystem: 'Maven', name: 'org.example:unrelated', cpeProduct: null, at: '2026-01-02T00:00:00Z' }];
    const removed = new Proxy(npmOnly, {
      get(target, prop) {
        if (prop === 'lastSeq') return () => 3;
        if (prop === 'changesSince') return (seq: number, limit = Number.MAX_SAFE_INTEGER) => log.filter((c) => c.seq > seq).slice(0, limit);
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const again = await refreshFindings(ctx, t.editor, fixedVulnDbSource(removed));
    expect(again.ok && again.value).toMatchObject({ changes: 1, components: 2 });
    expect(await state()).toEqual(notEvaluated);
  });
});

describeEachDialect('Findings refresh after an EPSS import (a real vulnerability database)', (env) => {
  // QA M1: an EPSS import wrote nothing to the change log, so findings kept their old (or no) EPSS
  // until a full analysis. Two releases hold gamma (CVE-2026-0003) and delta (no CVE id).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-findings-epss-'));
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const range = [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }];
  const records = [
    { id: 'GHSA-gamm-a000-0000', modified: '2024-01-01T00:00:00Z', aliases: ['CVE-2026-0003'], affected: [{ package: { ecosystem: 'npm', name: 'gamma' }, ranges: range }] },
    { id: 'GHSA-delt-a000-0000', modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'delta' }, ranges: range }] },
  ];
  const epss = (day: string, rows: string) => write(`epss-${day}.csv`, `#model_version:v2025.03.14,score_date:${day}T00:00:00Z\ncve,epss,percentile\n${rows}`);

  it('brings the EPSS of every finding in line, once, without an event', async () => {
    const { ctx } = env();
    const t = await seedTenant(ctx);
    const file = path.join(dir, `${ctx.store.dialect}-vulndb.sqlite`);
    const db = openVulnDb(file);
    const source = vulnDbSource(file);
    try {
      await importPath(db, write('records.jsonl', records.map((r) => JSON.stringify(r)).join('\n')));
      await importPath(db, epss('2026-11-29', 'CVE-2026-0003,0.1,0.5\nCVE-2026-9999,0.2,0.6\n'));
      const releases = await analysedReleases(ctx, t, npmSbom(['gamma', 'delta']), source);
      const findings = async () => {
        const out: [string, unknown, string][] = [];
        for (const releaseId of releases) {
          const list = await listReleaseFindings(ctx, t.viewer, releaseId, { status: 'all' }, page);
          if (!list.ok) throw new Error('list');
          for (const f of list.value.page.items) out.push([f.vulnerabilityId, f.epss, f.changedAt]);
        }
        return out;
      };
      const before = await findings();
      expect(before.map(([id, e]) => [id, e])).toEqual([
        ['CVE-2026-0003', { score: 0.1, percentile: 0.5 }],
        ['GHSA-delt-a000-0000', null],
        ['CVE-2026-0003', { score: 0.1, percentile: 0.5 }],
        ['GHSA-delt-a000-0000', null],
      ]);
      const events = async () => (await Promise.all(releases.map(async (r) => { const e = await releaseEvents(ctx, t.viewer, r, allEvents); return e.ok ? e.value.total : -1; }))).join();
      const eventsBefore = await events();

      // The next day's scores: the import logs that EPSS moved, and a refresh follows.
      const seq = db.lastSeq();
      await importPath(db, epss('2026-11-30', 'CVE-2026-0003,0.94376,0.99953\nCVE-2026-9999,0.3,0.7\n'));
      expect(db.changesSince(seq).map((c) => [c.recordId, c.kind])).toEqual([['EPSS', 'epss']]);
      const refreshed = await refreshFindings(ctx, t.editor, source);
      expect(refreshed.ok && refreshed.value).toMatchObject({ changes: 1, packageVersions: 0, components: 0, changed: 0 });
      const after = await findings();
      expect(after).toEqual(before.map(([id, e, at]) => [id, id === 'CVE-2026-0003' ? { score: 0.94376, percentile: 0.99953 } : e, at]));
      expect(await events()).toBe(eventsBefore);

      // A score that leaves the file (a day without it) leaves the finding too.
      await importPath(db, epss('2026-12-01', 'CVE-2026-9999,0.3,0.7\n'));
      expect((await refreshFindings(ctx, t.editor, source)).ok).toBe(true);
      expect((await findings()).map(([id, e]) => [id, e])).toEqual([
        ['CVE-2026-0003', null],
        ['GHSA-delt-a000-0000', null],
        ['CVE-2026-0003', null],
        ['GHSA-delt-a000-0000', null],
      ]);
    } finally {
      source.close();
      db.close();
    }
  });
});

/** npm components `name@1.0.0` in a CycloneDX 1.6 SBOM. */
function npmSbom(names: readonly string[]): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    components: names.map((name) => ({ type: 'library', 'bom-ref': name, name, version: '1.0.0', purl: `pkg:npm/${name}@1.0.0` })),
  });
}

/** Two releases (1.0.0 and 1.1.0) of a new product, each with `sbom` uploaded and analysed against `source`. */
async function analysedReleases(ctx: ServiceContext, t: Tenant, sbom: string, source: VulnDbSource): Promise<string[]> {
  const p = await createProduct(ctx, t.editor, productInput());
  if (!p.ok) throw new Error('setup');
  const releases: string[] = [];
  for (const version of ['1.0.0', '1.1.0']) {
    const r = await createRelease(ctx, t.editor, p.value.id, { version, releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const u = await uploadSbom(ctx, t.editor, r.value.id, { bytes: new TextEncoder().encode(sbom), fileName: 'bom.json', source: 'upload' });
    if (!u.ok) throw new Error(JSON.stringify(u.error));
    expect((await analyzeRelease(ctx, t.editor, source, r.value.id)).ok).toBe(true);
    releases.push(r.value.id);
  }
  return releases;
}

describeEachDialect('Findings refresh: one advisory change rewrites its findings in every release', (env) => {
  // Two releases with the same three packages. Each refresh changes their advisories; every
  // finding of a changed advisory is rewritten in both releases (together, by their shared content),
  // with the parts that changed, new aliases, a reappearance, and an EPSS-only update.
  const range = (introduced: string, fixed: string) => [{ type: 'SEMVER', events: [{ introduced }, { fixed }] }];
  const alpha = (o: { aliases: string[]; summary: string; fixed: string }) =>
    osv({ id: 'GHSA-alph-a000-0000', aliases: o.aliases, summary: o.summary, affected: [{ package: { ecosystem: 'npm', name: 'alpha' }, ranges: range('0', o.fixed) }] });
  const beta = (introduced: string) => osv({ id: 'GHSA-beta-0000-0000', affected: [{ package: { ecosystem: 'npm', name: 'beta' }, ranges: range(introduced, '2.0.0') }] });
  const gamma = osv({ id: 'GHSA-gamm-a000-0000', aliases: ['CVE-2026-0003'], affected: [{ package: { ecosystem: 'npm', name: 'gamma' }, ranges: range('0', '2.0.0') }] });
  const filler = osv({ id: 'GHSA-fill-er00-0000', affected: [{ package: { ecosystem: 'npm', name: 'unrelated' }, ranges: range('0', '2.0.0') }] });
  const alpha1 = alpha({ aliases: ['CVE-2026-0001'], summary: 'alpha one', fixed: '2.0.0' });
  const alpha2 = alpha({ aliases: ['CVE-2026-0001', 'CVE-2026-0009'], summary: 'alpha two', fixed: '1.5.0' });
  // Load order is change-log order (see above): each step's changes come after the previous step's.
  const step1 = fixedVulnDbSource(memoryVulnDb({ advisories: [alpha1, beta('0'), gamma], epss: [{ cve: 'CVE-2026-0003', epss: 0.1, percentile: 0.5 }] }));
  const step2 = fixedVulnDbSource(memoryVulnDb({ advisories: [filler, filler, filler, alpha2, beta('1.1.0'), gamma], epss: [{ cve: 'CVE-2026-0003', epss: 0.4, percentile: 0.9 }] }));
  const step3 = fixedVulnDbSource(memoryVulnDb({ advisories: [filler, filler, filler, filler, filler, filler, alpha2, beta('0'), gamma], epss: [{ cve: 'CVE-2026-0003', epss: 0.4, percentile: 0.9 }] }));
  const sbom = npmSbom(['alpha', 'beta', 'gamma']);

  it('records what changed, rewrites the ids, brings a finding back, and follows EPSS without an event', async () => {
    const { ctx } = env();
    const t = await seedTenant(ctx);
    const releases = await analysedReleases(ctx, t, sbom, step1);
    const findings = async (releaseId: string) => {
      const list = await listReleaseFindings(ctx, t.viewer, releaseId, { status: 'all' }, page);
      if (!list.ok) throw new Error('list');
      return new Map(list.value.page.items.map((f) => [f.vulnerabilityId, f]));
    };
    const eventsAfter = async (releaseId: string, count: number) => {
      const events = await releaseEvents(ctx, t.viewer, releaseId, allEvents);
      if (!events.ok) throw new Error('events');
      return events.value.items.slice(count).map((e) => [e.kind, e.vulnerabilityId, e.detail]);
    };
    const gammaBefore = new Map<string, { changedAt: string }>();
    for (const releaseId of releases) {
      const gamma = (await findings(releaseId)).get('CVE-2026-0003')!;
      expect(gamma.epss).toEqual({ score: 0.1, percentile: 0.5 });
      gammaBefore.set(releaseId, gamma);
    }

    const second = await refreshFindings(ctx, t.editor, step2);
    expect(second.ok && second.value).toMatchObject({ changes: 3, components: 2, new: 0, changed: 2, gone: 2, withdrawn: 0 });
    for (const releaseId of releases) {
      expect(await eventsAfter(releaseId, 3)).toEqual([
        ['changed', 'CVE-2026-0001', { changed: ['fixedVersions', 'aliases', 'evidence', 'summary'] }],
        ['gone', 'GHSA-beta-0000-0000', { reason: 'no-longer-affected' }],
      ]);
      const now = await findings(releaseId);
      expect(now.get('CVE-2026-0001')).toMatchObject({ status: 'active', summary: 'alpha two', aliases: ['CVE-2026-0009', 'GHSA-alph-a000-0000'], fixedVersions: ['1.5.0'], computedAtSeq: 6 });
      expect(now.get('GHSA-beta-0000-0000')).toMatchObject({ status: 'gone', computedAtSeq: 6 });
      // EPSS moved, nothing else: rewritten without an event, its change time kept.
      expect(now.get('CVE-2026-0003')).toMatchObject({ status: 'active', epss: { score: 0.4, percentile: 0.9 }, changedAt: gammaBefore.get(releaseId)!.changedAt, computedAtSeq: 6 });
    }
    // The findings a refresh reads (as arrays) are the stored rows, column for column.
    const org = t.editor.organizationId;
    const stored = await ctx.store.db.selectFrom('findings').selectAll().where('organization_id', '=', org).orderBy('id').execute();
    const read = await findingsOfReleases(ctx.store.db, ctx.store, org, releases);
    expect(stored).toHaveLength(6);
    expect([...read].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(stored);
    // The new alias finds both releases through the stored ids alone (step 1's database does not know it).
    const byAlias = await affectedBy(ctx, t.viewer, step1, 'CVE-2026-0009', page);
    expect(byAlias.ok && byAlias.value.page.items.map((r) => r.releaseId).sort()).toEqual([...releases].sort());

    const third = await refreshFindings(ctx, t.editor, step3);
    expect(third.ok && third.value).toMatchObject({ changes: 3, components: 2, new: 2, changed: 0, gone: 0 });
    for (const releaseId of releases) {
      expect(await eventsAfter(releaseId, 5)).toEqual([['new', 'GHSA-beta-0000-0000', { reappeared: true, previousStatus: 'gone' }]]);
      expect((await findings(releaseId)).get('GHSA-beta-0000-0000')).toMatchObject({ status: 'active', computedAtSeq: 9 });
    }
  });
});

describeEachDialect('Findings refresh: package versions shared by releases (ADR 0014)', (env) => {
  const range = (introduced: string, fixed: string) => [{ type: 'SEMVER', events: [{ introduced }, { fixed }] }];
  const beta = (introduced: string) => osv({ id: 'GHSA-beta-0000-0000', affected: [{ package: { ecosystem: 'npm', name: 'beta' }, ranges: range(introduced, '2.0.0') }] });
  const gamma = osv({ id: 'GHSA-gamm-a000-0000', aliases: ['CVE-2026-0003'], affected: [{ package: { ecosystem: 'npm', name: 'gamma' }, ranges: range('0', '2.0.0') }] });
  const filler = osv({ id: 'GHSA-fill-er00-0000', affected: [{ package: { ecosystem: 'npm', name: 'unrelated' }, ranges: range('0', '2.0.0') }] });
  // beta covers 1.0.0, then not (step 2), then again (step 3); each step's changes follow the last.
  const step1 = fixedVulnDbSource(memoryVulnDb({ advisories: [beta('0'), gamma] }));
  const step2 = fixedVulnDbSource(memoryVulnDb({ advisories: [filler, filler, beta('1.1.0'), gamma] }));
  const step3 = fixedVulnDbSource(memoryVulnDb({ advisories: [filler, filler, filler, filler, beta('0'), gamma] }));
  const sbom = npmSbom(['beta', 'gamma']);

  it('keeps every release in step when one of them is analysed between refreshes', async () => {
    // A clock that moves an hour per reading: every step has its own time.
    let hour = 0;
    const ctx = createServiceContext(env().store, { clock: () => new Date(Date.UTC(2026, 0, 1, hour++)) });
    const t = await seedTenant(ctx);
    const [first, second] = await analysedReleases(ctx, t, sbom, step1);
    const betaStatus = async (releaseId: string) => {
      const list = await listReleaseFindings(ctx, t.viewer, releaseId, { status: 'all' }, page);
      if (!list.ok) throw new Error('list');
      return list.value.page.items.find((f) => f.vulnerabilityId === 'GHSA-beta-0000-0000')?.status;
    };
    // The first release alone is analysed against step 2: beta no longer covers its version there.
    expect(await analyzeRelease(ctx, t.editor, step2, first!)).toMatchObject({ ok: true, value: { gone: 1 } });
    expect([await betaStatus(first!), await betaStatus(second!)]).toEqual(['gone', 'active']);
    // The refresh evaluates beta's package version once; what it finds is what the first release's
    // analysis recorded, yet the second release has not followed: it is re-evaluated component by component.
    const analysisOf = async (releaseId: string) => {
      const list = await listReleaseFindings(ctx, t.viewer, releaseId, {}, page);
      if (!list.ok || !list.value.analysis) throw new Error('analysis');
      return list.value.analysis;
    };
    const head1 = step1.reader()!.lastSeq();
    const head2 = step2.reader()!.lastSeq();
    const head3 = step3.reader()!.lastSeq();
    expect(await analysisOf(second!)).toMatchObject({ seq: head1, refreshedAt: null, refreshedSeq: null });
    const refreshed = await refreshFindings(ctx, t.editor, step2);
    expect(refreshed.ok && refreshed.value).toMatchObject({ releases: 2, gone: 1 });
    expect([await betaStatus(first!), await betaStatus(second!)]).toEqual(['gone', 'gone']);
    // The release's page says its findings are current with the database the refresh read, not
    // only when and at which change it was last analysed whole (QA secops 5).
    const secondAfter = await analysisOf(second!);
    expect(secondAfter).toMatchObject({ seq: head1, refreshedSeq: head2 });
    expect(secondAfter.refreshedAt! > secondAfter.analysedAt).toBe(true);
    // The first release was analysed at the refresh's position already: nothing to add.
    expect(await analysisOf(first!)).toMatchObject({ seq: head2, refreshedAt: null, refreshedSeq: null });
    // An ended finding was last seen when it or its content was last confirmed (here: when first seen), not when it ended.
    const ended = await listReleaseFindings(ctx, t.viewer, second!, { status: 'gone' }, page);
    if (!ended.ok) throw new Error('list');
    const gone = ended.value.page.items[0]!;
    expect(gone.lastSeenAt < gone.changedAt && gone.lastSeenAt >= gone.firstSeenAt).toBe(true);
    // Back again in step 3: both releases see it reappear.
    const back = await refreshFindings(ctx, t.editor, step3);
    expect(back.ok && back.value).toMatchObject({ new: 2 });
    expect([await betaStatus(first!), await betaStatus(second!)]).toEqual(['active', 'active']);
    for (const id of [first!, second!]) expect(await analysisOf(id)).toMatchObject({ refreshedSeq: head3 });
    expect(await analysisOf(first!)).toMatchObject({ seq: head2 });
    // Nothing left to do.
    const again = await refreshFindings(ctx, t.editor, step3);
    expect(again.ok && again.value).toMatchObject({ releases: 0, components: 0, new: 0, gone: 0, changed: 0 });
  });

  it('keeps following a package version that only a release analysed whole holds', async () => {
    const { ctx } = env();
    const t = await seedTenant(ctx);
    const releases = await analysedReleases(ctx, t, npmSbom(['beta']), step1);
    const betaStatus = async () => {
      const out = [];
      for (const releaseId of releases) {
        const list = await listReleaseFindings(ctx, t.viewer, releaseId, { status: 'all' }, page);
        if (!list.ok) throw new Error('list');
        out.push(list.value.page.items.find((f) => f.vulnerabilityId === 'GHSA-beta-0000-0000')?.status);
      }
      return out;
    };
    // New SBOM uploads make the refresh analyse both releases whole.
    for (const releaseId of releases)
      expect((await uploadSbom(ctx, t.editor, releaseId, { bytes: new TextEncoder().encode(npmSbom(['beta', 'delta'])), fileName: 'bom.json', source: 'upload' })).ok).toBe(true);
    expect(await refreshFindings(ctx, t.editor, step2)).toMatchObject({ ok: true, value: { releases: 2, components: 4, gone: 2 } });
    expect(await betaStatus()).toEqual(['gone', 'gone']);
    // The package version is still known to the next refresh.
    expect(await refreshFindings(ctx, t.editor, step3)).toMatchObject({ ok: true, value: { new: 2 } });
    expect(await betaStatus()).toEqual(['active', 'active']);
  });

  it('forgets a package version whose finding set moved once no release holds it', async () => {
    const { ctx } = env();
    const t = await seedTenant(ctx);
    const releases = await analysedReleases(ctx, t, npmSbom(['beta', 'gamma']), step1);
    const betaVariants = () => ctx.store.db.selectFrom('package_variants').select('variant_key').where('organization_id', '=', t.editor.organizationId).where('name', '=', 'beta').execute();
    expect(await betaVariants()).toHaveLength(1);
    for (const releaseId of releases)
      expect((await uploadSbom(ctx, t.editor, releaseId, { bytes: new TextEncoder().encode(npmSbom(['gamma'])), fileName: 'bom.json', source: 'upload' })).ok).toBe(true);
    expect(await refreshFindings(ctx, t.editor, step2)).toMatchObject({ ok: true, value: { releases: 2, gone: 2 } });
    expect(await betaVariants()).toEqual([]);
  });

  it('rewrites a shared content once when only the enrichment of its vulnerability changed', async () => {
    const { ctx } = env();
    const t = await seedTenant(ctx);
    const [kept, upgraded] = await analysedReleases(ctx, t, sbom, step1);
    // The second release drops gamma before the change: its ended finding is not concerned by it.
    const withoutGamma = npmSbom(['beta']);
    expect((await uploadSbom(ctx, t.editor, upgraded!, { bytes: new TextEncoder().encode(withoutGamma), fileName: 'bom.json', source: 'upload' })).ok).toBe(true);
    expect(await analyzeRelease(ctx, t.editor, step1, upgraded!)).toMatchObject({ ok: true, value: { gone: 1 } });
    // An NVD record for gamma's CVE with a CVSS score and no configuration: a change with no package.
    const scored = nvd({ id: 'CVE-2026-0003', metrics: { cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { vectorString: V31_CRITICAL, baseScore: 9.8 } }] }, configurations: [] });
    const enriched = fixedVulnDbSource(memoryVulnDb({ advisories: [beta('0'), gamma], cves: [scored] }));
    const refreshed = await refreshFindings(ctx, t.editor, enriched);
    if (!refreshed.ok) throw new Error(JSON.stringify(refreshed.error));
    expect(refreshed.value).toMatchObject({ changes: 1, packageVersions: 1, releases: 0, components: 0, changed: 1 });
    const list = await listReleaseFindings(ctx, t.viewer, kept!, {}, page);
    if (!list.ok) throw new Error('list');
    expect(list.value.page.items.find((f) => f.vulnerabilityId === 'CVE-2026-0003')).toMatchObject({ severity: 'critical', cvssScore: 9.8 });
    const changed = async (releaseId: string) => {
      const events = await releaseEvents(ctx, t.viewer, releaseId, allEvents);
      if (!events.ok) throw new Error('events');
      return events.value.items.filter((e) => e.kind !== 'new').map((e) => [e.kind, e.vulnerabilityId, e.severity, e.previousSeverity]);
    };
    expect(await changed(kept!)).toEqual([['changed', 'CVE-2026-0003', 'critical', 'unknown']]);
    expect(await changed(upgraded!)).toEqual([['gone', 'CVE-2026-0003', 'unknown', null]]);
    // A release that holds gamma from now on points at the changed content, but the change came before it.
    const p = await createProduct(ctx, t.editor, productInput());
    const later = p.ok && (await createRelease(ctx, t.editor, p.value.id, { version: '2.0.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' }));
    if (!later || !later.ok) throw new Error('setup');
    expect((await uploadSbom(ctx, t.editor, later.value.id, { bytes: new TextEncoder().encode(sbom), fileName: 'bom.json', source: 'upload' })).ok).toBe(true);
    expect(await analyzeRelease(ctx, t.editor, enriched, later.value.id)).toMatchObject({ ok: true, value: { new: 2, changed: 0 } });
    expect(await changed(later.value.id)).toEqual([]);
    // The organisation's history is every release's history.
    const org = await listFindingEvents(ctx.store.db, t.editor.organizationId, null);
    const perRelease = [];
    for (const id of [kept!, upgraded!, later.value.id]) perRelease.push(...(await listFindingEvents(ctx.store.db, t.editor.organizationId, id)));
    expect(org.map((e) => e.id).sort()).toEqual(perRelease.map((e) => e.id).sort());
    expect(org.filter((e) => e.kind === 'changed')).toHaveLength(1);
    const contents = await ctx.store.db.selectFrom('finding_contents').select('id').where('organization_id', '=', t.editor.organizationId).where('vulnerability_id', '=', 'CVE-2026-0003').execute();
    expect(contents).toHaveLength(1);
  });
});

describeEachDialect('Findings: a score stored before it came from the headline rating', (env) => {
  // A vulnerability rated in CVSS 4.0 (6.9 medium) and 3.1 (9.8 critical): its severity and score
  // come from the 4.0 rating (headlineCvss). Contents stored before that change held the highest
  // score of any version (9.8) beside the same severity; the score is not part of the content hash.
  const range = [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }];
  const v4Medium = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N';
  const delta = (modified: string) =>
    osv({ id: 'GHSA-delt-a000-0000', aliases: ['CVE-2026-0004'], modified, severity: [{ type: 'CVSS_V3', score: V31_CRITICAL }, { type: 'CVSS_V4', score: v4Medium }], affected: [{ package: { ecosystem: 'npm', name: 'delta' }, ranges: range }] });
  const filler = osv({ id: 'GHSA-fill-er00-0000', affected: [{ package: { ecosystem: 'npm', name: 'unrelated' }, ranges: range }] });
  const step1 = fixedVulnDbSource(memoryVulnDb({ advisories: [delta('2024-01-01T00:00:00Z')] }));
  // The same advisory published again unchanged: a refresh re-evaluates delta and finds the same content.
  const step2 = fixedVulnDbSource(memoryVulnDb({ advisories: [filler, delta('2024-06-01T00:00:00Z')] }));

  async function withOldScore(ctx: ServiceContext, organizationId: string): Promise<{ changedAt: string; hash: string }> {
    await ctx.store.db.updateTable('finding_contents').set({ cvss_score: 9.8 }).where('organization_id', '=', organizationId).where('vulnerability_id', '=', 'CVE-2026-0004').execute();
    return ctx.store.db.selectFrom('finding_contents').select(['changed_at as changedAt', 'content_hash as hash']).where('organization_id', '=', organizationId).where('vulnerability_id', '=', 'CVE-2026-0004').executeTakeFirstOrThrow();
  }
  async function contentChangedAt(ctx: ServiceContext, organizationId: string): Promise<string> {
    const row = await ctx.store.db.selectFrom('finding_contents').select('changed_at').where('organization_id', '=', organizationId).where('vulnerability_id', '=', 'CVE-2026-0004').executeTakeFirstOrThrow();
    return row.changed_at;
  }
  async function delta0004(ctx: ServiceContext, t: Tenant, releaseId: string) {
    const list = await listReleaseFindings(ctx, t.viewer, releaseId, {}, page);
    if (!list.ok) throw new Error('list');
    return list.value.page.items.find((f) => f.vulnerabilityId === 'CVE-2026-0004')!;
  }
  async function eventKinds(ctx: ServiceContext, t: Tenant, releaseId: string): Promise<string[]> {
    const events = await releaseEvents(ctx, t.viewer, releaseId, allEvents);
    if (!events.ok) throw new Error('events');
    return events.value.items.map((e) => `${e.kind} ${e.severity}`);
  }

  it('an analysis that finds the same content corrects the stored score, without an event', async () => {
    const { ctx } = env();
    const t = await seedTenant(ctx);
    const [first, second] = await analysedReleases(ctx, t, npmSbom(['delta']), step1);
    expect(await delta0004(ctx, t, first!)).toMatchObject({ severity: 'medium', cvssScore: 6.9 });
    const stored = await withOldScore(ctx, t.editor.organizationId);
    expect(await delta0004(ctx, t, first!)).toMatchObject({ severity: 'medium', cvssScore: 9.8 });
    const history = await severityHistory(ctx, t.viewer, null);
    const changedAt = new Map<string, string>();
    for (const releaseId of [first!, second!]) changedAt.set(releaseId, (await delta0004(ctx, t, releaseId)).changedAt);

    const again = await analyzeRelease(ctx, t.editor, step1, first!);
    expect(again.ok && again.value).toMatchObject({ new: 0, changed: 0, gone: 0, findings: 1 });
    // The content is shared: the other release reads the corrected score too.
    for (const releaseId of [first!, second!]) {
      expect(await delta0004(ctx, t, releaseId)).toMatchObject({ severity: 'medium', cvssScore: 6.9, changedAt: changedAt.get(releaseId) });
      expect(await eventKinds(ctx, t, releaseId)).toEqual(['new medium']);
    }
    expect(await severityHistory(ctx, t.viewer, null)).toEqual(history);
    expect(await contentChangedAt(ctx, t.editor.organizationId)).toBe(stored.changedAt);
    const after = await ctx.store.db.selectFrom('finding_contents').select('content_hash').where('organization_id', '=', t.editor.organizationId).where('vulnerability_id', '=', 'CVE-2026-0004').executeTakeFirstOrThrow();
    expect(after.content_hash).toBe(stored.hash);
  });

  it('a refresh that re-evaluates the package version and finds the same content corrects it, without an event', async () => {
    const { ctx } = env();
    const t = await seedTenant(ctx);
    const releases = await analysedReleases(ctx, t, npmSbom(['delta']), step1);
    const stored = await withOldScore(ctx, t.editor.organizationId);
    const changedAt = new Map<string, string>();
    for (const releaseId of releases) changedAt.set(releaseId, (await delta0004(ctx, t, releaseId)).changedAt);
    const refreshed = await refreshFindings(ctx, t.editor, step2);
    if (!refreshed.ok) throw new Error(JSON.stringify(refreshed.error));
    expect(refreshed.value).toMatchObject({ packageVersions: 1, releases: 0, new: 0, changed: 0, gone: 0 });
    for (const releaseId of releases) {
      expect(await delta0004(ctx, t, releaseId)).toMatchObject({ severity: 'medium', cvssScore: 6.9, changedAt: changedAt.get(releaseId) });
      expect(await eventKinds(ctx, t, releaseId)).toEqual(['new medium']);
    }
    expect(await contentChangedAt(ctx, t.editor.organizationId)).toBe(stored.changedAt);
  });
});
