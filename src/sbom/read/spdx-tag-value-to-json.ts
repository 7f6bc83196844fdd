/**
 * SPDX tag-value sections → the SPDX JSON document shape (field names of the official JSON
 * schema), so one mapper (map-spdx.ts) serves both encodings and reports the same for the same
 * content. Each converted element remembers the line its section starts on, for diagnostics.
 */
import { fieldValue, fieldValues, type TagValueDocument, type TagValueSection } from './parse-spdx-tag-value.js';

type Json = Record<string, unknown>;

export function spdxTagValueToJson(tv: TagValueDocument): { document: Json; lines: WeakMap<object, number> } {
  const lines = new WeakMap<object, number>();
  const at = <T extends object>(o: T, line: number): T => {
    lines.set(o, line);
    return o;
  };
  const d = tv.document;
  const one = (s: TagValueSection, tag: string) => fieldValue(s, tag)?.value;
  const many = (s: TagValueSection, tag: string) => fieldValues(s, tag).map((f) => f.value);

  const packages: Json[] = [];
  const files: Json[] = [];
  const snippets: Json[] = [];
  const licenses: Json[] = [];
  const relationships: Json[] = [];
  const annotations: Json[] = [];
  for (const s of tv.sections) {
    switch (s.kind) {
      case 'package': {
        const externalRefs: Json[] = [];
        for (const f of s.fields) {
          if (f.tag === 'ExternalRef') {
            const [referenceCategory, referenceType, ...rest] = f.value.split(/\s+/);
            externalRefs.push(at({ referenceCategory, referenceType, referenceLocator: rest.join(' ') }, f.line));
          } else if (f.tag === 'ExternalRefComment' && externalRefs.length > 0) {
            externalRefs[externalRefs.length - 1]!.comment = f.value;
          }
        }
        const filesAnalyzed = one(s, 'FilesAnalyzed');
        packages.push(
          at(
            clean({
              name: one(s, 'PackageName'),
              SPDXID: one(s, 'SPDXID'),
              versionInfo: one(s, 'PackageVersion'),
              packageFileName: one(s, 'PackageFileName'),
              supplier: one(s, 'PackageSupplier'),
              originator: one(s, 'PackageOriginator'),
              downloadLocation: one(s, 'PackageDownloadLocation'),
              filesAnalyzed: filesAnalyzed === undefined ? undefined : filesAnalyzed.toLowerCase() === 'true',
              packageVerificationCode: verificationCode(one(s, 'PackageVerificationCode')),
              checksums: many(s, 'PackageChecksum').map(checksum),
              homepage: one(s, 'PackageHomePage'),
              sourceInfo: one(s, 'PackageSourceInfo'),
              licenseConcluded: one(s, 'PackageLicenseConcluded'),
              licenseInfoFromFiles: many(s, 'PackageLicenseInfoFromFiles'),
              licenseDeclared: one(s, 'PackageLicenseDeclared'),
              licenseComments: one(s, 'PackageLicenseComments'),
              copyrightText: one(s, 'PackageCopyrightText'),
              summary: one(s, 'PackageSummary'),
              description: one(s, 'PackageDescription'),
              comment: one(s, 'PackageComment'),
              externalRefs,
              attributionTexts: many(s, 'PackageAttributionText'),
              primaryPackagePurpose: one(s, 'PrimaryPackagePurpose'),
              releaseDate: one(s, 'ReleaseDate'),
              builtDate: one(s, 'BuiltDate'),
              validUntilDate: one(s, 'ValidUntilDate'),
            }),
            s.line,
          ),
        );
        break;
      }
      case 'file':
        files.push(at(clean({ fileName: one(s, 'FileName'), SPDXID: one(s, 'SPDXID'), checksums: many(s, 'FileChecksum').map(checksum) }), s.line));
        break;
      case 'snippet':
        snippets.push(at(clean({ SPDXID: one(s, 'SnippetSPDXID'), snippetFromFile: one(s, 'SnippetFromFileSPDXID'), name: one(s, 'SnippetName') }), s.line));
        break;
      case 'license':
        licenses.push(at(clean({ licenseId: one(s, 'LicenseID'), extractedText: one(s, 'ExtractedText'), name: one(s, 'LicenseName') }), s.line));
        break;
      case 'relationship': {
        const [spdxElementId, relationshipType, relatedSpdxElement] = (one(s, 'Relationship') ?? '').split(/\s+/);
        relationships.push(at(clean({ spdxElementId, relationshipType, relatedSpdxElement, comment: one(s, 'RelationshipComment') }), s.line));
        break;
      }
      case 'annotation': {
        const annotation = at(
          clean({
            annotator: one(s, 'Annotator'),
            annotationDate: one(s, 'AnnotationDate'),
            annotationType: one(s, 'AnnotationType'),
            spdxElementId: one(s, 'SPDXREF'),
            comment: one(s, 'AnnotationComment'),
          }),
          s.line,
        );
        annotations.push(annotation);
        break;
      }
      default:
        break;
    }
  }
  // An annotation belongs to the element its SPDXREF names, as SPDX JSON nests it: a package's, a
  // file's or a snippet's own `annotations`; the document's (its SPDXID, none, or an element this
  // document does not have) stay in the document's list.
  const elements = new Map<string, Json>();
  for (const e of [...packages, ...files, ...snippets]) if (typeof e.SPDXID === 'string') elements.set(e.SPDXID, e);
  const documentAnnotations: Json[] = [];
  for (const a of annotations) {
    const element = typeof a.spdxElementId === 'string' ? elements.get(a.spdxElementId) : undefined;
    if (element === undefined) {
      documentAnnotations.push(a);
      continue;
    }
    delete a.spdxElementId;
    ((element.annotations ??= []) as Json[]).push(a);
  }
  const document = at(
    clean({
      spdxVersion: one(d, 'SPDXVersion'),
      dataLicense: one(d, 'DataLicense'),
      SPDXID: one(d, 'SPDXID'),
      name: one(d, 'DocumentName'),
      documentNamespace: one(d, 'DocumentNamespace'),
      comment: one(d, 'DocumentComment'),
      creationInfo: clean({ creators: many(d, 'Creator'), created: one(d, 'Created'), comment: one(d, 'CreatorComment'), licenseListVersion: one(d, 'LicenseListVersion') }),
      // Not kept: read only to be counted and located in the warning (map-spdx.ts).
      externalDocumentRefs: fieldValues(d, 'ExternalDocumentRef').map((f) => {
        const [externalDocumentId, spdxDocument] = f.value.trim().split(/\s+/);
        return at(clean({ externalDocumentId, spdxDocument }), f.line);
      }),
      packages,
      files,
      snippets,
      hasExtractedLicensingInfos: licenses,
      relationships,
      annotations: documentAnnotations,
    }),
    1,
  );
  return { document, lines };
}

/**
 * `d6a7…(./package.spdx)` or `d6a7… (excludes: ./a, ./b)` → { packageVerificationCodeValue,
 * packageVerificationCodeExcludedFiles } (SPDX 2.3 clause 7.9). Not kept: read to be reported.
 */
function verificationCode(value: string | undefined): Json | undefined {
  if (value === undefined) return undefined;
  const m = /^([^\s(]*)\s*(?:\((?:excludes:)?\s*(.*)\))?\s*$/.exec(value.trim());
  const excluded = m?.[2]?.split(/\s*,\s*|\s+/).filter((f) => f !== '') ?? [];
  return clean({
    packageVerificationCodeValue: m ? m[1] : value.trim(),
    packageVerificationCodeExcludedFiles: excluded.length > 0 ? excluded : undefined,
  });
}

/** `SHA1: d6a7…` → { algorithm, checksumValue }. */
function checksum(value: string): Json {
  const m = /^([A-Za-z0-9-]+)\s*:\s*(\S+)$/.exec(value.trim());
  return m ? { algorithm: m[1], checksumValue: m[2] } : { algorithm: '', checksumValue: value };
}

function clean(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
