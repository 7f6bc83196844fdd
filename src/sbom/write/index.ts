/**
 * SBOM export: the version-agnostic model (src/core/sbom/model.ts) → CycloneDX 1.6 JSON, CycloneDX 1.6
 * XML or SPDX 2.3 JSON. Pure and deterministic: no files, clock or randomness are read (serial number,
 * timestamp and tool come in as options), and the same document and options give the same bytes
 * whatever order components, hashes, licenses, external references, properties and dependencies
 * arrive in. Output ends with a newline.
 *
 * Order (prepare.ts): components at every level by group, name, version, then bomRef — readable,
 * and a component keeps its place between releases even when a generator renames its bom-ref;
 * CycloneDX keeps nesting, SPDX flattens it into packages with CONTAINS relationships. Hashes by
 * alg then content, licenses by kind/text/acknowledgement, external references by type then url,
 * properties by name then value, dependencies by ref with dependsOn sorted and de-duplicated.
 *
 * Support fields: `endOfSupport` → property `cdx:lifecycle:milestone:endOfSupport` (and SPDX
 * `validUntilDate`), `supportLevel` → property `mamori:support:level`; a property already present
 * with the same value is not repeated; canonical or alias properties with a different value are
 * dropped because the canonical property rewrites them (details in prepare.ts).
 *
 * Hospital variant (`variant: 'hospital'`): leaves out exactly the properties whose name starts with
 * `mamori:internal:` (supportProperties.internalPrefix) or `internal:` (reserved by the CycloneDX
 * property taxonomy for internal use), case-sensitively, wherever properties occur (components at any
 * depth, the metadata component, metadata.properties; in SPDX the annotations made from them).
 * People's e-mail addresses and phone numbers are removed too (personal-data.ts: document authors,
 * organisations' contacts unless they are role contacts such as a PSIRT, addresses in author,
 * publisher and copyright texts). Nothing else is removed: support level and end of support stay,
 * hospitals need them.
 *
 * Subject (`subject`, subject.ts): the product release becomes the metadata component (with the
 * release's end of support, end of life, release date and the product's model numbers) and its
 * manufacturer `metadata.manufacturer`, the document's one organisation; the document's own root
 * is kept as a component.
 *
 * Field-by-field mapping and losses: docs/sbom-mapping.md.
 */
import { type SbomDocument } from '../../core/sbom/model.js';
import { writeCycloneDxJson } from './cyclonedx-1.6-json.js';
import { writeCycloneDxXml } from './cyclonedx-1.6-xml.js';
import { resolveOptions, type SbomTarget, type WriteSbomOptions } from './options.js';
import { prepareDocument } from './prepare.js';
import { writeSpdxJson } from './spdx-2.3-json.js';
import { withSubject } from './subject.js';

export { sbomTargets, type SbomTarget, type WriteSbomOptions } from './options.js';
export { hospitalExcludedPrefixes, type SbomVariant } from './prepare.js';
export { subjectProperties, type ReleaseSubject } from './subject.js';

/**
 * Write `doc` in `target` format. Throws RangeError for a malformed serialNumber (must be
 * `urn:uuid:` + lower-case UUID), timestamp (RFC 3339) or variant — caller bugs, not input errors.
 */
export function writeSbom(doc: SbomDocument, target: SbomTarget, options: WriteSbomOptions): string {
  const resolved = resolveOptions(options);
  const described = options.subject === undefined ? null : withSubject(doc, options.subject);
  const prepared = prepareDocument(described?.document ?? doc, resolved.variant, described?.manufacturer ?? null);
  switch (target) {
    case 'cyclonedx-1.6-json':
      return writeCycloneDxJson(prepared, resolved);
    case 'cyclonedx-1.6-xml':
      return writeCycloneDxXml(prepared, resolved);
    case 'spdx-2.3-json':
      return writeSpdxJson(prepared, resolved);
    default:
      throw new RangeError(`writeSbom: unknown target ${JSON.stringify(target)}`);
  }
}
