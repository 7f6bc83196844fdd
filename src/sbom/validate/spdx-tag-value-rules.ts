/**
 * Required fields and cardinalities of SPDX 2.2 / 2.3 tag-value documents, checked by mamori
 * (no official machine-readable schema exists for tag-value). Each rule cites the spec clause of
 * the field; the required sets follow the spec text, which matches the official JSON schemas of
 * the same version (2.2 also requires package/file license and copyright fields; 2.3 made them
 * optional). Findings are errors located by line.
 */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import type { TagValueDocument, TagValueSection, TagValueSectionKind } from '../read/parse-spdx-tag-value.js';
import type { SpdxVersion } from './spdx-json-schema.js';

interface FieldRule {
  readonly tag: string;
  readonly clause: string;
  /** Versions in which the field is mandatory (1..1 or 1..*). */
  readonly requiredIn: readonly SpdxVersion[];
  /** At most one occurrence. */
  readonly single: boolean;
}

const both: readonly SpdxVersion[] = ['2.2', '2.3'];
const only22: readonly SpdxVersion[] = ['2.2'];
const none: readonly SpdxVersion[] = [];
const rule = (tag: string, clause: string, requiredIn: readonly SpdxVersion[], single = true): FieldRule => ({ tag, clause, requiredIn, single });

const rules: Readonly<Partial<Record<TagValueSectionKind, readonly FieldRule[]>>> = {
  document: [
    rule('SPDXVersion', '6.1', both),
    rule('DataLicense', '6.2', both),
    rule('SPDXID', '6.3', both),
    rule('DocumentName', '6.4', both),
    rule('DocumentNamespace', '6.5', both),
    rule('LicenseListVersion', '6.7', none),
    rule('Creator', '6.8', both, false),
    rule('Created', '6.9', both),
    rule('CreatorComment', '6.10', none),
    rule('DocumentComment', '6.11', none),
  ],
  package: [
    rule('PackageName', '7.1', both),
    rule('SPDXID', '7.2', both),
    rule('PackageVersion', '7.3', none),
    rule('PackageFileName', '7.4', none),
    rule('PackageSupplier', '7.5', none),
    rule('PackageOriginator', '7.6', none),
    rule('PackageDownloadLocation', '7.7', both),
    rule('FilesAnalyzed', '7.8', none),
    rule('PackageVerificationCode', '7.9', none),
    rule('PackageHomePage', '7.11', none),
    rule('PackageSourceInfo', '7.12', none),
    rule('PackageLicenseConcluded', '7.13', only22),
    rule('PackageLicenseDeclared', '7.15', only22),
    rule('PackageLicenseComments', '7.16', none),
    rule('PackageCopyrightText', '7.17', only22),
    rule('PackageSummary', '7.18', none),
    rule('PackageDescription', '7.19', none),
    rule('PackageComment', '7.20', none),
    rule('PrimaryPackagePurpose', '7.24', none),
    rule('ReleaseDate', '7.25', none),
    rule('BuiltDate', '7.26', none),
    rule('ValidUntilDate', '7.27', none),
  ],
  file: [
    rule('FileName', '8.1', both),
    rule('SPDXID', '8.2', both),
    rule('FileChecksum', '8.4', both, false),
    rule('LicenseConcluded', '8.5', only22),
    rule('LicenseInfoInFile', '8.6', only22, false),
    rule('FileCopyrightText', '8.8', only22),
  ],
  snippet: [
    rule('SnippetSPDXID', '9.1', both),
    rule('SnippetFromFileSPDXID', '9.2', both),
    rule('SnippetByteRange', '9.3', both),
    rule('SnippetLicenseConcluded', '9.5', only22),
    rule('SnippetCopyrightText', '9.8', only22),
  ],
  license: [rule('LicenseID', '10.1', both), rule('ExtractedText', '10.2', both), rule('LicenseName', '10.3', none)],
  annotation: [
    rule('Annotator', '12.1', both),
    rule('AnnotationDate', '12.2', both),
    rule('AnnotationType', '12.3', both),
    rule('SPDXREF', '12.4', both),
    rule('AnnotationComment', '12.5', both),
  ],
  review: [rule('Reviewer', '13.1 (2.2)', both), rule('ReviewDate', '13.2 (2.2)', both)],
};

const sectionNames: Readonly<Record<TagValueSectionKind, string>> = {
  document: 'Document creation information',
  package: 'Package',
  file: 'File',
  snippet: 'Snippet',
  license: 'Other licensing information',
  annotation: 'Annotation',
  review: 'Review',
  relationship: 'Relationship',
};

export function validateSpdxTagValue(doc: TagValueDocument, version: SpdxVersion): SbomDiagnostic[] {
  const out: SbomDiagnostic[] = [];
  for (const section of [doc.document, ...doc.sections]) checkSection(section, version, out);
  return out;
}

function checkSection(section: TagValueSection, version: SpdxVersion, out: SbomDiagnostic[]): void {
  const spec = `SPDX ${version}`;
  if (section.kind === 'relationship') {
    const f = section.fields[0]!;
    if (f.value.split(/\s+/).filter(Boolean).length !== 3) {
      out.push({ severity: 'error', code: 'tagvalue.invalid_value', location: `line ${f.line}`, message: 'Relationship must be "<SPDXID> <RELATIONSHIP_TYPE> <SPDXID>"', args: { variant: 'relationship' }, rule: `${spec} clause 11.1` });
    }
    return;
  }
  for (const r of rules[section.kind] ?? []) {
    const found = section.fields.filter((f) => f.tag === r.tag);
    if (found.length === 0 && r.requiredIn.includes(version)) {
      out.push({
        severity: 'error',
        code: 'tagvalue.required',
        location: `line ${section.line}`,
        message: `${sectionNames[section.kind]} starting at line ${section.line} has no ${r.tag}`,
        args: { section: section.kind, line: section.line, tag: r.tag },
        rule: `${spec} clause ${r.clause} (${r.tag}, mandatory)`,
      });
    }
    if (r.single && found.length > 1) {
      out.push({
        severity: 'error',
        code: 'tagvalue.cardinality',
        location: `line ${found[1]!.line}`,
        message: `${r.tag} appears ${found.length} times in the ${sectionNames[section.kind].toLowerCase()} section starting at line ${section.line}; at most one is allowed`,
        args: { tag: r.tag, count: found.length, section: section.kind, line: section.line },
        rule: `${spec} clause ${r.clause} (${r.tag}, cardinality 0..1 / 1..1)`,
      });
    }
  }
  if (section.kind === 'document') {
    const v = section.fields.find((f) => f.tag === 'Created');
    if (v && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v.value)) {
      out.push({ severity: 'error', code: 'tagvalue.invalid_value', location: `line ${v.line}`, message: `Created must be YYYY-MM-DDThh:mm:ssZ, found "${v.value}"`, args: { variant: 'created', value: v.value }, rule: `${spec} clause 6.9` });
    }
  }
  const id = section.fields.find((f) => f.tag === 'SPDXID' || f.tag === 'SnippetSPDXID');
  if (id && !/^SPDXRef-[A-Za-z0-9.-]+$/.test(id.value)) {
    out.push({ severity: 'error', code: 'tagvalue.invalid_value', location: `line ${id.line}`, message: `SPDX identifier "${id.value}" must be SPDXRef- followed by letters, digits, "." or "-"`, args: { variant: 'spdxid', value: id.value }, rule: `${spec} clause 3.2 / 7.2` });
  }
}
