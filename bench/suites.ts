import { randomUUID } from 'node:crypto';
import { createServiceContext, sha256Hex } from '../src/services/context.js';
import { verifyAuditChain } from '../src/services/audit.js';
import { createOrganization, operatorActor } from '../src/services/organizations.js';
import { createProduct, listProducts } from '../src/services/products.js';
import { insertProduct } from '../src/store/repositories/products.js';
import { auditHashInput } from '../src/core/domain/audit.js';
import { median, peakRssMiB, report, time } from './measure.js';
import { openBenchStore } from './stores.js';
import { runSbomBench } from './sbom.js';
import { runVulnsImportBench } from './vulns-import.js';
import { runVulnsScanBench } from './vulns-scan.js';
import { runVulnsRefreshBench } from './vulns-refresh.js';

export interface Suite {
  readonly description: string;
  run(): Promise<void>;
}

/**
 * Foundation: what the audit trail costs. Audited product creation (validation, transaction,
 * hash-chained audit entry) against a bare insert of the same rows; audit verification against
 * hashing the same entries in memory; a list page against a primary-key read.
 */
const foundation: Suite = {
  description: 'audited writes vs bare inserts, audit verification vs in-memory hashing, list paging',
  async run() {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const opened = await openBenchStore(dialect);
      if (!opened) continue;
      const { store } = opened;
      const ctx = createServiceContext(store);
      const org = await createOrganization(ctx, 'bench', { slug: 'bench', name: 'Bench' });
      if (!org.ok) throw new Error(org.error.message);
      const actor = operatorActor(org.value.id, 'bench');
      const n = 2000;
      const input = (i: number, tag: string) => ({
        name: `${tag} ${i}`,
        modelNumbers: [`M-${i}`],
        manufacturer: 'Bench Medical',
        deviceClass: 'II' as const,
        isSamd: false,
        useEnvironments: ['hospital' as const],
        connectivity: ['wired_lan' as const],
        description: '',
      });
      const bare = await time(async () => {
        for (let i = 0; i < n; i++) {
          const at = new Date().toISOString();
          await store.transaction((trx) =>
            insertProduct(trx, { ...input(i, 'bare'), id: randomUUID(), organizationId: org.value.id, createdAt: at, updatedAt: at, archivedAt: null }),
          );
        }
      });
      const audited = await time(async () => {
        for (let i = 0; i < n; i++) await createProduct(ctx, actor, input(i, 'audited'));
      });
      const entries = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      const hashOnly = await median(3, () => {
        for (const e of entries)
          sha256Hex(
            auditHashInput({
              seq: e.seq, id: e.id, at: e.at, organizationId: e.organization_id, actorUserId: e.actor_user_id, actorName: e.actor_name,
              action: e.action, entityType: e.entity_type, entityId: e.entity_id,
              before: e.before_json === null ? null : JSON.parse(e.before_json) as unknown,
              after: e.after_json === null ? null : JSON.parse(e.after_json) as unknown,
              prevHash: e.prev_hash,
            }),
          );
      });
      const verify = await median(3, () => verifyAuditChain(ctx));
      const byId = entries.length > 0 ? await median(20, () => store.db.selectFrom('products').selectAll().limit(1).execute()) : 1;
      const page = await median(20, () => listProducts(ctx, actor, { archived: 'exclude', q: 'audited 19' }, { limit: 50, offset: 0 }));
      console.log(`\n[${dialect}] ${n} products each way, ${entries.length} audit entries`);
      report([
        { name: `create product (audited) ×${n}`, ms: audited.ms, baselineMs: bare.ms, note: `${(n / (audited.ms / 1000)).toFixed(0)} writes/s` },
        { name: `audit verify ×${entries.length}`, ms: verify, baselineMs: hashOnly, note: 'baseline: hashing in memory' },
        { name: 'product search page (50 of 4000)', ms: page, baselineMs: byId, note: 'baseline: one-row read' },
      ]);
      await opened.close();
    }
    console.log(`peak RSS ${peakRssMiB().toFixed(0)} MiB`);
  },
};

const sbom: Suite = {
  description: 'SBOM import of 50,000 components vs JSON.parse, peak RSS, SQLite and PostgreSQL',
  run: runSbomBench,
};

const vulnsImport: Suite = {
  description: 'import of 200,000 OSV records into the vulnerability database vs JSON.parse of the same bytes, peak RSS',
  run: runVulnsImportBench,
};

const vulnsScan: Suite = {
  description: 'scan of a 10,000-component SBOM against 200,000 OSV records: evaluations/s warm, `mamori scan` as a process',
  run: runVulnsScanBench,
};

/** `npm run bench -- vulns`: every vulnerability benchmark of issue #4. */
const vulns: Suite = {
  description: 'vulns-import, vulns-scan and vulns-refresh',
  async run() {
    await runVulnsImportBench();
    await runVulnsScanBench();
    await runVulnsRefreshBench();
  },
};

const vulnsRefresh: Suite = {
  description: 're-analysis of 1,000 releases × 1,000 components after 100 changed advisories vs 10 (proportionality)',
  run: runVulnsRefreshBench,
};

export const suites: Record<string, Suite> = { foundation, sbom, 'vulns-import': vulnsImport, 'vulns-scan': vulnsScan, 'vulns-refresh': vulnsRefresh, vulns };
