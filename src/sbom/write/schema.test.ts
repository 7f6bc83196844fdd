/**
 * Every writer output validates against the official schema: CycloneDX 1.6 JSON (draft-07, ajv),
 * CycloneDX 1.6 XML (XSD, libxml2-wasm; bom-1.6 imports spdx.xsd, so license ids are checked too),
 * SPDX 2.3 JSON (the spdx-spec v2.3 schema from ../shared/conformance; skipped with a warning when
 * absent, a failure when CI=true). Schemas are read here, in the test, never by the writers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { component, type SbomDocument } from '../../core/sbom/model.js';
import { isValidSpdxExpression } from '../../core/sbom/quality/spdx-license-syntax.js';
import { writeSbom } from './index.js';
import { baseOptions, sampleDocument } from './write-fixture.js';

const require = createRequire(import.meta.url);
const cdxSchemaDir = join(
  dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')),
  'res',
  'schema',
);
const here = dirname(fileURLToPath(import.meta.url));
const spdxSchemaPath = join(
  here,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'conformance',
  'spdx',
  'spdx-spec@support-2.3',
  'schemas',
  'spdx-schema.json',
);

/** bom-1.6.schema.json, or the library's SNAPSHOT-named copy. */
function cdxFile(name: string): string {
  const plain = join(cdxSchemaDir, name);
  return existsSync(plain)
    ? plain
    : join(cdxSchemaDir, name.replace(/\.(schema\.json|xsd)$/, '.SNAPSHOT.$1'));
}

function cycloneDxJsonValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  for (const name of ['spdx.schema.json', 'jsf-0.82.schema.json']) {
    const file = cdxFile(name);
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // the bom schema refers to the sub-schemas by file name; register them under both spellings
    ajv.addSchema({ ...schema, $id: `http://cyclonedx.org/schema/${file.split('/').pop() ?? name}` });
    if (!file.endsWith(name)) ajv.addSchema({ ...schema, $id: `http://cyclonedx.org/schema/${name}` });
  }
  return ajv.compile(JSON.parse(readFileSync(cdxFile('bom-1.6.schema.json'), 'utf8')) as object);
}

function spdxValidator(): ValidateFunction | null {
  if (!existsSync(spdxSchemaPath)) {
    if (process.env.CI === 'true') throw new Error(`SPDX 2.3 schema missing: ${spdxSchemaPath}`);
    console.warn(`SPDX 2.3 schema not found at ${spdxSchemaPath}; SPDX schema validation skipped`);
    return null;
  }
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(spdxSchemaPath, 'utf8')) as object);
}

let xsd: XsdValidator;
let xsdDoc: XmlDocument;
let cdxJson: ValidateFunction;
let spdx: ValidateFunction | null;

beforeAll(async () => {
  // bom-1.6.xsd imports spdx.xsd by relative path: let libxml2 read files (this test only)
  const { xmlRegisterFsInputProviders } = await import('libxml2-wasm/lib/nodejs.mjs');
  xmlRegisterFsInputProviders();
  const file = cdxFile('bom-1.6.xsd');
  xsdDoc = XmlDocument.fromBuffer(readFileSync(file), { url: file });
  xsd = XsdValidator.fromDoc(xsdDoc);
  cdxJson = cycloneDxJsonValidator();
  spdx = spdxValidator();
});

afterAll(() => {
  xsd.dispose();
  xsdDoc.dispose();
});

function expectValidXml(xml: string): void {
  const doc = XmlDocument.fromString(xml);
  try {
    xsd.validate(doc);
  } finally {
    doc.dispose();
  }
}

function expectValidJson(validate: ValidateFunction, text: string): void {
  const ok = validate(JSON.parse(text));
  expect(validate.errors ?? [], text.slice(0, 200)).toEqual([]);
  expect(ok).toBe(true);
}

const spdxIdPattern = /^SPDXRef-[A-Za-z0-9.-]+$/;

/** What the SPDX 2.3 JSON schema leaves to the spec: id syntax, uniqueness, references, dates. */
function expectSpdxSpecRules(text: string): void {
  const d = JSON.parse(text) as {
    documentNamespace: string;
    creationInfo: { created: string; creators: string[] };
    packages: {
      SPDXID: string;
      validUntilDate?: string;
      supplier?: string;
      originator?: string;
      licenseDeclared?: string;
      licenseConcluded?: string;
    }[];
    relationships: { spdxElementId: string; relatedSpdxElement: string }[];
    hasExtractedLicensingInfos?: { licenseId: string }[];
  };
  expect(() => new URL(d.documentNamespace)).not.toThrow();
  expect(d.documentNamespace).not.toContain('#');
  expect(d.creationInfo.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  for (const c of d.creationInfo.creators) expect(c).toMatch(/^(Tool|Organization|Person): \S/);
  const ids = new Set(['SPDXRef-DOCUMENT']);
  for (const p of d.packages) {
    expect(p.SPDXID).toMatch(spdxIdPattern);
    expect(ids.has(p.SPDXID), p.SPDXID).toBe(false);
    ids.add(p.SPDXID);
    if (p.validUntilDate !== undefined) expect(p.validUntilDate).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    if (p.supplier !== undefined) expect(p.supplier).toMatch(/^(NOASSERTION|(Organization|Person): .+)$/);
    if (p.originator !== undefined) expect(p.originator).toMatch(/^(NOASSERTION|(Organization|Person): .+)$/);
  }
  for (const r of d.relationships) {
    expect(ids.has(r.spdxElementId), r.spdxElementId).toBe(true);
    expect(ids.has(r.relatedSpdxElement), r.relatedSpdxElement).toBe(true);
  }
  const defined = new Set((d.hasExtractedLicensingInfos ?? []).map((i) => i.licenseId));
  for (const p of d.packages) {
    for (const e of [p.licenseDeclared, p.licenseConcluded]) {
      // SPDX 2.3 §7.13 / §7.15 and Annex D: a license expression of listed ids (or NOASSERTION / NONE).
      if (e !== undefined) expect(isValidSpdxExpression(e), e).toBe(true);
      for (const ref of (e ?? '').match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? [])
        expect(defined.has(ref), ref).toBe(true);
    }
  }
}

const emptyDocument: SbomDocument = {
  format: 'spdx',
  specVersion: '2.3',
  encoding: 'json',
  metadata: {
    serialNumber: null,
    version: null,
    timestamp: null,
    name: null,
    authors: [],
    supplier: null,
    tools: [],
    lifecycles: [],
    component: null,
    licenses: [],
    properties: [],
    externalReferences: [],
  },
  components: [],
  dependencies: [],
};

/** The purls QA found accepted (sbomra defect 1) and other values xs:anyURI refuses. */
const malformedPurls = [
  'pkg:npm/%zz@1',
  'pkg:generic/murata/wifi fw@2.1 build 7',
  'pkg:npm/a[1]@1#b#c',
  ':npm/x',
  'pkg://npm:x/y',
  'pkg:generic/a\tb',
];

function malformedIdentifiers(): SbomDocument {
  const reference = (url: string) => ({ type: 'vcs', url, comment: null, hashes: [] });
  return {
    ...emptyDocument,
    metadata: { ...emptyDocument.metadata, externalReferences: [reference('https://example.com/a b#x#y')] },
    components: malformedPurls.map((purl, i) =>
      component({
        bomRef: `c${i}`,
        name: `c${i}`,
        purl,
        supplier: { name: 'Supplier', url: ['https://host:/100%', 'http://[::1]:8080/'], contact: [] },
        externalReferences: [reference('git@github.com:acme/x.git'), reference('https://a@b@example.com/')],
      }),
    ),
  };
}

const documents: Record<string, () => SbomDocument> = {
  sample: sampleDocument,
  empty: () => emptyDocument,
  'single compound expression, no metadata component': () => ({
    ...emptyDocument,
    components: [
      component({
        bomRef: 'c',
        name: 'c',
        licenses: [
          {
            expression: 'GPL-2.0-only WITH Classpath-exception-2.0 OR MIT',
            name: null,
            acknowledgement: null,
          },
        ],
        supplier: { name: null, url: [], contact: [] },
      }),
    ],
    dependencies: [{ ref: 'c', dependsOn: [] }],
  }),
  // Expressions stated in an imported SBOM that SPDX cannot carry as expressions (ids not on the
  // SPDX License List, an unlisted exception, not the syntax): written as LicenseRefs.
  'expressions with unlisted ids': () => ({
    ...emptyDocument,
    components: [
      component({
        bomRef: 'c',
        name: 'c',
        licenses: [
          { expression: 'Proprietary', name: null, acknowledgement: 'concluded' },
          { expression: 'MIT OR Commercial', name: null, acknowledgement: 'declared' },
          { expression: 'GPL-2.0-only WITH Unknown-exception', name: null, acknowledgement: 'declared' },
        ],
      }),
      component({
        bomRef: 'd',
        name: 'd',
        licenses: [{ expression: 'Some Vendor Licence', name: null, acknowledgement: null }],
      }),
    ],
    dependencies: [],
  }),
  // Purls and URLs as an uploaded SBOM can hold them (plain strings in SBOM JSON), or as manual
  // components took them before they were checked: the XML export still validates (any-uri.ts).
  'purls and URLs that are no URIs': malformedIdentifiers,
  'every component type': () => ({
    ...emptyDocument,
    components: (
      [
        'application',
        'framework',
        'library',
        'container',
        'platform',
        'operating-system',
        'device',
        'device-driver',
        'firmware',
        'file',
        'machine-learning-model',
        'data',
        'cryptographic-asset',
      ] as const
    ).map((type) => component({ bomRef: type, name: type, type, scope: 'optional' })),
  }),
};

describe('schema validity', () => {
  for (const [label, make] of Object.entries(documents)) {
    for (const variant of ['full', 'hospital'] as const) {
      it(`CycloneDX 1.6 JSON validates (${label}, ${variant})`, () => {
        expectValidJson(cdxJson, writeSbom(make(), 'cyclonedx-1.6-json', { ...baseOptions, variant }));
      });
      it(`CycloneDX 1.6 XML validates against bom-1.6.xsd (${label}, ${variant})`, () => {
        expect(() =>
          expectValidXml(writeSbom(make(), 'cyclonedx-1.6-xml', { ...baseOptions, variant })),
        ).not.toThrow();
      });
      it(`SPDX 2.3 JSON validates (${label}, ${variant})`, () => {
        const text = writeSbom(make(), 'spdx-2.3-json', { ...baseOptions, variant });
        if (spdx !== null) expectValidJson(spdx, text);
        expectSpdxSpecRules(text);
      });
    }
  }

  // An export of a release: the product release as the subject, the uploaded root kept (subject.ts).
  const subject = {
    bomRef: 'mamori:release:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    type: 'device',
    name: 'CardioMonitor X200 患者モニタ',
    version: '1.1.0',
    manufacturer: 'Example Medical K.K.',
    dependsOn: ['openssl'],
    endOfSupport: '2034-03-31',
    endOfLife: '2032-03-31',
    releaseDate: '2026-04-01',
    modelNumbers: ['CM-X200', 'CM-X200/JP'],
  } as const;
  for (const [label, make] of Object.entries(documents)) {
    for (const variant of ['full', 'hospital'] as const) {
      const options = { ...baseOptions, variant, subject };
      it(`with the release as subject: CycloneDX 1.6 JSON, XML and SPDX 2.3 validate (${label}, ${variant})`, () => {
        expectValidJson(cdxJson, writeSbom(make(), 'cyclonedx-1.6-json', options));
        expect(() => expectValidXml(writeSbom(make(), 'cyclonedx-1.6-xml', options))).not.toThrow();
        const text = writeSbom(make(), 'spdx-2.3-json', options);
        if (spdx !== null) expectValidJson(spdx, text);
        expectSpdxSpecRules(text);
      });
    }
  }

  it('the XML export writes a purl or URL that is no URI percent-encoded; JSON and SPDX keep the text as stored', () => {
    const xml = writeSbom(malformedIdentifiers(), 'cyclonedx-1.6-xml', baseOptions);
    expect(xml).toContain('<purl>pkg:npm/%25zz@1</purl>');
    expect(xml).toContain('<purl>pkg:generic/murata/wifi%20fw@2.1%20build%207</purl>');
    expect(xml).toContain('<purl>pkg:npm/a%5B1%5D@1%23b#c</purl>');
    expect(xml).toContain('<url>git@github.com%3Aacme/x.git</url>');
    expect(xml).toContain('<url>http://[::1]:8080/</url>');
    const json = JSON.parse(writeSbom(malformedIdentifiers(), 'cyclonedx-1.6-json', baseOptions)) as {
      components: { purl: string }[];
    };
    expect(json.components.map((c) => c.purl)).toEqual(malformedPurls);
    // Without the encoding, the document fails the schema (the check above is live).
    const raw = xml.replace('<purl>pkg:npm/%25zz@1</purl>', '<purl>pkg:npm/%zz@1</purl>');
    expect(() => expectValidXml(raw)).toThrow();
  });

  it('the validators reject what they should (the checks are live)', () => {
    const bom = JSON.parse(writeSbom(sampleDocument(), 'cyclonedx-1.6-json', baseOptions)) as {
      components: { type: string }[];
    };
    const first = bom.components[0];
    if (first) first.type = 'not-a-type';
    expect(cdxJson(bom)).toBe(false);
    const xml = writeSbom(sampleDocument(), 'cyclonedx-1.6-xml', baseOptions).replace(
      '<id>MIT</id>',
      '<id>NOT-A-LICENSE</id>',
    );
    expect(() => expectValidXml(xml)).toThrow();
    if (spdx !== null) {
      const d = JSON.parse(writeSbom(sampleDocument(), 'spdx-2.3-json', baseOptions)) as {
        packages: { primaryPackagePurpose: string }[];
      };
      const p = d.packages[0];
      if (p) p.primaryPackagePurpose = 'GADGET';
      expect(spdx(d)).toBe(false);
    }
  });
});
