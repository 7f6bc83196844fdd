import { describe, expect, it } from 'vitest';
import { evaluateQuality } from '../../core/sbom/quality/evaluate-quality.js';
import { writeSbom } from '../write/index.js';
import { readSbom } from './read-sbom.js';

const enc = (s: string) => new TextEncoder().encode(s);

function spdxJson(extra: Record<string, unknown>, version = 'SPDX-2.3') {
  return enc(
    JSON.stringify({
      spdxVersion: version,
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'pump-firmware',
      documentNamespace: 'https://example.com/spdx/pump-1.0',
      creationInfo: { created: '2026-01-02T03:04:05Z', creators: ['Tool: syft-0.42.2', 'Organization: Example Medical K.K. (psirt@example.com)', 'Person: Jane Doe ()'] },
      ...extra,
    }),
  );
}

const pkg = (id: string, extra: Record<string, unknown> = {}) => ({ SPDXID: `SPDXRef-${id}`, name: id, downloadLocation: 'NOASSERTION', ...extra });

describe('SPDX mapping', () => {
  it('turns DEPENDS_ON / CONTAINS forward and *_DEPENDENCY_OF / CONTAINED_BY inverted into dependencies', () => {
    const r = readSbom(
      spdxJson({
        packages: ['app', 'a', 'b', 'c', 'd', 'e', 'f'].map((id) => pkg(id)),
        relationships: [
          { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-app' },
          { spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-a' },
          { spdxElementId: 'SPDXRef-b', relationshipType: 'DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-app' },
          { spdxElementId: 'SPDXRef-c', relationshipType: 'BUILD_DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-a' },
          { spdxElementId: 'SPDXRef-d', relationshipType: 'RUNTIME_DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-a' },
          { spdxElementId: 'SPDXRef-a', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-e' },
          { spdxElementId: 'SPDXRef-f', relationshipType: 'CONTAINED_BY', relatedSpdxElement: 'SPDXRef-e' },
          { spdxElementId: 'SPDXRef-e', relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-f' },
          { spdxElementId: 'SPDXRef-a', relationshipType: 'STATIC_LINK', relatedSpdxElement: 'SPDXRef-b' },
        ],
      }),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.document.dependencies).toEqual([
      { ref: 'SPDXRef-app', dependsOn: ['SPDXRef-a', 'SPDXRef-b'] },
      { ref: 'SPDXRef-a', dependsOn: ['SPDXRef-c', 'SPDXRef-d', 'SPDXRef-e', 'SPDXRef-b'] },
      { ref: 'SPDXRef-e', dependsOn: ['SPDXRef-f'] },
      { ref: 'SPDXRef-f', dependsOn: ['SPDXRef-e'] },
    ]);
    // The described package is the primary component and, as nothing depends on it, not a component.
    expect(r.document.metadata.component?.bomRef).toBe('SPDXRef-app');
    expect(r.document.components.map((c) => c.bomRef)).toEqual(['SPDXRef-a', 'SPDXRef-b', 'SPDXRef-c', 'SPDXRef-d', 'SPDXRef-e', 'SPDXRef-f']);
  });

  // SPDX 2.3 clause 11.1, one row per relationship type: [type, A depends on B (forward) or B on A (inverted)].
  const dependencyTypes: [string, 'forward' | 'inverted'][] = [
    ['DEPENDS_ON', 'forward'], // "SPDXRef-A depends on SPDXRef-B"
    ['CONTAINS', 'forward'], // "SPDXRef-A contains SPDXRef-B"
    ['DYNAMIC_LINK', 'forward'], // "SPDXRef-A dynamically links to SPDXRef-B"
    ['STATIC_LINK', 'forward'], // "SPDXRef-A statically links to SPDXRef-B"
    ['HAS_PREREQUISITE', 'forward'], // "SPDXRef-A has as a prerequisite SPDXRef-B"
    ['DEPENDENCY_OF', 'inverted'], // "SPDXRef-A is dependency of SPDXRef-B"
    ['BUILD_DEPENDENCY_OF', 'inverted'],
    ['DEV_DEPENDENCY_OF', 'inverted'],
    ['OPTIONAL_DEPENDENCY_OF', 'inverted'],
    ['PROVIDED_DEPENDENCY_OF', 'inverted'],
    ['RUNTIME_DEPENDENCY_OF', 'inverted'],
    ['TEST_DEPENDENCY_OF', 'inverted'],
    ['CONTAINED_BY', 'inverted'], // "SPDXRef-A is contained by SPDXRef-B"
    ['PREREQUISITE_FOR', 'inverted'], // "SPDXRef-A is a prerequisite for SPDXRef-B"
    ['PACKAGE_OF', 'inverted'], // "SPDXRef-A is used as a package as part of SPDXRef-B"
    ['OPTIONAL_COMPONENT_OF', 'inverted'], // "SPDXRef-A is an optional component of SPDXRef-B"
  ];

  it.each(dependencyTypes)('reads A %s B as a dependency edge (%s)', (type, direction) => {
    const r = readSbom(
      spdxJson({
        packages: [pkg('a'), pkg('b')],
        relationships: [{ spdxElementId: 'SPDXRef-a', relationshipType: type, relatedSpdxElement: 'SPDXRef-b' }],
      }),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.document.dependencies).toEqual(
      direction === 'forward' ? [{ ref: 'SPDXRef-a', dependsOn: ['SPDXRef-b'] }] : [{ ref: 'SPDXRef-b', dependsOn: ['SPDXRef-a'] }],
    );
    expect(r.diagnostics).toEqual([]);
  });

  it('does not read other relationship types as dependencies, and counts them by type in one warning', () => {
    const rel = (a: string, type: string, b: string) => ({ spdxElementId: `SPDXRef-${a}`, relationshipType: type, relatedSpdxElement: b.startsWith('SPDXRef-') || b === 'NOASSERTION' ? b : `SPDXRef-${b}` });
    const relationships = [
      rel('a', 'DYNAMIC_LINK', 'b'),
      // Not dependencies (SPDX 2.3 clause 11.1): a manifest file, tools, provenance, lineage, patches, documentation.
      rel('a', 'DEPENDENCY_MANIFEST_OF', 'b'),
      rel('a', 'BUILD_TOOL_OF', 'b'),
      rel('c', 'BUILD_TOOL_OF', 'b'),
      rel('a', 'DEV_TOOL_OF', 'b'),
      rel('a', 'TEST_TOOL_OF', 'b'),
      rel('a', 'GENERATED_FROM', 'NOASSERTION'),
      rel('a', 'GENERATES', 'b'),
      rel('a', 'VARIANT_OF', 'c'),
      rel('a', 'PATCH_APPLIED', 'c'),
      rel('a', 'DISTRIBUTION_ARTIFACT', 'c'),
      rel('a', 'EXPANDED_FROM_ARCHIVE', 'c'),
      rel('a', 'DOCUMENTATION_OF', 'c'),
      rel('a', 'OTHER', 'c'),
    ];
    const r = readSbom(spdxJson({ packages: [pkg('a'), pkg('b'), pkg('c')], relationships }));
    if (!r.ok) throw new Error(r.message);
    expect(r.document.dependencies).toEqual([{ ref: 'SPDXRef-a', dependsOn: ['SPDXRef-b'] }]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'relationship.not_kept',
        location: '/relationships/1/relationshipType',
        args: {
          count: 13,
          types:
            'DEPENDENCY_MANIFEST_OF (1), BUILD_TOOL_OF (2), DEV_TOOL_OF (1), TEST_TOOL_OF (1), GENERATED_FROM (1), GENERATES (1), VARIANT_OF (1), PATCH_APPLIED (1), DISTRIBUTION_ARTIFACT (1), EXPANDED_FROM_ARCHIVE (1), DOCUMENTATION_OF (1), OTHER (1)',
        },
      }),
    ]);
    expect(r.diagnostics[0]?.message).toMatch(/^13 relationships are not kept, because their types are not a dependency: DEPENDENCY_MANIFEST_OF \(1\), BUILD_TOOL_OF \(2\)/);
    expect(r.diagnostics[0]?.rule).toContain('DYNAMIC_LINK');
  });

  it('warns once per kind about the SPDX content it does not keep: files, snippets, annotations, external documents, licence texts, package and document fields', () => {
    const annotation = { annotator: 'Person: QA', annotationDate: '2026-01-02T03:04:05Z', annotationType: 'REVIEW', comment: 'checked' };
    const sha1 = { algorithm: 'SHA1', checksumValue: 'd6a770ba38583ed4bb4525bd96e50461655d2758' };
    const r = readSbom(
      spdxJson({
        comment: 'Generated for the 510(k) submission',
        creationInfo: { created: '2026-01-02T03:04:05Z', creators: ['Tool: syft-0.42.2'], licenseListVersion: '3.21', comment: 'CI build 42' },
        externalDocumentRefs: [{ externalDocumentId: 'DocumentRef-os', spdxDocument: 'https://example.com/spdx/os', checksum: sha1 }],
        annotations: [annotation],
        packages: [
          pkg('a', {
            description: 'The library',
            summary: 'A library',
            sourceInfo: 'built from git tag v1',
            comment: 'vendored',
            licenseInfoFromFiles: ['MIT', 'BSD-3-Clause'],
            packageVerificationCode: { packageVerificationCodeValue: 'd6a770ba38583ed4bb4525bd96e50461655d2758' },
            annotations: [annotation, annotation],
            externalRefs: [
              { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/a@1' },
              { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/a-alias@1' },
              { referenceCategory: 'PERSISTENT-ID', referenceType: 'swh', referenceLocator: 'swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2' },
            ],
          }),
          // NOASSERTION / NONE and empty lists say nothing: not reported.
          pkg('b', { comment: 'second', licenseInfoFromFiles: ['NOASSERTION'], attributionTexts: [], sourceInfo: 'NOASSERTION' }),
        ],
        files: [{ SPDXID: 'SPDXRef-f1', fileName: './a.c', checksums: [sha1] }, { SPDXID: 'SPDXRef-f2', fileName: './b.c', checksums: [sha1] }],
        snippets: [{ SPDXID: 'SPDXRef-s1', snippetFromFile: 'SPDXRef-f1', name: 's', ranges: [{ startPointer: { reference: 'SPDXRef-f1', offset: 1 }, endPointer: { reference: 'SPDXRef-f1', offset: 9 } }], licenseConcluded: 'MIT' }],
        hasExtractedLicensingInfos: [
          { licenseId: 'LicenseRef-acme', extractedText: 'Acme licence text', name: 'Acme' },
          { licenseId: 'LicenseRef-none', extractedText: 'NOASSERTION' },
        ],
      }),
    );
    if (!r.ok) throw new Error(`${r.message} ${JSON.stringify(r.diagnostics.slice(0, 3))}`);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.location, d.args])).toEqual([
      ['files.not_kept', 'warning', '/files/0', { count: 2 }],
      ['snippets.not_kept', 'warning', '/snippets/0', { count: 1 }],
      ['external_document_refs.not_kept', 'warning', '/externalDocumentRefs/0', { count: 1 }],
      ['annotations.not_kept', 'warning', '/annotations/0', { count: 3, variant: 'spdx' }],
      ['extracted_licenses.not_kept', 'warning', '/hasExtractedLicensingInfos/0/extractedText', { count: 1 }],
      [
        'package_fields.not_kept',
        'warning',
        '/packages/0/sourceInfo',
        { count: 8, fields: 'sourceInfo (1), licenseInfoFromFiles (1), comment (2), packageVerificationCode (1), summary (1), externalRefs (2)' },
      ],
      ['document_fields.not_kept', 'warning', '/comment', { count: 2, fields: 'comment, creationInfo.comment' }],
    ]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "2 files (files[]) are not kept: mamori's inventory holds packages as components; a file's facts belong to its package",
      '1 snippet (snippets[]) is not kept',
      '1 external document reference (externalDocumentRefs[]) is not kept; relationships to elements of other documents are not kept either',
      '3 annotations (annotations[] of the document and its packages) are not kept',
      'The texts of 1 extracted licence (hasExtractedLicensingInfos[].extractedText) are not kept: a package whose licence is one LicenseRef- keeps its name, the text is not exported',
      "Package fields not kept (mamori's component has no place for them): sourceInfo (1), licenseInfoFromFiles (1), comment (2), packageVerificationCode (1), summary (1), externalRefs (2)",
      "Document fields not kept (mamori's document metadata has no place for them): comment, creationInfo.comment",
    ]);
    // What is kept stays as it was (the first purl, the description).
    expect(r.document.components[0]).toMatchObject({ purl: 'pkg:npm/a@1', description: 'The library' });

    // Tag-value: the same kinds, located at their lines.
    const tv = readSbom(
      enc(
        [
          'SPDXVersion: SPDX-2.3',
          'DataLicense: CC0-1.0',
          'SPDXID: SPDXRef-DOCUMENT',
          'DocumentName: pump-fw',
          'DocumentNamespace: https://example.com/pump-fw-1',
          'ExternalDocumentRef: DocumentRef-os https://example.com/spdx/os SHA1: d6a770ba38583ed4bb4525bd96e50461655d2758',
          'Creator: Tool: t',
          'Created: 2026-04-01T00:00:00Z',
          '',
          'PackageName: pump-fw',
          'SPDXID: SPDXRef-root',
          'PackageDownloadLocation: NOASSERTION',
          'PackageSourceInfo: built from git tag v1',
          '',
          'FileName: ./main.c',
          'SPDXID: SPDXRef-main',
          'FileChecksum: SHA1: d6a770ba38583ed4bb4525bd96e50461655d2758',
          '',
          'Annotator: Person: QA',
          'AnnotationDate: 2026-04-01T00:00:00Z',
          'AnnotationType: REVIEW',
          'SPDXREF: SPDXRef-root',
          'AnnotationComment: checked',
          '',
        ].join('\n'),
      ),
    );
    if (!tv.ok) throw new Error(`${tv.message} ${JSON.stringify(tv.diagnostics.slice(0, 3))}`);
    expect(tv.diagnostics.map((d) => [d.code, d.location, d.args])).toEqual([
      ['files.not_kept', 'line 15', { count: 1 }],
      ['external_document_refs.not_kept', 'line 6', { count: 1 }],
      ['annotations.not_kept', 'line 19', { count: 1, variant: 'spdx' }],
      ['package_fields.not_kept', 'line 10', { count: 1, fields: 'sourceInfo (1)' }],
    ]);
  });

  it('reports the same "not kept" for the same content in JSON and tag-value: verification code, annotations by element (QA sbomra 8)', () => {
    const annotation = (annotator: string, comment: string) => ({ annotator, annotationDate: '2026-04-01T00:00:00Z', annotationType: 'OTHER', comment });
    const json = readSbom(
      spdxJson({
        annotations: [annotation('Person: QA', 'document note')],
        packages: [
          pkg('fw', {
            packageVerificationCode: { packageVerificationCodeValue: 'd6a770ba38583ed4bb4525bd96e50461655d2758', packageVerificationCodeExcludedFiles: ['./package.spdx'] },
            annotations: [annotation('Person: QA', 'package note'), annotation('Tool: mamori-1.0', 'mamori:support:level=security fixes only')],
          }),
        ],
        files: [{ fileName: './main.c', SPDXID: 'SPDXRef-main', checksums: [{ algorithm: 'SHA1', checksumValue: 'd6a770ba38583ed4bb4525bd96e50461655d2758' }], annotations: [annotation('Person: QA', 'file note')] }],
      }),
    );
    const tagValue = readSbom(
      enc(
        [
          'SPDXVersion: SPDX-2.3',
          'DataLicense: CC0-1.0',
          'SPDXID: SPDXRef-DOCUMENT',
          'DocumentName: pump-firmware',
          'DocumentNamespace: https://example.com/spdx/pump-1.0',
          'Creator: Tool: syft-0.42.2',
          'Creator: Organization: Example Medical K.K. (psirt@example.com)',
          'Creator: Person: Jane Doe ()',
          'Created: 2026-01-02T03:04:05Z',
          'Annotator: Person: QA',
          'AnnotationDate: 2026-04-01T00:00:00Z',
          'AnnotationType: OTHER',
          'SPDXREF: SPDXRef-DOCUMENT',
          'AnnotationComment: document note',
          '',
          'FileName: ./main.c',
          'SPDXID: SPDXRef-main',
          'FileChecksum: SHA1: d6a770ba38583ed4bb4525bd96e50461655d2758',
          'Annotator: Person: QA',
          'AnnotationDate: 2026-04-01T00:00:00Z',
          'AnnotationType: OTHER',
          'SPDXREF: SPDXRef-main',
          'AnnotationComment: file note',
          '',
          'PackageName: fw',
          'SPDXID: SPDXRef-fw',
          'PackageDownloadLocation: NOASSERTION',
          'PackageVerificationCode: d6a770ba38583ed4bb4525bd96e50461655d2758 (excludes: ./package.spdx)',
          'Annotator: Person: QA',
          'AnnotationDate: 2026-04-01T00:00:00Z',
          'AnnotationType: OTHER',
          'SPDXREF: SPDXRef-fw',
          'AnnotationComment: package note',
          'Annotator: Tool: mamori-1.0',
          'AnnotationDate: 2026-04-01T00:00:00Z',
          'AnnotationType: OTHER',
          'SPDXREF: SPDXRef-fw',
          'AnnotationComment: mamori:support:level=security fixes only',
          '',
        ].join('\n'),
      ),
    );
    if (!json.ok) throw new Error(json.message);
    if (!tagValue.ok) throw new Error(`${tagValue.message} ${JSON.stringify(tagValue.diagnostics.slice(0, 3))}`);
    const said = (r: typeof json) => r.diagnostics.map((d) => [d.code, d.message, d.args]);
    // The file's annotation goes with the file (not kept, counted once as a file); the package's
    // fields include its verification code; mamori's property annotation is the package's support level.
    expect(said(json)).toEqual([
      ['files.not_kept', expect.any(String), { count: 1 }],
      ['annotations.not_kept', '2 annotations (annotations[] of the document and its packages) are not kept', { count: 2, variant: 'spdx' }],
      ['package_fields.not_kept', "Package fields not kept (mamori's component has no place for them): packageVerificationCode (1)", expect.anything()],
    ]);
    expect(said(tagValue)).toEqual(said(json));
    expect(tagValue.document.components.map((c) => [c.name, c.supportLevel])).toEqual([['fw', 'security fixes only']]);
    expect(tagValue.document.components).toEqual(json.document.components);
    expect(tagValue.document.metadata.properties).toEqual([]);
  });

  it('reads DYNAMIC_LINK from tag-value (the QA repro), passes the dependency checks and is written back as DEPENDS_ON', () => {
    const text = [
      'SPDXVersion: SPDX-2.3',
      'DataLicense: CC0-1.0',
      'SPDXID: SPDXRef-DOCUMENT',
      'DocumentName: pump-fw',
      'DocumentNamespace: https://example.com/pump-fw-1',
      'Creator: Organization: ACME Medical (psirt@acme.example)',
      'Created: 2026-04-01T00:00:00Z',
      '',
      'PackageName: pump-fw',
      'SPDXID: SPDXRef-root',
      'PackageVersion: 1.0',
      'PackageDownloadLocation: NOASSERTION',
      '',
      'PackageName: openssl',
      'SPDXID: SPDXRef-openssl',
      'PackageVersion: 3.0.13',
      'PackageDownloadLocation: NOASSERTION',
      '',
      'PackageName: zlib',
      'SPDXID: SPDXRef-zlib',
      'PackageDownloadLocation: NOASSERTION',
      '',
      'Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-root',
      'Relationship: SPDXRef-root DYNAMIC_LINK SPDXRef-openssl',
      'Relationship: SPDXRef-root STATIC_LINK SPDXRef-zlib',
      'Relationship: SPDXRef-zlib GENERATED_FROM NOASSERTION',
      '',
    ].join('\n');
    const r = readSbom(enc(text));
    if (!r.ok) throw new Error(r.message);
    expect(r.document.metadata.component?.bomRef).toBe('SPDXRef-root');
    expect(r.document.dependencies).toEqual([{ ref: 'SPDXRef-root', dependsOn: ['SPDXRef-openssl', 'SPDXRef-zlib'] }]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'relationship.not_kept', location: 'line 26', args: { count: 1, types: 'GENERATED_FROM (1)' } })]);

    const report = evaluateQuality(r.document, 'jp-mhlw', { vulnerabilityAssessmentLinked: false, authorSignaturePresent: false });
    const status = (id: string) => report.checks.find((c) => c.id === id)?.status;
    expect(status('document.dependencies')).toBe('pass');
    expect(status('component.relationship')).toBe('pass');

    const spdx = JSON.parse(writeSbom(r.document, 'spdx-2.3-json', { serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', timestamp: '2026-04-01T00:00:00Z' })) as {
      relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
    };
    expect(spdx.relationships.filter((x) => x.relationshipType !== 'DESCRIBES').map((x) => `${x.spdxElementId} ${x.relationshipType} ${x.relatedSpdxElement}`)).toEqual([
      'SPDXRef-root DEPENDS_ON SPDXRef-openssl',
      'SPDXRef-root DEPENDS_ON SPDXRef-zlib',
    ]);
  });

  it('takes a single described package as the product, like CycloneDX metadata.component, even when depended on', () => {
    const r = readSbom(
      spdxJson({
        documentDescribes: ['SPDXRef-app'],
        packages: [pkg('app'), pkg('plugin')],
        relationships: [{ spdxElementId: 'SPDXRef-plugin', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-app' }],
      }),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.document.metadata.component?.bomRef).toBe('SPDXRef-app');
    expect(r.document.components.map((c) => c.bomRef)).toEqual(['SPDXRef-plugin']);
    expect(r.document.dependencies).toEqual([{ ref: 'SPDXRef-plugin', dependsOn: ['SPDXRef-app'] }]);
  });

  it('has no product when several packages or the only package are described', () => {
    const several = readSbom(spdxJson({ documentDescribes: ['SPDXRef-app', 'SPDXRef-plugin'], packages: [pkg('app'), pkg('plugin')] }));
    if (!several.ok) throw new Error(several.message);
    expect(several.document.metadata.component).toBeNull();
    expect(several.document.components.map((c) => c.bomRef)).toEqual(['SPDXRef-app', 'SPDXRef-plugin']);
    const only = readSbom(spdxJson({ documentDescribes: ['SPDXRef-app'], packages: [pkg('app')] }));
    if (!only.ok) throw new Error(only.message);
    expect(only.document.metadata.component).toBeNull();
    expect(only.document.components.map((c) => c.bomRef)).toEqual(['SPDXRef-app']);
  });

  it('warns about relationships naming undefined elements and ignores files and snippets', () => {
    const r = readSbom(
      spdxJson({
        packages: [pkg('a')],
        files: [{ SPDXID: 'SPDXRef-file', fileName: './a.c', checksums: [{ algorithm: 'SHA1', checksumValue: 'd6a770ba38583ed4bb4525bd96e50461655d2758' }] }],
        relationships: [
          { spdxElementId: 'SPDXRef-a', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-file' },
          { spdxElementId: 'SPDXRef-a', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-missing' },
          { spdxElementId: 'SPDXRef-a', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'NOASSERTION' },
        ],
      }),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.document.components.map((c) => c.bomRef)).toEqual(['SPDXRef-a']);
    expect(r.document.dependencies).toEqual([]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'dependency.dangling', severity: 'warning', location: '/relationships/1/relatedSpdxElement' }),
      // Files are not components: one warning says so.
      expect.objectContaining({ code: 'files.not_kept', severity: 'warning', location: '/files/0', args: { count: 1 } }),
    ]);
  });

  it('maps package fields, creators and document identity', () => {
    const r = readSbom(
      spdxJson({
        packages: [
          pkg('lib', {
            versionInfo: '1.2.3',
            supplier: 'Organization: Acme Corp (oss@acme.example)',
            originator: 'Person: John Smith',
            downloadLocation: 'https://acme.example/lib-1.2.3.tgz',
            homepage: 'https://acme.example',
            checksums: [
              { algorithm: 'SHA256', checksumValue: 'AB'.repeat(32) },
              { algorithm: 'SHA1', checksumValue: 'd6a770ba38583ed4bb4525bd96e50461655d2758' },
              { algorithm: 'ADLER32', checksumValue: '0a0b0c0d' },
            ],
            externalRefs: [
              { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/lib@1.2.3' },
              { referenceCategory: 'SECURITY', referenceType: 'cpe22Type', referenceLocator: 'cpe:/a:acme:lib:1.2.3' },
              { referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:a:acme:lib:1.2.3:*:*:*:*:*:*:*' },
              { referenceCategory: 'SECURITY', referenceType: 'advisory', referenceLocator: 'https://nvd.nist.gov/vuln/detail/CVE-2020-0001' },
            ],
            licenseDeclared: 'MIT OR Apache-2.0',
            licenseConcluded: 'LicenseRef-acme',
            copyrightText: 'NOASSERTION',
            summary: 'A library',
            primaryPackagePurpose: 'OPERATING_SYSTEM',
            validUntilDate: '2031-03-31T00:00:00Z',
          }),
          pkg('none', { licenseDeclared: 'NONE', licenseConcluded: 'NOASSERTION', primaryPackagePurpose: 'SOURCE' }),
        ],
        hasExtractedLicensingInfos: [{ licenseId: 'LicenseRef-acme', extractedText: '...', name: 'Acme Licence' }],
      }),
    );
    if (!r.ok) throw new Error(r.message);
    const { metadata, components } = r.document;
    expect(metadata).toMatchObject({
      serialNumber: 'https://example.com/spdx/pump-1.0',
      timestamp: '2026-01-02T03:04:05Z',
      name: 'pump-firmware',
      authors: [{ name: 'Jane Doe', email: null, phone: null }],
      supplier: { name: 'Example Medical K.K.', url: [], contact: [{ name: null, email: 'psirt@example.com', phone: null }] },
      tools: [{ vendor: null, name: 'syft', version: '0.42.2' }],
      licenses: [{ expression: 'CC0-1.0', name: null, acknowledgement: null }],
      component: null,
    });
    expect(components[0]).toMatchObject({
      bomRef: 'SPDXRef-lib',
      type: 'operating-system',
      version: '1.2.3',
      supplier: { name: 'Acme Corp', contact: [{ email: 'oss@acme.example' }] },
      author: 'John Smith',
      purl: 'pkg:npm/lib@1.2.3',
      cpe: 'cpe:2.3:a:acme:lib:1.2.3:*:*:*:*:*:*:*',
      hashes: [
        { alg: 'SHA-256', content: 'ab'.repeat(32) },
        { alg: 'SHA-1', content: 'd6a770ba38583ed4bb4525bd96e50461655d2758' },
      ],
      licenses: [
        { expression: 'MIT OR Apache-2.0', name: null, acknowledgement: 'declared' },
        { expression: null, name: 'Acme Licence', acknowledgement: 'concluded' },
      ],
      copyright: null,
      description: 'A library',
      endOfSupport: '2031-03-31',
      externalReferences: [
        { type: 'distribution', url: 'https://acme.example/lib-1.2.3.tgz', comment: null, hashes: [] },
        { type: 'website', url: 'https://acme.example', comment: null, hashes: [] },
        { type: 'advisories', url: 'https://nvd.nist.gov/vuln/detail/CVE-2020-0001', comment: 'SPDX SECURITY advisory', hashes: [] },
      ],
    });
    expect(components[1]).toMatchObject({ type: 'library', licenses: [], externalReferences: [] });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'hash.unsupported_algorithm', location: '/packages/0/checksums/2' }),
      // The licence's name is kept, its text is not; the cpe22Type loses to the cpe23Type.
      expect.objectContaining({ code: 'extracted_licenses.not_kept', location: '/hasExtractedLicensingInfos/0/extractedText', args: { count: 1 } }),
      expect.objectContaining({ code: 'package_fields.not_kept', location: '/packages/0/externalRefs', args: { count: 1, fields: 'externalRefs (1)' } }),
    ]);
  });

  it('reads a validUntilDate whose date is not a calendar date as absent, with a warning naming the package', () => {
    const r = readSbom(
      spdxJson({
        packages: [
          pkg('bad', { versionInfo: '1.0', validUntilDate: '2026-02-30T00:00:00Z' }),
          pkg('leap', { validUntilDate: '2028-02-29T00:00:00Z' }),
          pkg('unknown', { validUntilDate: 'NOASSERTION' }),
        ],
      }),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.document.components.map((c) => c.endOfSupport)).toEqual([null, '2028-02-29', null]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'support.invalid_date',
        severity: 'warning',
        location: '/packages/0/validUntilDate',
        args: { property: 'validUntilDate', value: '2026-02-30T00:00:00Z', component: 'bad 1.0' },
      }),
    ]);

    const tagValue = readSbom(
      enc(
        [
          'SPDXVersion: SPDX-2.3',
          'DataLicense: CC0-1.0',
          'SPDXID: SPDXRef-DOCUMENT',
          'DocumentName: fw',
          'DocumentNamespace: https://example.com/fw-1',
          'Creator: Tool: x-1',
          'Created: 2026-04-01T00:00:00Z',
          '',
          'PackageName: openssl',
          'SPDXID: SPDXRef-openssl',
          'PackageDownloadLocation: NOASSERTION',
          'ValidUntilDate: 2026-13-45T00:00:00Z',
          '',
        ].join('\n'),
      ),
    );
    if (!tagValue.ok) throw new Error(tagValue.message);
    expect(tagValue.document.components[0]?.endOfSupport).toBeNull();
    expect(tagValue.diagnostics).toEqual([expect.objectContaining({ code: 'support.invalid_date', location: 'line 9' })]);
  });

  it("reads mamori's own property annotations back as properties: the support level survives an SPDX export and import", () => {
    const cdx = enc(
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        version: 1,
        metadata: { properties: [{ name: 'mamori:release', value: '2.1' }] },
        components: [
          {
            type: 'operating-system',
            'bom-ref': 'rtos',
            name: 'rtos',
            version: '10.4.3',
            purl: 'pkg:generic/rtos@10.4.3',
            properties: [
              { name: 'cdx:lifecycle:milestone:endOfSupport', value: '2030-12-31' },
              { name: 'mamori:support:level', value: 'security-only' },
              { name: 'build:flag', value: 'a=b' },
            ],
          },
        ],
      }),
    );
    const first = readSbom(cdx);
    if (!first.ok) throw new Error(first.message);
    const spdx = writeSbom(first.document, 'spdx-2.3-json', { serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', timestamp: '2026-04-01T00:00:00Z' });
    // Another tool's annotation beside mamori's: that one is reported as not kept.
    const withOther = JSON.parse(spdx) as { packages: { annotations?: unknown[] }[] };
    withOther.packages[0]!.annotations!.push({ annotationDate: '2026-04-01T00:00:00Z', annotationType: 'REVIEW', annotator: 'Person: Jane Doe', comment: 'reviewed=yes' });
    const again = readSbom(enc(JSON.stringify(withOther)));
    if (!again.ok) throw new Error(again.message);
    const rtos = again.document.components.find((c) => c.name === 'rtos')!;
    expect([rtos.supportLevel, rtos.endOfSupport]).toEqual([first.document.components[0]!.supportLevel, '2030-12-31']);
    expect(rtos.supportLevel).not.toBeNull();
    expect(rtos.properties).toContainEqual({ name: 'build:flag', value: 'a=b' });
    expect(again.document.metadata.properties).toEqual([{ name: 'mamori:release', value: '2.1' }]);
    const notKept = again.diagnostics.filter((d) => d.code === 'annotations.not_kept');
    expect(notKept.map((d) => [d.args?.['count'], d.location])).toEqual([[1, '/packages/0/annotations/3']]);
    // Unchanged: only mamori's annotations, nothing reported.
    const plain = readSbom(enc(spdx));
    expect(plain.ok && plain.diagnostics.filter((d) => d.code === 'annotations.not_kept')).toEqual([]);
  });

  it('reports duplicate package SPDXIDs as errors', () => {
    const r = readSbom(spdxJson({ packages: [pkg('a'), pkg('a')] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'bomref.duplicate', location: '/packages/1/SPDXID' }));
  });

  it('rejects SPDX JSON that breaks the official schema of its version', () => {
    const r = readSbom(spdxJson({ packages: [{ SPDXID: 'SPDXRef-a', name: 'a' }] }));
    expect(r.ok ? null : r.code).toBe('sbom.invalid');
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ code: 'schema', location: '/packages/0' });
    // 2.2 requires package license and copyright fields; 2.3 does not.
    const v22 = readSbom(spdxJson({ packages: [pkg('a')] }, 'SPDX-2.2'));
    expect(v22.ok).toBe(false);
    expect(readSbom(spdxJson({ packages: [pkg('a')] })).ok).toBe(true);
  });
});

describe('SPDX licences mamori wrote (annotation mamori:component:licenses)', () => {
  type Lic = { expression: string | null; name: string | null; acknowledgement: 'declared' | 'concluded' | null };
  const lic = (expression: string | null, acknowledgement: Lic['acknowledgement'] = null, name: string | null = null): Lic => ({ expression, name, acknowledgement });
  const lists: Record<string, Lic[]> = {
    // CycloneDX `licenses: [{license: {id: "MIT"}}, {license: {id: "Apache-2.0"}}]`, as the export sorts it.
    two: [lic('Apache-2.0'), lic('MIT')],
    mixed: [lic('MIT OR BSD-3-Clause', 'declared'), lic('Proprietary', 'concluded'), lic('Zlib', 'concluded'), lic(null, 'declared', 'ACME EULA')],
    invalid: [lic('Proprietary', 'declared')],
    twice: [lic('MIT'), lic('MIT', 'declared')],
    compound: [lic('(MIT AND Zlib)'), lic('GPL-2.0-only WITH Classpath-exception-2.0', 'declared')],
    // Read from the fields as before: one licence of each kind.
    single: [lic('MIT', 'declared'), lic(null, 'concluded', 'ACME EULA')],
  };
  const cdx = enc(
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: Object.keys(lists).map((name) => ({ type: 'library', 'bom-ref': name, name, version: '1.0.0' })),
    }),
  );
  const options = { serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', timestamp: '2026-04-01T00:00:00Z' };
  // The lists as a model holds them (CycloneDX holds an expression only alone; an SBOM read from SPDX
  // or a manual component may hold more), in the order an export writes them.
  const model = () => {
    const r = readSbom(cdx);
    if (!r.ok) throw new Error(r.message);
    return { ...r.document, components: r.document.components.map((c) => ({ ...c, licenses: lists[c.name]! })) };
  };
  const exported = () => JSON.parse(writeSbom(model(), 'spdx-2.3-json', options)) as { packages: Record<string, unknown>[]; hasExtractedLicensingInfos: Record<string, unknown>[] };
  const read = (spdx: unknown) => {
    const r = readSbom(enc(JSON.stringify(spdx)));
    if (!r.ok) throw new Error(r.message);
    return r;
  };
  const licencesOf = (spdx: unknown) => Object.fromEntries(read(spdx).document.components.map((c) => [c.name, c.licenses]));
  const packageNamed = (spdx: { packages: Record<string, unknown>[] }, name: string) => spdx.packages.find((p) => p.name === name)!;

  it('reads back every licence entry as it was: ids, expressions and names, acknowledgements, order', () => {
    const spdx = exported();
    expect(packageNamed(spdx, 'two').licenseDeclared).toBe('Apache-2.0 AND MIT');
    expect(licencesOf(spdx)).toEqual(lists);
    const r = read(spdx);
    // The annotation is neither a property nor an annotation that is not kept.
    expect(r.document.components.flatMap((c) => c.properties)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === 'annotations.not_kept')).toEqual([]);
    // Exported again, the same document.
    expect(writeSbom(r.document, 'spdx-2.3-json', options)).toBe(writeSbom(model(), 'spdx-2.3-json', options));
  });

  it('reads the fields as for any SPDX document when the annotation does not match them (an edited file)', () => {
    const edited = exported();
    packageNamed(edited, 'two').licenseDeclared = 'Apache-2.0 AND MIT AND Zlib';
    packageNamed(edited, 'mixed').licenseConcluded = 'LicenseRef-Proprietary OR Zlib';
    packageNamed(edited, 'compound').licenseDeclared = 'NOASSERTION';
    // The name of the extracted licence changed: its LicenseRef no longer stands for `ACME EULA`.
    edited.hasExtractedLicensingInfos.find((i) => i.licenseId === 'LicenseRef-Proprietary')!.name = 'Proprietary licence';
    const got = licencesOf(edited);
    expect(got.two).toEqual([lic('Apache-2.0 AND MIT AND Zlib', 'declared')]);
    expect(got.mixed).toEqual([lic('(MIT OR BSD-3-Clause) AND LicenseRef-ACME-EULA', 'declared'), lic('LicenseRef-Proprietary OR Zlib', 'concluded')]);
    expect(got.invalid).toEqual([lic(null, 'declared', 'Proprietary licence')]);
    expect(got.compound).toEqual([]);
    expect(got.twice).toEqual(lists.twice);
    expect(read(edited).document.components.flatMap((c) => c.properties)).toEqual([]);
  });

  it('reads the fields when the annotation is not a licence list, or there are two different ones', () => {
    const edited = exported();
    const annotations = (name: string) => packageNamed(edited, name).annotations as { comment: string }[];
    const set = (name: string, value: string) => (annotations(name).find((a) => a.comment.startsWith('mamori:component:licenses='))!.comment = `mamori:component:licenses=${value}`);
    set('two', '[{"expression":"Apache-2.0"},{"expression":"MIT"');
    set('mixed', '[]');
    set('invalid', '[{"expression":"Proprietary","name":"Proprietary","acknowledgement":"declared"}]');
    set('twice', '[{"expression":"MIT","acknowledgement":"stated"}]');
    annotations('compound').push({ ...annotations('compound')[0]!, comment: 'mamori:component:licenses=[{"expression":"MIT AND Zlib"},{"expression":"GPL-2.0-only WITH Classpath-exception-2.0","acknowledgement":"declared"}]' });
    expect(licencesOf(edited)).toEqual({
      two: [lic('Apache-2.0 AND MIT', 'declared')],
      mixed: [lic('(MIT OR BSD-3-Clause) AND LicenseRef-ACME-EULA', 'declared'), lic('LicenseRef-Proprietary AND Zlib', 'concluded')],
      invalid: [lic(null, 'declared', 'Proprietary')],
      twice: [lic('MIT', 'declared')],
      compound: [lic('((MIT AND Zlib)) AND (GPL-2.0-only WITH Classpath-exception-2.0)', 'declared')],
      single: lists.single,
    });
  });
});
