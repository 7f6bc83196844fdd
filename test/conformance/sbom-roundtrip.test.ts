/**
 * SBOM round trip (../shared/conformance): import → export → validate → import keeps every
 * component, purl, hash, license and dependency edge.
 *
 * - CycloneDX 1.6 JSON and XML carry everything the model holds, so the re-imported components must
 *   equal the originals field by field (name, group, version, type, purl, CPE, hashes, licenses,
 *   supplier, support data), nesting included, every dependency edge must survive, and so must the
 *   BOM-level external references (none of the inputs has any yet; src/sbom/write/write-sbom.test.ts
 *   covers them).
 * - SPDX 2.3 JSON cannot carry some fields (docs/sbom-mapping.md lists them: group, scope, hash
 *   algorithms SPDX lacks …); there the comparison is on what SPDX carries: name, version, purl,
 *   CPE, SPDX-expressible hashes, licenses and dependency edges.
 * - Licenses, in every format: each component's list entry by entry (expression or name, and the
 *   acknowledgement), so a component with several licenses (keycloak's `EPL-2.0`,
 *   `GPL-2.0-with-classpath-exception`) keeps them as they were, not one AND expression in SPDX; and
 *   the release diff of the input and its re-import reports no licence change.
 * Inputs: the real SBOMs (juice-shop, keycloak) and every valid-* CycloneDX 1.6 test BOM.
 * No export refers to what it does not hold (a service is not kept, so no dependsOn names one).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SbomDiagnostic } from '../../src/core/sbom/diagnostics.js';
import { diffSbom } from '../../src/core/sbom/diff.js';
import { walkComponents, type Component, type SbomDocument } from '../../src/core/sbom/model.js';
import { readSbom } from '../../src/sbom/read/index.js';
import { writeSbom, type SbomTarget } from '../../src/sbom/write/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const conformance = path.resolve(repoRoot, '..', 'shared', 'conformance');
const realSboms = path.resolve(conformance, 'cyclonedx-bom-examples', 'SBOM');
const cdx16 = path.resolve(conformance, 'cyclonedx-spec', 'tools', 'src', 'test', 'resources', '1.6');
const inCi = process.env.CI === 'true';
const options = { serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', timestamp: '2026-01-01T00:00:00Z' };

function read(bytes: Uint8Array, name: string): SbomDocument {
  const r = readSbom(bytes, { fileName: name });
  if (!r.ok) throw new Error(`${name}: ${r.code} ${r.message} ${r.diagnostics.slice(0, 3).map((d) => `${d.location} ${d.message}`).join('; ')}`);
  return r.document;
}

const sorted = (xs: readonly string[]) => [...xs].sort();
const spdxHashes = new Set(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA3-256', 'SHA3-384', 'SHA3-512', 'MD5', 'BLAKE2b-256', 'BLAKE2b-384', 'BLAKE2b-512', 'BLAKE3']);

/**
 * A component's licenses entry by entry. SPDX writes several licenses of one kind as one `A AND B`
 * expression and names as LicenseRef-… ids, and keeps the list in mamori's annotation
 * `mamori:component:licenses` (docs/sbom-mapping.md), so SPDX too must give every entry back; only a
 * lone licence without an acknowledgement comes back declared there (documented).
 */
function licenseEntries(c: Component, full: boolean): string[] {
  return sorted(
    c.licenses.map((l) => {
      const ack = full ? l.acknowledgement : (l.acknowledgement ?? 'declared');
      return `${l.expression ?? `name:${l.name ?? ''}`}${ack === null ? '' : ` (${ack})`}`;
    }),
  );
}

function fingerprint(c: Component, full: boolean): Record<string, unknown> {
  const base = {
    name: c.name,
    version: c.version,
    purl: c.purl,
    cpe: c.cpe,
    hashes: sorted(c.hashes.filter((h) => full || spdxHashes.has(h.alg)).map((h) => `${h.alg}:${h.content}`)),
    licenses: licenseEntries(c, full),
  };
  return full
    ? { ...base, group: c.group, type: c.type, supplier: c.supplier?.name ?? null, supportLevel: c.supportLevel, endOfSupport: c.endOfSupport, children: c.components.length }
    : base;
}

/**
 * Identity across formats: SPDX ids are sanitised bom-refs, so match on content, not on refs.
 * SPDX has no group field, so the SPDX comparison leaves it out of the identity.
 */
let withGroup = true;
function key(c: Component): string {
  return `${withGroup ? (c.group ?? '') : ''}/${c.name}@${c.version ?? ''}#${c.purl ?? ''}`;
}

function edges(doc: SbomDocument): string[] {
  const byRef = new Map<string, Component>();
  for (const { component } of walkComponents(doc.components)) byRef.set(component.bomRef, component);
  if (doc.metadata.component) byRef.set(doc.metadata.component.bomRef, doc.metadata.component);
  const name = (ref: string) => {
    const c = byRef.get(ref);
    return c ? key(c) : null;
  };
  const out = new Set<string>();
  for (const d of doc.dependencies)
    for (const t of d.dependsOn) {
      const a = name(d.ref);
      const b = name(t);
      if (a && b) out.add(`${a} -> ${b}`);
    }
  return [...out].sort();
}

function compare(original: SbomDocument, again: SbomDocument, full: boolean, label: string): string[] {
  const problems: string[] = [];
  const before = new Map<string, Record<string, unknown>[]>();
  for (const { component } of walkComponents(original.components)) {
    const list = before.get(key(component)) ?? [];
    list.push(fingerprint(component, full));
    before.set(key(component), list);
  }
  const after = new Map<string, Record<string, unknown>[]>();
  for (const { component } of walkComponents(again.components)) {
    const list = after.get(key(component)) ?? [];
    list.push(fingerprint(component, full));
    after.set(key(component), list);
  }
  for (const [k, list] of before) {
    const other = after.get(k);
    if (!other) problems.push(`${label}: component ${k} lost`);
    else if (JSON.stringify(list.map((x) => JSON.stringify(x)).sort()) !== JSON.stringify(other.map((x) => JSON.stringify(x)).sort())) {
      const a = list[0]!;
      const b = other[0]!;
      const fields = Object.keys(a).filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
      problems.push(`${label}: component ${k} changed: ${fields.map((f) => `${f} ${JSON.stringify(a[f])} → ${JSON.stringify(b[f])}`).join('; ') || `count ${list.length} → ${other.length}`}`);
    }
  }
  for (const k of after.keys()) if (!before.has(k)) problems.push(`${label}: component ${k} appeared`);
  const e1 = edges(original);
  const e2 = new Set(edges(again));
  const lost = e1.filter((e) => !e2.has(e));
  if (lost.length > 0) problems.push(`${label}: ${lost.length} dependency edges lost, e.g. ${lost.slice(0, 3).join(', ')}`);
  if (full) {
    const refs = (doc: SbomDocument) => doc.metadata.externalReferences.map((r) => JSON.stringify([r.type, r.url, r.comment, r.hashes.map((h) => `${h.alg}:${h.content}`).sort()])).sort();
    if (JSON.stringify(refs(original)) !== JSON.stringify(refs(again))) problems.push(`${label}: BOM-level external references changed: ${refs(original).join(' ')} → ${refs(again).join(' ')}`);
  }
  return problems;
}

/** The refs named by dependency.dangling warnings. */
function danglingRefs(diagnostics: readonly SbomDiagnostic[]): string[] {
  return diagnostics.filter((d) => d.code === 'dependency.dangling').map((d) => String(d.args?.target ?? d.args?.ref));
}

const targets: { target: SbomTarget; full: boolean }[] = [
  { target: 'cyclonedx-1.6-json', full: true },
  { target: 'cyclonedx-1.6-xml', full: true },
  { target: 'spdx-2.3-json', full: false },
];

function inputs(): { name: string; bytes: Uint8Array }[] {
  const list: { name: string; bytes: Uint8Array }[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${rel}${entry.name}/`);
      else if (/\.(json|xml)$/.test(entry.name)) list.push({ name: `${rel}${entry.name}`, bytes: readFileSync(path.join(dir, entry.name)) });
    }
  };
  walk(realSboms, '');
  for (const file of readdirSync(cdx16).filter((f) => /^valid-.*\.json$/.test(f)))
    list.push({ name: `1.6/${file}`, bytes: readFileSync(path.join(cdx16, file)) });
  return list;
}

describe('SBOM round trip: import → export → validate → import', () => {
  const present = existsSync(realSboms) && existsSync(cdx16);
  if (!present && !inCi) {
    console.warn(`skipping SBOM round trip: conformance data not found at ${conformance}`);
    it.skip('needs ../shared/conformance', () => {});
    return;
  }
  for (const { target, full } of targets) {
    it(`${target} keeps every component, purl, hash, license and dependency edge`, () => {
      expect(present, `conformance data missing at ${conformance}`).toBe(true);
      withGroup = full;
      const problems: string[] = [];
      let documents = 0;
      let components = 0;
      let severalLicenses = 0;
      for (const input of inputs()) {
        const original = read(input.bytes, input.name);
        // A document of only a product and services (valid-saasbom) has no components to keep; in
        // SPDX its lone package cannot be told apart from a one-component document.
        if (original.components.length === 0) continue;
        const text = writeSbom(original, target, options);
        const again = readSbom(new TextEncoder().encode(text), { fileName: `roundtrip.${target}` });
        if (!again.ok) {
          problems.push(`${input.name}: the export does not validate: ${again.code} ${again.diagnostics.slice(0, 2).map((d) => `${d.location} ${d.message}`).join('; ')}`);
          continue;
        }
        documents += 1;
        for (const { component } of walkComponents(original.components)) {
          components += 1;
          if (component.licenses.length > 1) severalLicenses += 1;
        }
        problems.push(...compare(original, again.document, full, input.name));
        // The release diff of a document and its re-import (a CycloneDX release and its SPDX export)
        // sees no licence change of a package. Only pairs with the same purl count: the diff pairs
        // packages of one identity and version in document order, and keycloak's two
        // integration-arquillian-tests-base jars (type=jar, type=test-jar) swap places in the export.
        const diff = diffSbom(original, again.document);
        const licenceChanges = [...diff.modified, ...diff.upgraded, ...diff.downgraded, ...diff.versionChanged]
          .filter((c) => c.old.purl === c.new.purl)
          .flatMap((c) => c.fieldChanges.filter((f) => f.field === 'licenses').map((f) => `${c.identity}: ${f.old} → ${f.new}`));
        if (licenceChanges.length > 0) problems.push(`${input.name}: the diff reports ${licenceChanges.length} licence changes, e.g. ${licenceChanges.slice(0, 2).join('; ')}`);
        // No output refers to something it does not hold (a service that was not kept): every
        // dependency ref the re-import finds dangling was already dangling in the input.
        const before = new Set(danglingRefs(readSbom(input.bytes).diagnostics));
        for (const ref of danglingRefs(again.diagnostics)) if (!before.has(ref)) problems.push(`${input.name}: the export refers to "${ref}", which it does not hold`);
      }
      if (problems.length > 0) console.log(`${target}: ${problems.length} problems\n${problems.slice(0, 15).join('\n')}`);
      expect(problems.slice(0, 20), `${problems.length} problems over ${documents} documents`).toEqual([]);
      expect(components).toBeGreaterThan(2000);
      // keycloak's components with two licenses (bom.json and bom.xml), juice-shop's with MIT twice.
      expect(severalLicenses).toBeGreaterThan(200);
    }, 120_000);
  }
});
