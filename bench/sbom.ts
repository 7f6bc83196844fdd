/**
 * `npm run bench -- sbom`: import (parse + validate + store) of a generated 50,000-component
 * CycloneDX 1.6 JSON, as a ratio to JSON.parse of the same bytes measured in the same run, plus
 * peak RSS; on SQLite and on PostgreSQL. Target: ≤ 4× JSON.parse and ≤ 1 GiB. The import is the
 * median of five uploads after a warm-up one (as a running server does them), measured in turns
 * with JSON.parse, whose median is that dialect's baseline. After them, per dialect, a floor: JSON.parse
 * followed by storing the rows of the same document mapped beforehand (ADR 0007 addendum 15).
 */
import { readSbom } from '../src/sbom/read/index.js';
import { createServiceContext } from '../src/services/context.js';
import { createOrganization, operatorActor } from '../src/services/organizations.js';
import { createProduct } from '../src/services/products.js';
import { createRelease } from '../src/services/releases.js';
import { checkSbom, uploadSbom } from '../src/services/sboms.js';
import type { ServiceContext } from '../src/services/context.js';
import type { SbomDocument } from '../src/core/sbom/model.js';
import { insertBlobWhilePacking, startPacking } from '../src/store/repositories/blobs.js';
import {
  dependencyGraph,
  flatComponents,
  insertSbomWithComponents,
  primaryComponentRows,
  type DependencyGraph,
  type FlatComponent,
} from '../src/store/repositories/sboms.js';
import { defaultSbomLimits } from '../src/core/sbom/diagnostics.js';
import { median, pairedMedians, peakRssMiB, report } from './measure.js';
import { openBenchStore } from './stores.js';

export function generateCycloneDx(n: number): Uint8Array {
  const ecosystems = ['npm', 'pypi', 'maven', 'golang', 'cargo', 'gem', 'nuget'];
  const components = [];
  const dependencies = [];
  for (let i = 0; i < n; i++) {
    const eco = ecosystems[i % ecosystems.length]!;
    const name = `component-${i}`;
    const version = `${i % 7}.${i % 13}.${i % 29}`;
    const purl = eco === 'maven' ? `pkg:maven/org.example.g${i % 50}/${name}@${version}` : `pkg:${eco}/${name}@${version}`;
    components.push({
      type: 'library',
      'bom-ref': purl,
      name,
      version,
      ...(eco === 'maven' ? { group: `org.example.g${i % 50}` } : {}),
      supplier: { name: `Supplier ${i % 300}` },
      purl,
      hashes: [{ alg: 'SHA-256', content: (i.toString(16).padStart(8, '0')).repeat(8) }],
      licenses: [{ license: { id: i % 3 === 0 ? 'MIT' : 'Apache-2.0' } }],
      description: `Generated component number ${i} of a realistic shape`,
      properties: i % 10 === 0 ? [{ name: 'cdx:lifecycle:milestone:endOfSupport', value: '2030-12-31' }] : [],
    });
    if (i > 0) dependencies.push({ ref: purl, dependsOn: [components[Math.floor(i / 2)]!['bom-ref']] });
  }
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    metadata: { timestamp: '2026-04-01T00:00:00Z', component: { type: 'firmware', 'bom-ref': 'root', name: 'bench device', version: '1.0' } },
    components,
    dependencies,
  };
  return new TextEncoder().encode(JSON.stringify(bom));
}

/** The storing part of an upload (services/sboms.ts `uploadSbom`) for rows mapped beforehand: the floor's second half. */
async function storeRows(
  ctx: ServiceContext,
  organizationId: string,
  releaseId: string,
  bytes: Uint8Array,
  document: SbomDocument,
  premade: { primary: FlatComponent[]; rows: FlatComponent[]; graph: DependencyGraph },
): Promise<void> {
  const packing = startPacking(bytes);
  const at = new Date().toISOString();
  const { format, specVersion, encoding, metadata } = document;
  await ctx.store.transaction(async (trx) => {
    const storeOriginal = await insertBlobWhilePacking(trx, packing, at);
    await insertSbomWithComponents(
      trx,
      ctx.store,
      organizationId,
      {
        id: ctx.newId(),
        releaseId,
        format,
        specVersion,
        encoding,
        fileName: 'bench.json',
        sha256: packing.sha256,
        sizeBytes: bytes.byteLength,
        source: 'upload',
        serialNumber: metadata.serialNumber,
        bomVersion: metadata.version,
        documentTimestamp: metadata.timestamp,
        metadata,
        diagnostics: [],
        componentCount: 0,
        dependencyCount: 0,
        createdAt: at,
        createdBy: 'bench',
      },
      { primary: premade.primary, components: premade.rows, dependencies: () => premade.graph, finish: () => undefined, diagnostics: () => [] },
      ctx.newId,
    );
    await storeOriginal();
  });
}

export async function runSbomBench(): Promise<void> {
  const n = 50_000;
  const bytes = generateCycloneDx(n);
  const text = () => new TextDecoder().decode(bytes);
  console.log(`generated CycloneDX 1.6 JSON: ${n} components, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MiB`);
  // Each step starts from a collected heap: the generator's objects and the previous step's parse
  // trees are garbage that is not the import's (`--expose-gc`, as in bench/vulns-import.ts).
  globalThis.gc?.();
  const parse = await median(3, () => JSON.parse(text()) as unknown);
  const read = await median(3, () => {
    const r = readSbom(bytes, { limits: defaultSbomLimits });
    if (!r.ok) throw new Error(r.message);
  });
  report([{ name: 'readSbom (decode + parse + validate + map)', ms: read, baselineMs: parse, note: 'baseline: JSON.parse of the same bytes' }]);
  const rounds = 5;
  /** A fresh database with a product and `count` releases to upload to; null when the dialect is skipped. */
  const prepare = async (dialect: 'sqlite' | 'postgres', count: number) => {
    globalThis.gc?.();
    const opened = await openBenchStore(dialect);
    if (!opened) return null;
    const ctx = createServiceContext(opened.store);
    const org = await createOrganization(ctx, 'bench', { slug: 'bench', name: 'Bench' });
    if (!org.ok) throw new Error(org.error.message);
    const actor = operatorActor(org.value.id, 'bench');
    const p = await createProduct(ctx, actor, { name: 'P', modelNumbers: [], manufacturer: 'M', deviceClass: null, isSamd: false, useEnvironments: [], connectivity: [], description: '' });
    if (!p.ok) throw new Error('product');
    const releases: string[] = [];
    for (let i = 1; i <= count; i++) {
      const r = await createRelease(ctx, actor, p.value.id, { version: String(i), releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
      if (!r.ok) throw new Error('release');
      releases.push(r.value.id);
    }
    return { ctx, actor, organizationId: org.value.id, releases, close: () => opened.close() };
  };
  const dialects = ['sqlite', 'postgres'] as const;
  for (const dialect of dialects) {
    // Uploads of the document to new releases, in turns with JSON.parse of the same bytes (the
    // baseline): one warm-up of each, then the medians of five.
    const b = await prepare(dialect, rounds + 1);
    if (!b) continue;
    const paired = await pairedMedians(
      rounds,
      () => JSON.parse(text()) as unknown,
      async () => {
        const up = await uploadSbom(b.ctx, b.actor, b.releases.shift()!, { bytes, fileName: 'bench.json', source: 'upload' });
        if (!up.ok) throw new Error(up.error.message);
      },
    );
    report([
      {
        name: `[${dialect}] import (parse + validate + store)`,
        ms: paired.ms,
        baselineMs: paired.baselineMs,
        note: `target ≤ 4×; ${(n / (paired.ms / 1000)).toFixed(0)} components/s; medians of ${rounds}, in turns with JSON.parse (each turn: ${paired.ratios.map((r) => r.toFixed(2)).join(' ')})`,
      },
    ]);
    await b.close();
  }
  // Before the floors, which hold the document and its rows in memory: the imports' peak.
  console.log(`peak RSS ${peakRssMiB().toFixed(0)} MiB (target ≤ 1024 MiB)`);

  // The floor: JSON.parse of the bytes (the least reading can cost), then the same document's rows,
  // already read, checked and mapped outside the timing, stored as an upload stores them (the SBOM
  // row, the component rows, the dependency graph, the original), in one transaction. An import that
  // parses the document whole cannot store its first row before the parse has ended, so it cannot
  // take less than this; only the schema check and the mapping are left out (ADR 0007 addendum 15).
  const checked = checkSbom({ bytes, fileName: 'bench.json', source: 'upload' });
  if (!checked.ok) throw new Error(checked.error.message);
  const { document } = checked.value;
  const premade = { primary: primaryComponentRows(document.metadata), rows: [...flatComponents(document.components)], graph: dependencyGraph(document.dependencies) };
  for (const dialect of dialects) {
    const b = await prepare(dialect, rounds + 1);
    if (!b) continue;
    const floor = await pairedMedians(
      rounds,
      () => JSON.parse(text()) as unknown,
      async () => {
        JSON.parse(text());
        await storeRows(b.ctx, b.organizationId, b.releases.shift()!, bytes, document, premade);
      },
    );
    report([
      {
        name: `[${dialect}] floor: parse, then store the rows`,
        ms: floor.ms,
        baselineMs: floor.baselineMs,
        note: `JSON.parse, then the rows (mapped beforehand) stored as an upload stores them (each turn: ${floor.ratios.map((r) => r.toFixed(2)).join(' ')})`,
      },
    ]);
    await b.close();
  }
}
