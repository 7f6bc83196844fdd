/**
 * `npm run bench -- vulns` (re-analysis part): R releases × C components analysed against a
 * vulnerability database, then the feed changes and `refreshFindings` re-evaluates what the change
 * touched. Issue #4: 1,000 releases × 1,000 components, refresh after 100 changed advisories
 * ≤ 1 s, cost proportional to the change.
 *
 * Every release has the same C npm components (`bench-pkg-<i>@1.0.0`); the database has one advisory
 * for each of the first V = C / 10 packages (so V findings per release). A change rewrites advisories
 * (new summary and CVSS vector: a `changed` finding in every release). Measured in one run: refresh
 * with no change, after 10 changed advisories (the baseline: cost should grow with the change),
 * after 100, after the same 100 published again unchanged (every finding confirmed: the path
 * that marks findings seen), and after 100 new advisories for packages every release holds (their
 * finding sets change: each release's components of them are re-evaluated, ADR 0014).
 *
 * `BENCH_REFRESH_PROFILE=FILE` writes a CPU profile of the 100-change refresh
 * (`BENCH_REFRESH_PROFILE_STEP=ten`: of the 10-change one; `republished`: of the unchanged one;
 * `added`: of the new advisories).
 * `BENCH_REFRESH_RELEASES=N` and `BENCH_REFRESH_COMPONENTS=N` change the sizes (building 1,000 ×
 * 1,000 through the SBOM upload service takes minutes); `BENCH_REFRESH_DIALECTS=postgres` (or
 * `sqlite`) runs one dialect only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { createServiceContext } from '../src/services/context.js';
import { analyzeRelease, refreshFindings } from '../src/services/findings.js';
import { createOrganization, operatorActor } from '../src/services/organizations.js';
import { createProduct } from '../src/services/products.js';
import { createRelease } from '../src/services/releases.js';
import { uploadSbom } from '../src/services/sboms.js';
import { vulnDbSource } from '../src/services/vulndb-source.js';
import { openVulnDb } from '../src/vulndb/database.js';
import { importPath } from '../src/vulndb/import.js';
import { peakRssMiB, report, time } from './measure.js';
import { openBenchStore } from './stores.js';

function advisory(i: number, revision: number, day = '01'): string {
  return JSON.stringify({
    schema_version: '1.6.0',
    id: `GHSA-bench-${String(i).padStart(4, '0')}-0000`,
    modified: `2026-0${1 + revision}-${day}T00:00:00Z`,
    published: '2026-01-01T00:00:00Z',
    aliases: [`CVE-2026-${String(10000 + i)}`],
    summary: `bench advisory ${i} (revision ${revision})`,
    severity: [{ type: 'CVSS_V3', score: revision === 0 ? 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' : 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [{ package: { ecosystem: 'npm', name: `bench-pkg-${i}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] }],
  });
}

function sbom(components: number): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      metadata: { component: { type: 'device', 'bom-ref': 'device', name: 'bench device', version: '1.0' } },
      components: Array.from({ length: components }, (_, i) => ({ type: 'library', 'bom-ref': `c${i}`, name: `bench-pkg-${i}`, version: '1.0.0', purl: `pkg:npm/bench-pkg-${i}@1.0.0` })),
    }),
  );
}

export async function runVulnsRefreshBench(): Promise<void> {
  const releases = Number(process.env.BENCH_REFRESH_RELEASES ?? 1000);
  const components = Number(process.env.BENCH_REFRESH_COMPONENTS ?? 1000);
  const vulnerable = Math.min(components, Math.max(100, Math.floor(components / 10)));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-bench-refresh-'));
  try {
    const dbFile = path.join(dir, 'vulndb.sqlite');
    const writeFeed = (name: string, ids: readonly number[], revision: number, day?: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, ids.map((i) => advisory(i, revision, day)).join('\n') + '\n');
      return file;
    };
    const importFeed = async (file: string) => {
      const db = openVulnDb(dbFile);
      try {
        await importPath(db, file);
      } finally {
        db.close();
      }
    };
    const all = Array.from({ length: vulnerable }, (_, i) => i);
    const bytes = sbom(components);

    const dialects = (['sqlite', 'postgres'] as const).filter((d) => (process.env.BENCH_REFRESH_DIALECTS ?? 'sqlite,postgres').split(',').includes(d));
    for (const dialect of dialects) {
      // A fresh vulnerability database per dialect (the steps below change it).
      for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true });
      await importFeed(writeFeed('base.jsonl', all, 0));
      const opened = await openBenchStore(dialect);
      if (!opened) continue;
      const { store } = opened;
      const ctx = createServiceContext(store);
      const org = await createOrganization(ctx, 'bench', { slug: 'bench', name: 'Bench' });
      if (!org.ok) throw new Error(org.error.message);
      const actor = operatorActor(org.value.id, 'bench');
      const product = await createProduct(ctx, actor, { name: 'Bench device', modelNumbers: ['B-1'], manufacturer: 'Bench Medical', deviceClass: 'II', isSamd: false, useEnvironments: ['hospital'], connectivity: ['wired_lan'], description: '' });
      if (!product.ok) throw new Error(product.error.message);
      const source = vulnDbSource(dbFile);
      const built = await time(async () => {
        for (let r = 0; r < releases; r++) {
          const rel = await createRelease(ctx, actor, product.value.id, { version: `1.${r}.0`, releaseDate: '2026-04-01', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' });
          if (!rel.ok) throw new Error(rel.error.message);
          const up = await uploadSbom(ctx, actor, rel.value.id, { bytes, fileName: 'bom.json', source: 'upload' });
          if (!up.ok) throw new Error(up.error.message);
          const a = await analyzeRelease(ctx, actor, source, rel.value.id);
          if (!a.ok) throw new Error(a.error.message);
        }
      });
      console.log(`\n[${dialect}] ${releases} releases × ${components} components, ${vulnerable} vulnerable packages (${releases * vulnerable} findings); built and analysed in ${(built.ms / 1000).toFixed(1)} s`);

      // Each step: change some advisories in the feed, import, refresh.
      const step = async (name: string, ids: readonly number[], revision: number, day?: string) => {
        if (ids.length > 0) await importFeed(writeFeed(`${name}.jsonl`, ids, revision, day));
        const profiler = process.env.BENCH_REFRESH_PROFILE && name === (process.env.BENCH_REFRESH_PROFILE_STEP ?? 'hundred') ? new Session() : null;
        if (profiler) {
          profiler.connect();
          await profiler.post('Profiler.enable');
          await profiler.post('Profiler.start');
        }
        const t = await time(() => refreshFindings(ctx, actor, source));
        if (profiler) writeFileSync(process.env.BENCH_REFRESH_PROFILE!, JSON.stringify((await profiler.post('Profiler.stop')).profile));
        if (!t.value.ok) throw new Error(t.value.error.message);
        return { ms: t.ms, summary: t.value.value };
      };
      const none = await step('none', [], 0);
      const ten = await step('ten', all.slice(0, 10), 1);
      const hundred = await step('hundred', all.slice(0, 100), 2);
      // The same 100 advisories published again with nothing changed but their time: every finding
      // is re-evaluated and confirmed (its last-seen time and sequence number move), none changes.
      const republished = await step('republished', all.slice(0, 100), 2, '15');
      // 100 new advisories for packages every release holds: the finding sets change, so each
      // release's components of those packages are re-evaluated and a finding inserted per release
      // (no target: the cost is that of the new findings themselves).
      const added = await step('added', Array.from({ length: Math.min(100, components - vulnerable) }, (_, i) => vulnerable + i), 0);
      const s = hundred.summary;
      console.log(`after 100 changes: ${s.changes} change rows, ${s.packageVersions} package versions evaluated, ${s.releases} releases and ${s.components} components re-evaluated one by one, ${s.changed} changed findings`);
      report([
        { name: 'refresh, no change', ms: none.ms, baselineMs: none.ms, note: `${none.summary.packageVersions} package versions evaluated` },
        { name: 'refresh after 10 changed advisories', ms: ten.ms, baselineMs: none.ms, note: `${ten.summary.packageVersions} package versions, ${ten.summary.changed} changed findings; baseline: no change` },
        { name: 'refresh after 100 changed advisories', ms: hundred.ms, baselineMs: ten.ms, note: `${s.packageVersions} package versions, ${s.changed} changed findings; target ≤ 1000 ms; baseline: 10 changes (proportional ≈ 10×)` },
        { name: 'refresh after 100 republished advisories', ms: republished.ms, baselineMs: hundred.ms, note: `${republished.summary.packageVersions} package versions, ${republished.summary.changed} changed findings (all confirmed); baseline: 100 changed` },
        { name: 'refresh after 100 new advisories', ms: added.ms, baselineMs: hundred.ms, note: `${added.summary.releases} releases, ${added.summary.components} components re-evaluated one by one, ${added.summary.new} new findings (no target); baseline: 100 changed` },
      ]);
      source.close();
      await opened.close();
    }
    console.log(`peak RSS ${peakRssMiB().toFixed(0)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
