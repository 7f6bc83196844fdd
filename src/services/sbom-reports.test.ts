/**
 * Release exports on both dialects: what a licence typed on a manual component becomes in the
 * documents, the serial number and version each export gets, and the name of the downloaded file.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { diffSbom } from '../core/sbom/diff.js';
import { readSbom } from '../sbom/read/index.js';
import { createProduct } from './products.js';
import { createRelease } from './releases.js';
import { exportRelease, releaseQuality, type ExportOptions } from './sbom-reports.js';
import { sbomTargets } from '../sbom/write/index.js';
import { addManualComponent, updateComponent, uploadSbom, type ComponentInput } from './sboms.js';

const fixture = readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url), 'utf8');
const timestamp = '2026-04-01T09:00:00Z';

const manualInput = (overrides: Partial<ComponentInput>): ComponentInput => ({
  type: 'operating-system', name: 'VxWorks', version: '7', group: null, supplier: 'Wind River', purl: null, cpe: null,
  license: null, description: null, supportLevel: null, endOfSupport: null, ...overrides,
});

interface CdxBom {
  serialNumber: string;
  version: number;
  components: { name: string; licenses?: ({ license: { id?: string; name?: string; acknowledgement?: string } } | { expression: string; acknowledgement?: string })[] }[];
}
interface SpdxDoc {
  documentNamespace: string;
  packages: { name: string; licenseConcluded: string; licenseDeclared: string }[];
  hasExtractedLicensingInfos?: { licenseId: string; name?: string; extractedText: string }[];
}

describeEachDialect('release export', (env) => {
  let t: Tenant;
  let releaseId: string;
  beforeAll(async () => {
    t = await seedTenant(env().ctx);
    const p = await createProduct(env().ctx, t.editor, productInput({ name: 'Infusion Pump IP-300/JP' }));
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(env().ctx, t.editor, p.value.id, { version: '2.1.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    releaseId = r.value.id;
    // An uploaded SBOM at version 3 of its own serial number.
    const doc = { ...(JSON.parse(fixture) as object), version: 3 };
    const up = await uploadSbom(env().ctx, t.editor, releaseId, { bytes: new TextEncoder().encode(JSON.stringify(doc)), fileName: 'bom.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
  });

  const exported = async (options: Partial<ExportOptions> = {}) => {
    const res = await exportRelease(env().ctx, t.viewer, releaseId, { target: 'cyclonedx-1.6-json', variant: 'full', timestamp, ...options });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    return res.value;
  };
  const serialOf = async (options: Partial<ExportOptions> = {}) => (JSON.parse((await exported(options)).text) as CdxBom).serialNumber;

  it('exports a licence typed as a name as a licence name, and an SPDX expression as an expression (add and edit)', async () => {
    const { ctx } = env();
    const vx = await addManualComponent(ctx, t.editor, releaseId, manualInput({ license: 'Wind River Commercial License' }));
    const qnx = await addManualComponent(ctx, t.editor, releaseId, manualInput({ name: 'QNX Neutrino', supplier: 'BlackBerry', license: 'Apache-2.0 OR MIT' }));
    if (!vx.ok || !qnx.ok) throw new Error('setup');
    expect(vx.value.component.licenses).toEqual([{ expression: null, name: 'Wind River Commercial License', acknowledgement: 'concluded' }]);
    expect(qnx.value.component.licenses).toEqual([{ expression: 'Apache-2.0 OR MIT', name: null, acknowledgement: 'concluded' }]);

    for (const variant of ['full', 'hospital'] as const) {
      const cdx = JSON.parse((await exported({ variant })).text) as CdxBom;
      expect(cdx.components.find((c) => c.name === 'VxWorks')?.licenses).toEqual([{ license: { name: 'Wind River Commercial License', acknowledgement: 'concluded' } }]);
      expect(cdx.components.find((c) => c.name === 'QNX Neutrino')?.licenses).toEqual([{ expression: 'Apache-2.0 OR MIT', acknowledgement: 'concluded' }]);

      const spdxText = (await exported({ variant, target: 'spdx-2.3-json' })).text;
      const spdx = JSON.parse(spdxText) as SpdxDoc;
      const vxPackage = spdx.packages.find((p) => p.name === 'VxWorks')!;
      expect(vxPackage.licenseConcluded).toMatch(/^LicenseRef-[A-Za-z0-9.-]+$/);
      expect(spdx.hasExtractedLicensingInfos).toContainEqual(expect.objectContaining({ licenseId: vxPackage.licenseConcluded, name: 'Wind River Commercial License' }));
      expect(spdx.packages.find((p) => p.name === 'QNX Neutrino')?.licenseConcluded).toBe('Apache-2.0 OR MIT');
      // Both documents read back valid, and the licence names come back as names.
      for (const text of [spdxText, (await exported({ variant, target: 'cyclonedx-1.6-xml' })).text]) {
        const back = readSbom(new TextEncoder().encode(text));
        if (!back.ok) throw new Error(back.message);
        expect(back.document.components.find((c) => c.name === 'VxWorks')?.licenses.map((l) => l.name)).toEqual(['Wind River Commercial License']);
      }
    }
    // mamori's own licence-syntax check passes the release (it failed on "spdx.syntax: Wind River Commercial License").
    const quality = await releaseQuality(ctx, t.viewer, releaseId, 'bsi-tr-03183-2');
    if (!quality.ok) throw new Error('quality');
    expect(quality.value.checks.find((c) => c.id === 'component.license.syntax')).toMatchObject({ status: 'pass', failed: 0 });

    // The edit path follows the same rule.
    const named = await updateComponent(ctx, t.editor, qnx.value.id, { license: 'BlackBerry QNX EULA' });
    expect(named.ok && named.value.component.licenses).toEqual([{ expression: null, name: 'BlackBerry QNX EULA', acknowledgement: 'concluded' }]);
    const expression = await updateComponent(ctx, t.editor, vx.value.id, { license: 'LicenseRef-WindRiver-EULA' });
    expect(expression.ok && expression.value.component.licenses).toEqual([{ expression: 'LicenseRef-WindRiver-EULA', name: null, acknowledgement: 'concluded' }]);
    const cdx = JSON.parse((await exported()).text) as CdxBom;
    expect(cdx.components.find((c) => c.name === 'QNX Neutrino')?.licenses).toEqual([{ license: { name: 'BlackBerry QNX EULA', acknowledgement: 'concluded' } }]);
    expect(cdx.components.find((c) => c.name === 'VxWorks')?.licenses).toEqual([{ expression: 'LicenseRef-WindRiver-EULA', acknowledgement: 'concluded' }]);
  });

  it('gives the full and the hospital export different serial numbers, each reproducible, as version 1', async () => {
    const full = await exported({ variant: 'full' });
    const hospital = await exported({ variant: 'hospital' });
    const fullBom = JSON.parse(full.text) as CdxBom;
    const hospitalBom = JSON.parse(hospital.text) as CdxBom;
    expect(fullBom.serialNumber).not.toBe(hospitalBom.serialNumber);
    // The same inventory and options give the same bytes.
    expect((await exported({ variant: 'full' })).text).toBe(full.text);
    expect((await exported({ variant: 'hospital' })).text).toBe(hospital.text);
    // JSON and XML are one document in two encodings; SPDX names the same UUID in its namespace.
    expect((await exported({ target: 'cyclonedx-1.6-xml' })).text).toContain(`serialNumber="${fullBom.serialNumber}"`);
    const spdxHospital = JSON.parse((await exported({ variant: 'hospital', target: 'spdx-2.3-json' })).text) as SpdxDoc;
    expect(spdxHospital.documentNamespace).toBe(`https://mamori.invalid/spdx/${hospitalBom.serialNumber.slice('urn:uuid:'.length)}`);
    // A serial number derived from the content names this content alone: version 1, not the upload's 3.
    expect([fullBom.version, hospitalBom.version]).toEqual([1, 1]);
    // A serial number the caller names keeps the uploaded document's version.
    const named = JSON.parse((await exported({ serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79' })).text) as CdxBom;
    expect([named.serialNumber, named.version]).toEqual(['urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', 3]);
  });

  it('gives every edit of the inventory a new serial number, and the same inventory its old one', async () => {
    const { ctx } = env();
    const added = await addManualComponent(ctx, t.editor, releaseId, manualInput({ name: 'ThreadX', supplier: 'Eclipse Foundation', license: 'MIT' }));
    if (!added.ok) throw new Error('setup');
    const before = await serialOf();
    const beforeHospital = await serialOf({ variant: 'hospital' });
    const edits: Partial<ComponentInput>[] = [
      { license: 'Apache-2.0' },
      { license: 'Eclipse ThreadX Licence' },
      { supplier: 'Microsoft' },
      { purl: 'pkg:generic/eclipse/threadx@6.4.1' },
      { cpe: 'cpe:2.3:o:eclipse:threadx:6.4.1:*:*:*:*:*:*:*' },
      { name: 'Eclipse ThreadX' },
      { description: 'RTOS of the pump controller' },
      { group: 'eclipse' },
      { type: 'firmware' },
      { version: '6.4.1' },
      { supportLevel: 'security fixes only' },
      { endOfSupport: '2031-03-31' },
    ];
    const seen = new Set([before]);
    for (const edit of edits) {
      const res = await updateComponent(ctx, t.editor, added.value.id, edit);
      if (!res.ok) throw new Error(JSON.stringify(res.error));
      const serial = await serialOf();
      expect([Object.keys(edit)[0], seen.has(serial)]).toEqual([Object.keys(edit)[0], false]);
      seen.add(serial);
      expect(await serialOf()).toBe(serial);
    }
    // Back to the inventory of before: its serial numbers again.
    const back = await updateComponent(ctx, t.editor, added.value.id, manualInput({ name: 'ThreadX', supplier: 'Eclipse Foundation', license: 'MIT' }));
    if (!back.ok) throw new Error('restore');
    expect(await serialOf()).toBe(before);
    expect(await serialOf({ variant: 'hospital' })).toBe(beforeHospital);
  });

  it('names the file after the product, the release version and the hospital variant', async () => {
    const name = async (options: Partial<ExportOptions>) => (await exported(options)).fileName;
    // "/" is not allowed in file names (core/file-name.ts).
    expect(await name({})).toBe('sbom-Infusion Pump IP-300_JP-2.1.0.cdx.json');
    expect(await name({ variant: 'hospital' })).toBe('sbom-Infusion Pump IP-300_JP-2.1.0-hospital.cdx.json');
    expect(await name({ target: 'cyclonedx-1.6-xml' })).toBe('sbom-Infusion Pump IP-300_JP-2.1.0.cdx.xml');
    expect(await name({ target: 'spdx-2.3-json', variant: 'hospital' })).toBe('sbom-Infusion Pump IP-300_JP-2.1.0-hospital.spdx.json');
  });

  it("exports the device's end of support, end of life and model numbers, one organisation and the groups, which all read back (QA M2, L4, L6)", async () => {
    const { ctx } = env();
    const p = await createProduct(ctx, t.editor, productInput({ name: '輸液ポンプ InfuSafe', modelNumbers: ['IP-200', 'IP-200/JP'], manufacturer: 'ACME Medical 株式会社' }));
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, t.editor, p.value.id, { version: '2.0.0', releaseDate: '2026-04-01', stage: 'support', endOfLife: '2032-03-31', endOfSupport: '2034-03-31', notes: '' });
    if (!r.ok) throw new Error('setup');
    // The uploaded SBOM names the manufacturer as its supplier, with a URL, and has a scoped npm package.
    const upload = JSON.parse(fixture) as { metadata: Record<string, unknown>; components: Record<string, unknown>[] };
    upload.metadata.supplier = { name: 'ACME Medical 株式会社', url: ['https://acme-medical.example.jp'] };
    upload.components.push({ type: 'library', 'bom-ref': 'pkg:npm/%40babel/core@7.24.0', group: '@babel', name: 'core', version: '7.24.0', purl: 'pkg:npm/%40babel/core@7.24.0' });
    const up = await uploadSbom(ctx, t.editor, r.value.id, { bytes: new TextEncoder().encode(JSON.stringify(upload)), fileName: 'bom.json', source: 'upload' });
    if (!up.ok) throw new Error(JSON.stringify(up.error));
    const win = await addManualComponent(ctx, t.editor, r.value.id, manualInput({ name: 'Windows 10 IoT Enterprise LTSC 2019', group: 'Microsoft', supplier: 'Microsoft', version: '1809', endOfSupport: '2029-01-09' }));
    if (!win.ok) throw new Error('setup');

    for (const variant of ['full', 'hospital'] as const) {
      const read = new Map<string, ReturnType<typeof readSbom>>();
      for (const target of sbomTargets) {
        const res = await exportRelease(ctx, t.viewer, r.value.id, { target, variant, timestamp });
        if (!res.ok) throw new Error(JSON.stringify(res.error));
        expect(res.value.text).toContain('IP-200/JP');
        const back = readSbom(new TextEncoder().encode(res.value.text));
        if (!back.ok) throw new Error(back.message);
        read.set(target, back);
        const device = back.document.metadata.component!;
        expect([target, device.name, device.version, device.endOfSupport]).toEqual([target, '輸液ポンプ InfuSafe', '2.0.0', '2034-03-31']);
        expect(device.properties.filter((x) => x.name !== 'cdx:lifecycle:milestone:endOfSupport')).toEqual([
          { name: 'cdx:lifecycle:milestone:endOfLife', value: '2032-03-31' },
          { name: 'cdx:lifecycle:milestone:generalAvailability', value: '2026-04-01' },
          { name: 'mamori:device:modelNumber', value: 'IP-200' },
          { name: 'mamori:device:modelNumber', value: 'IP-200/JP' },
        ]);
        // One organisation, nothing reported as not kept about it, its URL with it (CycloneDX).
        expect(back.diagnostics.filter((d) => d.code === 'metadata_supplier.not_kept')).toEqual([]);
        expect(back.document.metadata.supplier?.name).toBe('ACME Medical 株式会社');
        if (target !== 'spdx-2.3-json') expect(back.document.metadata.supplier?.url).toEqual(['https://acme-medical.example.jp']);
        // Groups come back from every format.
        const groups = back.document.components.filter((c) => c.group !== null).map((c) => [c.group, c.name]);
        expect(groups).toEqual(expect.arrayContaining([['@babel', 'core'], ['Microsoft', 'Windows 10 IoT Enterprise LTSC 2019']]));
      }
      const cdx = read.get('cyclonedx-1.6-json')!;
      const spdx = read.get('spdx-2.3-json')!;
      if (!cdx.ok || !spdx.ok) throw new Error('read');
      const diff = diffSbom(cdx.document, spdx.document);
      expect([diff.added, diff.removed, diff.primary?.renamed]).toEqual([[], [], false]);
      const changes = [...diff.upgraded, ...diff.downgraded, ...diff.versionChanged, ...diff.modified];
      expect(changes.filter((c) => c.old.name !== c.new.name || c.old.group !== c.new.group)).toEqual([]);
    }
  });
});
