/**
 * Strict SPDX 2.2/2.3 tag-value parser (SPDX 2.3 spec, clause 5 "Tag/value format"; field tags
 * from clauses 6–12). Every line is `Tag: value`, a blank line or a `#` comment; a value that
 * starts with `<text>` runs to the matching `</text>`, possibly over many lines. Fields are grouped
 * into sections: the document, then a package (starts at `PackageName`), file (`FileName`),
 * snippet (`SnippetSPDXID`) or other-licensing (`LicenseID`) section; annotations (`Annotator`),
 * reviews (`Reviewer`, 2.2) and relationships (`Relationship`) are side records that do not end
 * the element section they appear in. Unknown tags, tags outside their section and malformed
 * lines are errors with their line number. Required fields are checked by
 * ../validate/spdx-tag-value-rules.ts.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';

export type TagValueSectionKind = 'document' | 'package' | 'file' | 'snippet' | 'license' | 'annotation' | 'review' | 'relationship';

export interface TagValueField {
  readonly tag: string;
  readonly value: string;
  readonly line: number;
}

export interface TagValueSection {
  readonly kind: TagValueSectionKind;
  readonly line: number;
  readonly fields: TagValueField[];
}

export interface TagValueDocument {
  readonly document: TagValueSection;
  /** Packages, files, snippets, licenses, annotations, reviews and relationships in document order. */
  readonly sections: TagValueSection[];
}

const sectionStart: Readonly<Record<string, TagValueSectionKind>> = {
  PackageName: 'package',
  FileName: 'file',
  SnippetSPDXID: 'snippet',
  LicenseID: 'license',
  Annotator: 'annotation',
  Reviewer: 'review',
  Relationship: 'relationship',
};

const documentTags = new Set([
  'SPDXVersion',
  'DataLicense',
  'DocumentName',
  'DocumentNamespace',
  'ExternalDocumentRef',
  'LicenseListVersion',
  'Creator',
  'Created',
  'CreatorComment',
  'DocumentComment',
]);

/** Tags allowed inside each section (besides the one that starts it). */
const sectionTags: Readonly<Record<TagValueSectionKind, ReadonlySet<string>>> = {
  document: new Set(['SPDXID']),
  package: new Set([
    'SPDXID',
    'PackageVersion',
    'PackageFileName',
    'PackageSupplier',
    'PackageOriginator',
    'PackageDownloadLocation',
    'FilesAnalyzed',
    'PackageVerificationCode',
    'PackageChecksum',
    'PackageHomePage',
    'PackageSourceInfo',
    'PackageLicenseConcluded',
    'PackageLicenseInfoFromFiles',
    'PackageLicenseDeclared',
    'PackageLicenseComments',
    'PackageCopyrightText',
    'PackageSummary',
    'PackageDescription',
    'PackageComment',
    'ExternalRef',
    'ExternalRefComment',
    'PackageAttributionText',
    'PrimaryPackagePurpose',
    'ReleaseDate',
    'BuiltDate',
    'ValidUntilDate',
  ]),
  file: new Set([
    'SPDXID',
    'FileType',
    'FileChecksum',
    'LicenseConcluded',
    'LicenseInfoInFile',
    'LicenseComments',
    'FileCopyrightText',
    'FileComment',
    'FileNotice',
    'FileContributor',
    'FileAttributionText',
    'FileDependency',
    'ArtifactOfProjectName',
    'ArtifactOfProjectHomePage',
    'ArtifactOfProjectURI',
  ]),
  snippet: new Set([
    'SnippetFromFileSPDXID',
    'SnippetByteRange',
    'SnippetLineRange',
    'SnippetLicenseConcluded',
    'LicenseInfoInSnippet',
    'SnippetLicenseComments',
    'SnippetCopyrightText',
    'SnippetComment',
    'SnippetName',
    'SnippetAttributionText',
  ]),
  license: new Set(['ExtractedText', 'LicenseName', 'LicenseCrossReference', 'LicenseComment']),
  annotation: new Set(['AnnotationDate', 'AnnotationType', 'SPDXREF', 'AnnotationComment']),
  review: new Set(['ReviewDate', 'ReviewComment']),
  relationship: new Set(['RelationshipComment']),
};

const sideKinds = new Set<TagValueSectionKind>(['annotation', 'review', 'relationship']);

export function parseSpdxTagValue(text: string): { document: TagValueDocument; diagnostics: SbomDiagnostic[] } {
  const diagnostics: SbomDiagnostic[] = [];
  const error = (line: number, code: string, message: string, rule: string, args: Readonly<Record<string, string | number>>) =>
    diagnostics.push({ severity: 'error', code, location: `line ${line}`, message, args, rule });
  const document: TagValueSection = { kind: 'document', line: 1, fields: [] };
  const sections: TagValueSection[] = [];
  let element: TagValueSection = document;
  let side: TagValueSection | null = null;

  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const m = /^([A-Za-z][A-Za-z0-9]*)\s*:\s?(.*)$/.exec(trimmed);
    if (!m) {
      error(lineNo, 'tagvalue.syntax', `Expected "Tag: value", found "${trimmed.slice(0, 60)}"`, 'SPDX 2.3 clause 5.2 (tag-value format)', { variant: 'expected', found: trimmed.slice(0, 60) });
      continue;
    }
    const tag = m[1]!;
    let value = m[2]!.trim();
    if (value.startsWith('<text>')) {
      let body = value.slice(6);
      let end = body.indexOf('</text>');
      while (end === -1 && i + 1 < lines.length) {
        i += 1;
        body += `\n${lines[i]!}`;
        end = body.indexOf('</text>');
      }
      if (end === -1) {
        error(lineNo, 'tagvalue.unterminated_text', `<text> value of ${tag} is not closed by </text>`, 'SPDX 2.3 clause 5.2 (multi-line text)', { tag });
        break;
      }
      if (body.slice(end + 7).trim() !== '') {
        error(i + 1, 'tagvalue.syntax', `Unexpected content after </text> in ${tag}`, 'SPDX 2.3 clause 5.2 (multi-line text)', { variant: 'afterText', tag });
      }
      value = body.slice(0, end);
    }
    const field: TagValueField = { tag, value, line: lineNo };

    const startKind = Object.hasOwn(sectionStart, tag) ? sectionStart[tag]! : null;
    if (startKind !== null) {
      const section: TagValueSection = { kind: startKind, line: lineNo, fields: [field] };
      sections.push(section);
      if (sideKinds.has(startKind)) side = section;
      else {
        element = section;
        side = null;
      }
      continue;
    }
    if (documentTags.has(tag)) {
      document.fields.push(field);
      continue;
    }
    if (side && sectionTags[side.kind].has(tag)) {
      side.fields.push(field);
      continue;
    }
    if (sectionTags[element.kind].has(tag)) {
      element.fields.push(field);
      side = null;
      continue;
    }
    const known = Object.values(sectionTags).some((s) => s.has(tag));
    error(
      lineNo,
      known ? 'tagvalue.misplaced_tag' : 'tagvalue.unknown_tag',
      known ? `${tag} is not allowed in the ${element.kind} section that starts at line ${element.line}` : `Unknown tag "${tag}"`,
      'SPDX 2.3 clauses 6–12 (field tags)',
      known ? { tag, section: element.kind, line: element.line } : { tag },
    );
  }
  return { document: { document, sections }, diagnostics };
}

export function fieldValue(section: TagValueSection, tag: string): TagValueField | null {
  return section.fields.find((f) => f.tag === tag) ?? null;
}

export function fieldValues(section: TagValueSection, tag: string): TagValueField[] {
  return section.fields.filter((f) => f.tag === tag);
}
