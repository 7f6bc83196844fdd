/**
 * CSAF tracking on both dialects (docs/vex-mapping.md, "CSAF tracking"): one tracking id per scope,
 * version, revision history and dates from the triage decision history, the same content giving the
 * same bytes, and every revision passing the CSAF 2.0 mandatory tests.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { V31_HIGH, freertosCve, lodashAdvisory, lodashKev, osv, requestsAdvisory, vulnDbBefore } from '../../test/support/vulns.js';
import { memoryVulnDb } from '../vulndb/memory-reader.js';
import { csafFileName, csafRevisionHistory, validateCsaf } from '../vex/index.js';
import { createServiceContext, type ServiceContext } from './context.js';
import { analyzeRelease, listReleaseFindings, type FindingRecord } from './findings.js';
import { createProduct } from './products.js';
import { createRelease } from './releases.js';
import { uploadSbom } from './sboms.js';
import { setTriage } from './triage.js';
import { exportVex, type VexExportRequest } from './vex.js';
import { fixedVulnDbSource } from './vulndb-source.js';

const fixture = readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url), 'utf8');

interface Tracking {
  id: string;
  version: string;
  status: string;
  initial_release_date: string;
  current_release_date: string;
  revision_history: { number: string; date: string; summary: string }[];
  generator: { date: string };
}

describe('csafRevisionHistory', () => {
  const status = (state: 'in_triage' | 'not_affected' | 'exploitable', detail: string | null = null) => ({ state, justification: null, responses: [], detail, actionStatement: null });
  it('makes one revision per time a statement appeared or changed, in time order, with what changed', () => {
    const histories = [
      { vulnerability: 'CVE-2021-23337', component: 'lodash 4.17.20', release: null, changes: [{ at: '2026-01-01T00:00:00.000Z', status: status('in_triage') }, { at: '2026-01-03T00:00:00.000Z', status: status('not_affected', 'x') }] },
      { vulnerability: 'CVE-2023-0001', component: 'requests 2.0', release: null, changes: [{ at: '2026-01-01T00:00:00.000Z', status: status('in_triage') }, { at: '2026-01-02T00:00:00.000Z', status: status('in_triage') }, { at: '2026-01-04T00:00:00.000Z', status: status('in_triage', 'asked the supplier') }] },
      { vulnerability: 'CVE-2024-0002', component: 'zlib 1.2', release: '2.0.0', changes: [{ at: '2026-01-03T00:00:00.000Z', status: status('exploitable') }] },
    ];
    expect(csafRevisionHistory(histories, 'en')).toEqual([
      { number: '1', date: '2026-01-01T00:00:00.000Z', summary: 'Initial version.' },
      { number: '2', date: '2026-01-03T00:00:00.000Z', summary: 'CVE-2021-23337 on lodash 4.17.20: under investigation → not affected; CVE-2024-0002 on zlib 1.2 in 2.0.0: added, affected.' },
      { number: '3', date: '2026-01-04T00:00:00.000Z', summary: 'CVE-2023-0001 on requests 2.0: under investigation, details updated.' },
    ]);
    expect(csafRevisionHistory(histories, 'ja').map((r) => r.summary)).toEqual(['初版。', 'lodash 4.17.20 の CVE-2021-23337: 調査中 → 影響なし、2.0.0 の zlib 1.2 の CVE-2024-0002: 追加（影響あり）。', 'requests 2.0 の CVE-2023-0001: 調査中（内容を更新）。']);
  });

  it('makes a revision when a statement leaves the document, and another when it comes back', () => {
    const histories = [
      { vulnerability: 'CVE-2021-23337', component: 'lodash 4.17.20', release: null, changes: [{ at: '2026-01-01T00:00:00.000Z', status: status('in_triage') }, { at: '2026-01-03T00:00:00.000Z', status: null, reason: 'upgraded' as const }, { at: '2026-01-05T00:00:00.000Z', status: status('not_affected') }] },
      { vulnerability: 'CVE-2023-0001', component: 'requests 2.0', release: '2.0.0', changes: [{ at: '2026-01-01T00:00:00.000Z', status: status('in_triage') }, { at: '2026-01-04T00:00:00.000Z', status: null, reason: 'removed' as const }, { at: '2026-01-05T00:00:00.000Z', status: null, reason: 'withdrawn' as const }] },
      // Never in the document before it left: nothing to say.
      { vulnerability: 'CVE-2024-0002', component: 'zlib 1.2', release: null, changes: [{ at: '2026-01-06T00:00:00.000Z', status: null, reason: 'no-longer-affected' as const }] },
    ];
    expect(csafRevisionHistory(histories, 'en')).toEqual([
      { number: '1', date: '2026-01-01T00:00:00.000Z', summary: 'Initial version.' },
      { number: '2', date: '2026-01-03T00:00:00.000Z', summary: 'CVE-2021-23337 on lodash 4.17.20: no longer in the release (upgraded).' },
      { number: '3', date: '2026-01-04T00:00:00.000Z', summary: 'CVE-2023-0001 on requests 2.0 in 2.0.0: no longer in the release (component removed).' },
      { number: '4', date: '2026-01-05T00:00:00.000Z', summary: 'CVE-2021-23337 on lodash 4.17.20: added, not affected.' },
    ]);
    expect(csafRevisionHistory(histories, 'ja').map((r) => r.summary)).toEqual(['初版。', 'lodash 4.17.20 の CVE-2021-23337: リリースから除外（アップグレード）。', '2.0.0 の requests 2.0 の CVE-2023-0001: リリースから除外（コンポーネント削除）。', 'lodash 4.17.20 の CVE-2021-23337: 追加（影響なし）。']);
  });

  it('makes a revision when the advisory of a statement in the document is updated, with the parts', () => {
    const histories = [
      {
        vulnerability: 'CVE-2021-23337',
        component: 'lodash 4.17.20',
        release: null,
        changes: [
          // An update before the statement is in the document says nothing of its own.
          { at: '2026-01-01T00:00:00.000Z', status: status('in_triage'), advisory: ['cvss' as const] },
          { at: '2026-01-02T00:00:00.000Z', status: status('in_triage'), advisory: ['ids' as const, 'cvss' as const] },
          { at: '2026-01-03T00:00:00.000Z', status: status('not_affected'), advisory: ['description' as const] },
          { at: '2026-01-04T00:00:00.000Z', status: null, reason: 'upgraded' as const },
        ],
      },
      { vulnerability: 'CVE-2023-0001', component: 'requests 2.0', release: null, changes: [{ at: '2026-01-01T00:00:00.000Z', status: status('in_triage') }, { at: '2026-01-02T00:00:00.000Z', status: status('in_triage') }] },
    ];
    expect(csafRevisionHistory(histories, 'en')).toEqual([
      { number: '1', date: '2026-01-01T00:00:00.000Z', summary: 'Initial version.' },
      { number: '2', date: '2026-01-02T00:00:00.000Z', summary: 'CVE-2021-23337 on lodash 4.17.20: advisory updated (CVSS, identifiers).' },
      { number: '3', date: '2026-01-03T00:00:00.000Z', summary: 'CVE-2021-23337 on lodash 4.17.20: under investigation → not affected, advisory updated (description).' },
      { number: '4', date: '2026-01-04T00:00:00.000Z', summary: 'CVE-2021-23337 on lodash 4.17.20: no longer in the release (upgraded).' },
    ]);
    expect(csafRevisionHistory(histories, 'ja').map((r) => r.summary)).toEqual([
      '初版。',
      'lodash 4.17.20 の CVE-2021-23337: アドバイザリを更新（CVSS・識別子）。',
      'lodash 4.17.20 の CVE-2021-23337: 調査中 → 影響なし、アドバイザリを更新（説明）。',
      'lodash 4.17.20 の CVE-2021-23337: リリースから除外（アップグレード）。',
    ]);
  });

  it('lists at most ten changes in a summary', () => {
    const histories = Array.from({ length: 13 }, (_, i) => ({ vulnerability: `CVE-2026-${1000 + i}`, component: 'c 1', release: null, changes: [{ at: '2026-01-01T00:00:00.000Z', status: status('in_triage') }, { at: '2026-01-02T00:00:00.000Z', status: status('exploitable') }] }));
    const [, second] = csafRevisionHistory(histories, 'en');
    expect(second!.summary.split('; ')).toHaveLength(11);
    expect(second!.summary.endsWith('; and 3 more.')).toBe(true);
  });
});

describeEachDialect('CSAF tracking', (env) => {
  let ctx: ServiceContext;
  let t: Tenant;
  let productId: string;
  let r1: string;
  let r2: string;
  let f2: FindingRecord[];
  const source = fixedVulnDbSource(vulnDbBefore());
  const by = (list: FindingRecord[], name: string) => list.find((f) => f.componentName === name)!;
  let serial = 0;
  /** Uploads an SBOM (the fixture under a serial number of its own) to a release and analyses it. */
  const upload = async (releaseId: string, sbom: string) => {
    serial += 1;
    const bytes = new TextEncoder().encode(sbom.replace('3e671687-395b-41f5-a30f-a58921a69b79', `3e671687-395b-41f5-a30f-a58921a69b${String(70 + serial)}`));
    const u = await uploadSbom(ctx, t.editor, releaseId, { bytes, fileName: 'bom.json', source: 'upload' });
    if (!u.ok) throw new Error(JSON.stringify(u.error));
    const a = await analyzeRelease(ctx, t.editor, source, releaseId);
    if (!a.ok) throw new Error(JSON.stringify(a.error));
  };

  beforeAll(async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    ctx = createServiceContext(env().store, { clock: () => new Date((now += 1000)) });
    t = await seedTenant(ctx);
    const release = async (pid: string, version: string) => {
      const r = await createRelease(ctx, t.editor, pid, { version, releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      await upload(r.value.id, fixture);
      const list = await listReleaseFindings(ctx, t.viewer, r.value.id, {}, { limit: 50, offset: 0 });
      if (!list.ok) throw new Error('list');
      return { id: r.value.id, findings: [...list.value.page.items] };
    };
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    productId = p.value.id;
    ({ id: r1 } = await release(productId, '1.0.0'));
    ({ id: r2, findings: f2 } = await release(productId, '1.1.0'));
  });

  const exportCsaf = async (req: Partial<VexExportRequest> = {}) => {
    const out = await exportVex(ctx, t.viewer, { productId, releaseId: r2, vulnerabilityId: null, format: 'csaf_vex', namespace: 'https://acme-medical.example.jp', ...req });
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    const doc = JSON.parse(out.value.body) as { document: { tracking: Tracking } };
    const valid = await validateCsaf(doc, { strict: true });
    expect(valid.issues).toEqual([]);
    return { ...out.value, tracking: doc.document.tracking };
  };

  it('gives the same bytes for the same content, and the next version of the same document when a decision changes', async () => {
    const first = await exportCsaf();
    // Downloads later on (the clock moves on) give the same document.
    const again = await exportCsaf();
    expect(again.body).toBe(first.body);
    expect(first.fileName).toBe(csafFileName(first.tracking.id));
    expect(first.tracking).toMatchObject({ version: '1', status: 'final', revision_history: [{ number: '1', summary: 'Initial version.' }] });
    // Version 1 is dated when the release's findings were first seen, not when it was downloaded.
    const firstSeen = [...f2.map((f) => f.firstSeenAt)].sort()[0]!;
    expect(first.tracking.initial_release_date).toBe(firstSeen);
    expect(first.tracking.current_release_date).toBe(firstSeen);
    expect(first.tracking.generator.date).toBe(firstSeen);

    const lodash = by(f2, 'lodash');
    const set = await setTriage(ctx, t.editor, lodash.id, { scope: 'finding', state: 'not_affected', justification: 'code_not_reachable', responses: [], detail: 'template() is never called', actionStatement: null });
    if (!set.ok) throw new Error(JSON.stringify(set.error));
    const second = await exportCsaf();
    expect(second.body).not.toBe(first.body);
    expect(second.tracking.id).toBe(first.tracking.id);
    expect(second.fileName).toBe(first.fileName);
    expect(second.tracking.version).toBe('2');
    expect(second.tracking.initial_release_date).toBe(first.tracking.initial_release_date);
    expect(second.tracking.current_release_date).toBe(set.value.decision!.createdAt);
    expect(second.tracking.revision_history).toEqual([
      first.tracking.revision_history[0],
      { number: '2', date: set.value.decision!.createdAt, summary: `${lodash.vulnerabilityId} on lodash ${lodash.componentVersion}: under investigation → not affected.` },
    ]);
    expect((await exportCsaf()).body).toBe(second.body);

    // The Japanese document is another document: its own id, the same history in Japanese.
    const ja = await exportCsaf({ lang: 'ja' });
    expect(ja.tracking.id).toBe(`${first.tracking.id}-JA`);
    expect(ja.tracking.revision_history.map((r) => [r.number, r.date, r.summary])).toEqual([
      ['1', firstSeen, '初版。'],
      ['2', set.value.decision!.createdAt, `lodash ${lodash.componentVersion} の ${lodash.vulnerabilityId}: 調査中 → 影響なし。`],
    ]);

    // Saving the same decision again changes nothing the document says: no new revision.
    const same = await setTriage(ctx, t.editor, lodash.id, { scope: 'finding', state: 'not_affected', justification: 'code_not_reachable', responses: [], detail: 'template() is never called', actionStatement: null });
    expect(same.ok).toBe(true);
    expect((await exportCsaf()).body).toBe(second.body);

    // Another change: version 3; the earlier entries stay as they were.
    const requests = by(f2, 'requests');
    const fix = await setTriage(ctx, t.editor, requests.id, { scope: 'finding', state: 'exploitable', justification: null, responses: ['update'], detail: null, actionStatement: 'Update to 2.32.0' });
    if (!fix.ok) throw new Error(JSON.stringify(fix.error));
    const third = await exportCsaf();
    expect(third.tracking.id).toBe(first.tracking.id);
    expect(third.tracking.version).toBe('3');
    expect(third.tracking.revision_history.slice(0, 2)).toEqual(second.tracking.revision_history);
    expect(third.tracking.revision_history[2]).toEqual({ number: '3', date: fix.value.decision!.createdAt, summary: `${requests.vulnerabilityId} on requests ${requests.componentVersion}: under investigation → affected.` });
  });

  it('gives each scope its own tracking id and keeps draft and final on one id', async () => {
    const vuln = by(f2, 'lodash').vulnerabilityId;
    const scopes: Partial<VexExportRequest>[] = [
      {},
      { releaseId: r1 },
      { releaseId: null },
      { vulnerabilityId: vuln },
      { format: 'csaf_security_advisory' },
      { variant: 'full' },
      { lang: 'ja' },
    ];
    const ids = [];
    for (const s of scopes) ids.push((await exportCsaf(s)).tracking.id);
    expect(new Set(ids).size).toBe(scopes.length);
    expect(ids[4]).toMatch(/^MAMORI-SA-[0-9A-F]{12}$/);
    expect(ids[0]).toMatch(/^MAMORI-VEX-[0-9A-F]{12}$/);
    // The vulnerability filter in another case is the same scope.
    expect((await exportCsaf({ vulnerabilityId: vuln.toLowerCase() })).tracking.id).toBe(ids[3]);
    // Without a namespace the document is a draft of the same document.
    const draft = await exportCsaf({ namespace: null });
    expect(draft.tracking).toMatchObject({ id: ids[0], status: 'draft' });
  });

  it('names the release in the summaries of a document about every release', async () => {
    const all = await exportCsaf({ releaseId: null });
    const lodash = by(f2, 'lodash');
    // The decision on 1.1.0 is not carried back to 1.0.0, so only 1.1.0's statement changed.
    expect(all.tracking.revision_history.map((r) => r.summary)).toContain(`${lodash.vulnerabilityId} on lodash ${lodash.componentVersion} in 1.1.0: under investigation → not affected.`);
    const numbers = all.tracking.revision_history.map((r) => Number(r.number));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(all.tracking.version).toBe(String(numbers.length));
    const dates = all.tracking.revision_history.map((r) => r.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('adds a revision when a statement leaves the document (its finding ends) and another when it comes back', async () => {
    const before = await exportCsaf();
    const requests = by(f2, 'requests');
    // A new SBOM of 1.1.0 with requests upgraded: the finding is resolved by the upgrade.
    await upload(r2, fixture.replaceAll('requests@2.31.0', 'requests@2.32.0').replace('"2.31.0"', '"2.32.0"'));
    const ended = await listReleaseFindings(ctx, t.viewer, r2, { status: 'resolved-by-upgrade' }, { limit: 50, offset: 0 });
    if (!ended.ok) throw new Error('list');
    const gone = ended.value.page.items.find((f) => f.id === requests.id)!;
    expect(gone.changedAt > before.tracking.current_release_date).toBe(true);

    const after = await exportCsaf();
    expect(after.statements).toBe(before.statements - 1);
    expect(after.tracking.id).toBe(before.tracking.id);
    expect(after.tracking.version).toBe(String(Number(before.tracking.version) + 1));
    expect(after.tracking.initial_release_date).toBe(before.tracking.initial_release_date);
    expect(after.tracking.current_release_date).toBe(gone.changedAt);
    expect(after.tracking.revision_history).toEqual([
      ...before.tracking.revision_history,
      { number: after.tracking.version, date: gone.changedAt, summary: `${requests.vulnerabilityId} on requests 2.31.0: no longer in the release (upgraded).` },
    ]);
    // The same content later on: the same bytes.
    expect((await exportCsaf()).body).toBe(after.body);
    const ja = await exportCsaf({ lang: 'ja' });
    expect(ja.tracking.revision_history.at(-1)).toEqual({ number: after.tracking.version, date: gone.changedAt, summary: `requests 2.31.0 の ${requests.vulnerabilityId}: リリースから除外（アップグレード）。` });

    // requests 2.31.0 again: the statement comes back (with the decision made on it), a new change.
    await upload(r2, fixture);
    const back = await listReleaseFindings(ctx, t.viewer, r2, {}, { limit: 50, offset: 0 });
    if (!back.ok) throw new Error('list');
    expect(back.value.page.items.find((f) => f.id === requests.id)?.status).toBe('active');
    const returned = await exportCsaf();
    expect(returned.statements).toBe(before.statements);
    expect(returned.tracking.version).toBe(String(Number(after.tracking.version) + 1));
    expect(returned.tracking.initial_release_date).toBe(before.tracking.initial_release_date);
    expect(returned.tracking.revision_history.slice(0, -1)).toEqual(after.tracking.revision_history);
    expect(returned.tracking.revision_history.at(-1)).toMatchObject({ number: returned.tracking.version, summary: `${requests.vulnerabilityId} on requests 2.31.0: added, affected.` });
    expect(returned.tracking.revision_history.at(-1)!.date > gone.changedAt).toBe(true);
    expect((await exportCsaf()).body).toBe(returned.body);
  });
  it('adds a revision when the vulnerability database updates the advisory of a statement (CVSS), none when nothing the document shows changed', async () => {
    const before = await exportCsaf();
    const lodash = by(f2, 'lodash');
    // The lodash advisory re-scored (critical → high) by a later import; the rest as before.
    const input = {
      advisories: [0, 1, 2, 3].map((n) => osv({ id: `GHSA-fill-${n}`, affected: [{ package: { ecosystem: 'npm', name: `unrelated-${n}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }] }] })).concat([lodashAdvisory(V31_HIGH, '2024-06-01T00:00:00Z'), requestsAdvisory()]),
      cves: [freertosCve],
      kev: [lodashKev],
      epss: [{ cve: 'CVE-2021-23337', epss: 0.012, percentile: 0.85 }],
      epssDate: '2024-03-01',
    };
    const a = await analyzeRelease(ctx, t.editor, fixedVulnDbSource(memoryVulnDb(input)), r2);
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    const list = await listReleaseFindings(ctx, t.viewer, r2, {}, { limit: 50, offset: 0 });
    if (!list.ok) throw new Error('list');
    const updated = list.value.page.items.find((f) => f.id === lodash.id)!;
    expect(updated.severity).toBe('high');
    const after = await exportCsaf();
    expect(after.tracking.id).toBe(before.tracking.id);
    expect(after.tracking.version).toBe(String(Number(before.tracking.version) + 1));
    expect(after.tracking.revision_history).toEqual([
      ...before.tracking.revision_history,
      { number: after.tracking.version, date: updated.changedAt, summary: `${lodash.vulnerabilityId} on lodash ${lodash.componentVersion}: advisory updated (CVSS).` },
    ]);
    expect((await exportCsaf({ lang: 'ja' })).tracking.revision_history.at(-1)!.summary).toBe(`lodash ${lodash.componentVersion} の ${lodash.vulnerabilityId}: アドバイザリを更新（CVSS）。`);
    expect((await exportCsaf()).body).toBe(after.body);
    // An EPSS move is not in the document: no revision.
    const epssMoved = memoryVulnDb({ ...input, epss: [{ cve: 'CVE-2021-23337', epss: 0.5, percentile: 0.99 }], epssDate: '2024-07-01' });
    const b = await analyzeRelease(ctx, t.editor, fixedVulnDbSource(epssMoved), r2);
    if (!b.ok) throw new Error(JSON.stringify(b.error));
    expect((await exportCsaf()).body).toBe(after.body);
  });
});
