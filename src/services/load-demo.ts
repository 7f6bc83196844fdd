/**
 * Loads the demo content (demo-content.ts) into an organisation: `mamori demo load` and
 * `mamori serve --demo`. Everything goes through the same use-cases a person's actions do (products,
 * releases, SBOM uploads, a manual component, the threat model import, analysis, triage), so the audit
 * log shows it like any other work, by the actor given.
 *
 * The vulnerability records are imported only into an empty vulnerability database: a database that
 * already holds feeds has newer, complete data, and the demo extract (a KEV catalog of one entry)
 * must never stand in for it. Loading twice does nothing the second time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '../core/domain/actor.js';
import { err, ok, type Result } from '../core/result.js';
import { findProductByName } from '../store/repositories/products.js';
import { openVulnDb } from '../vulndb/database.js';
import { importPath } from '../vulndb/import.js';
import type { ServiceContext } from './context.js';
import {
  demoKevCatalog,
  demoManualComponent,
  demoManufacturer,
  demoNvdPage,
  demoOsvRecords,
  demoProductNames,
  demoSboms,
  demoThreatModel,
} from './demo-content.js';
import { analyzeRelease } from './findings.js';
import { createProduct } from './products.js';
import { createRelease } from './releases.js';
import { addManualComponent, uploadSbom } from './sboms.js';
import { importThreatDragonModel } from './threats.js';
import { setTriage, triageQueue } from './triage.js';
import { vulnDbSource } from './vulndb-source.js';

export interface DemoSummary {
  /** False when the organisation already had the demo products (nothing was changed). */
  readonly loaded: boolean;
  /** Whether the demo vulnerability records went into the vulnerability database. */
  readonly feeds: 'imported' | 'kept-existing';
  readonly products: readonly {
    readonly name: string;
    readonly releases: readonly {
      readonly version: string;
      readonly components: number;
      readonly findings: number;
    }[];
  }[];
  readonly triaged: number;
}

/** A step that failed: which one, and why (the use-case's own error). */
function failed<T>(step: string, r: Result<T>): Result<never> | null {
  return r.ok
    ? null
    : err(
        r.error.code,
        `Demo content: ${step} failed: ${r.error.message}`,
        r.error.details ? { details: r.error.details } : {},
      );
}

export async function loadDemo(
  ctx: ServiceContext,
  actor: Actor,
  options: { vulnDbPath: string; onProgress?: (line: string) => void },
): Promise<Result<DemoSummary>> {
  const say = options.onProgress ?? (() => {});
  if (await findProductByName(ctx.store.db, actor.organizationId, demoProductNames.pump)) {
    return ok({ loaded: false, feeds: 'kept-existing', products: [], triaged: 0 });
  }
  const feeds = await importDemoFeeds(options.vulnDbPath, say);

  say('Creating the demo products, releases and SBOMs …');
  const pump = await createProduct(ctx, actor, {
    name: demoProductNames.pump,
    modelNumbers: ['IP-200'],
    manufacturer: demoManufacturer,
    deviceClass: 'III',
    isSamd: false,
    useEnvironments: ['hospital'],
    connectivity: ['wireless_lan', 'wired_lan', 'usb'],
    description:
      'Demo content (mamori demo load): a fictitious volumetric infusion pump with a Linux main controller and a FreeRTOS motor controller.',
  });
  const samd = await createProduct(ctx, actor, {
    name: demoProductNames.samd,
    modelNumbers: ['DC-1'],
    manufacturer: demoManufacturer,
    deviceClass: 'II',
    isSamd: true,
    useEnvironments: ['hospital', 'clinic'],
    connectivity: ['wired_lan', 'internet_cloud'],
    description:
      'Demo content (mamori demo load): fictitious dosing software (SaMD) that talks to the pharmacy system.',
  });
  const p = failed('creating the products', pump) ?? failed('creating the products', samd);
  if (p || !pump.ok || !samd.ok) return p!;

  const releases = [
    {
      product: pump.value,
      version: '3.1.0',
      releaseDate: '2025-10-01',
      stage: 'support' as const,
      endOfSupport: '2032-09-30',
      sbom: demoSboms.pump310(),
      notes: 'On the market. Uses OpenSSL 1.1.1 (no longer supported upstream).',
    },
    {
      product: pump.value,
      version: '3.2.0',
      releaseDate: null,
      stage: 'development' as const,
      endOfSupport: null,
      sbom: demoSboms.pump320(),
      notes: 'Next version: third-party components updated.',
    },
    {
      product: samd.value,
      version: '1.4.0',
      releaseDate: '2026-03-02',
      stage: 'support' as const,
      endOfSupport: '2031-03-31',
      sbom: demoSboms.samd140(),
      notes: '',
    },
  ];
  const created: { product: string; id: string; version: string }[] = [];
  for (const r of releases) {
    const release = await createRelease(ctx, actor, r.product.id, {
      version: r.version,
      releaseDate: r.releaseDate,
      stage: r.stage,
      endOfLife: null,
      endOfSupport: r.endOfSupport,
      notes: r.notes,
    });
    if (!release.ok) return failed(`creating release ${r.version}`, release)!;
    const fileName = `${r.product.modelNumbers[0]!.toLowerCase()}-${r.version}.cdx.json`;
    const sbom = await uploadSbom(ctx, actor, release.value.id, {
      bytes: new TextEncoder().encode(r.sbom),
      fileName,
      source: 'upload',
    });
    if (!sbom.ok) return failed(`uploading ${fileName}`, sbom)!;
    if (r.product.id === pump.value.id) {
      const manual = await addManualComponent(ctx, actor, release.value.id, demoManualComponent);
      if (!manual.ok) return failed('adding the manual component', manual)!;
    }
    created.push({ product: r.product.name, id: release.value.id, version: r.version });
  }

  say('Importing the demo threat model …');
  const model = await importThreatDragonModel(ctx, actor, pump.value.id, demoThreatModel(), {
    fileName: 'ip-200.threat-dragon.json',
  });
  if (!model.ok) return failed('importing the threat model', model)!;

  say('Analysing the demo releases …');
  const source = vulnDbSource(options.vulnDbPath);
  const findings = new Map<string, number>();
  const components = new Map<string, number>();
  try {
    for (const r of created) {
      const analysis = await analyzeRelease(ctx, actor, source, r.id);
      if (!analysis.ok) return failed(`analysing release ${r.version}`, analysis)!;
      findings.set(r.id, analysis.value.findings);
      components.set(r.id, analysis.value.components);
    }
  } finally {
    source.close();
  }

  const triaged = await triageDemo(ctx, actor, created[0]!.id, created[2]!.id);
  if (!triaged.ok) return triaged;

  return ok({
    loaded: true,
    feeds,
    products: [pump.value, samd.value].map((product) => ({
      name: product.name,
      releases: created
        .filter((r) => r.product === product.name)
        .map((r) => ({
          version: r.version,
          components: components.get(r.id) ?? 0,
          findings: findings.get(r.id) ?? 0,
        })),
    })),
    triaged: triaged.value,
  });
}

/** Writes the demo feeds into an empty vulnerability database (the file is created if missing). */
async function importDemoFeeds(file: string, say: (line: string) => void): Promise<DemoSummary['feeds']> {
  const db = openVulnDb(file);
  try {
    const s = db.status();
    if (Object.values(s.records).some((n) => n > 0) || s.kev > 0 || s.epss > 0) {
      say(`The vulnerability database ${file} already holds feeds: the demo advisories are not imported.`);
      return 'kept-existing';
    }
    say('Importing the demo vulnerability records (5 OSV, 2 NVD, 1 CISA KEV) …');
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-demo-'));
    try {
      writeFileSync(path.join(dir, 'demo-osv.jsonl'), demoOsvRecords());
      writeFileSync(path.join(dir, 'demo-nvd.json'), demoNvdPage());
      writeFileSync(path.join(dir, 'demo-kev.json'), demoKevCatalog());
      const report = await importPath(db, dir, { source: 'demo' });
      if (report.counts.refused > 0 || report.counts.skipped > 0)
        throw new Error(`the demo feeds were not all imported: ${JSON.stringify(report.counts)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return 'imported';
  } finally {
    db.close();
  }
}

/**
 * Decisions a product security engineer would record on the demo findings: lodash's template
 * injection not reachable, Log4Shell exploitable with an update planned, the requests proxy leak in
 * DoseCalc under investigation. Returns how many decisions were made (none without the demo feeds).
 */
async function triageDemo(
  ctx: ServiceContext,
  actor: Actor,
  pumpReleaseId: string,
  samdReleaseId: string,
): Promise<Result<number>> {
  const decisions = [
    {
      release: pumpReleaseId,
      cve: 'CVE-2021-23337',
      input: {
        state: 'not_affected' as const,
        justification: 'code_not_reachable' as const,
        responses: [],
        detail: 'The management UI never calls _.template(); checked in the bundled code.',
        actionStatement: null,
      },
    },
    {
      release: pumpReleaseId,
      cve: 'CVE-2021-44228',
      input: {
        state: 'exploitable' as const,
        justification: null,
        responses: ['update' as const],
        detail: 'The gateway service logs request headers with log4j-core 2.14.1.',
        actionStatement:
          'Update to 3.2.0 (log4j-core 2.17.1). Until then, block outbound LDAP and RMI from the device network.',
      },
    },
    {
      release: samdReleaseId,
      cve: 'CVE-2023-32681',
      input: {
        state: 'in_triage' as const,
        justification: null,
        responses: [],
        detail: 'Checking whether customer sites route the pharmacy connection through a proxy.',
        actionStatement: null,
      },
    },
  ];
  let made = 0;
  for (const d of decisions) {
    const queue = await triageQueue(ctx, actor, d.release, { includeClosed: true }, { limit: 500, offset: 0 });
    if (!queue.ok) return failed('reading the findings to triage', queue)!;
    const finding = queue.value.items.find(
      (t) => t.finding.vulnerabilityId === d.cve || t.finding.aliases.includes(d.cve),
    );
    if (!finding) continue;
    const set = await setTriage(ctx, actor, finding.finding.id, { scope: 'finding', ...d.input });
    if (!set.ok) return failed(`triaging ${d.cve}`, set)!;
    made += 1;
  }
  return ok(made);
}
