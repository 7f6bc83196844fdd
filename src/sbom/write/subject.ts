/**
 * The subject of an exported release SBOM: the device (or SaMD) release it describes, not the root
 * component of the SBOM that was uploaded for it. A build SBOM describes what its generator was
 * pointed at ("juice-shop 14.1.1"); the document a manufacturer hands to a hospital must name the
 * product and release it ships ("CardioMonitor X200 1.1.0") and who made it.
 *
 * `withSubject(doc, subject)`:
 * - metadata.component becomes the subject: type `device` (a device) or `application` (SaMD), name
 *   and version of the product release, the manufacturer as supplier; its bom-ref is the one given,
 *   made unique against the document's refs (`-2`, `-3`, … appended);
 * - the subject carries the release's life-cycle dates and the product's model numbers, as every
 *   other component carries its support data (hospitals need the device's end of support: MHLW
 *   guidance, FDA §V.A.4): end of support as the model's `endOfSupport` (written as
 *   `cdx:lifecycle:milestone:endOfSupport`, SPDX `validUntilDate`), end of life (no longer sold or
 *   supplied) as `cdx:lifecycle:milestone:endOfLife`, the release date as
 *   `cdx:lifecycle:milestone:generalAvailability` (the CycloneDX lifecycle property taxonomy), and
 *   each model number as `mamori:device:modelNumber` (`subjectProperties`);
 * - the uploaded root component is kept, as the first top-level component, with its nested
 *   components; the dependency entries that name it stay valid because its bom-ref is unchanged;
 * - the subject gets one dependency entry: it depends on the uploaded root and on `subject.dependsOn`
 *   (the release's manual components: commercial OS, RTOS, firmware the manufacturer added), each
 *   only when a component of the document has that ref;
 * - metadata.name (the SPDX document name) becomes "<product> <version>";
 * - the manufacturer is returned as an organisational entity, for CycloneDX `metadata.manufacturer`
 *   and the SPDX creators. It is the one organisation of the exported document (the model keeps
 *   one: a second would be "not kept" when the export is read back): the uploaded document's
 *   metadata.supplier said who supplied that file to the manufacturer, not who supplies this one,
 *   so it is not written; when it names the manufacturer, its URLs and contacts go with the
 *   manufacturer, so nothing the export would have carried about the manufacturer is lost.
 * Pure and deterministic: the same document and subject give the same result.
 */
import { component, type Component, type OrganizationalEntity, type Property, type SbomDocument } from '../../core/sbom/model.js';

/** The properties the subject's life-cycle dates and model numbers are written as. */
export const subjectProperties = {
  /** CycloneDX property taxonomy (cdx:lifecycle): "stops selling after defined useful life". */
  endOfLife: 'cdx:lifecycle:milestone:endOfLife',
  /** CycloneDX property taxonomy (cdx:lifecycle): "released to the public". */
  generalAvailability: 'cdx:lifecycle:milestone:generalAvailability',
  /** mamori's own: one property per model number of the product. */
  modelNumber: 'mamori:device:modelNumber',
} as const;

export interface ReleaseSubject {
  /** The bom-ref wanted for the subject (made unique against the document's refs). */
  readonly bomRef: string;
  readonly type: 'device' | 'application' | 'firmware';
  /** The product name. */
  readonly name: string;
  /** The release version. */
  readonly version: string;
  /** The product's manufacturer (an organisation's name). */
  readonly manufacturer: string;
  /** Further refs the subject directly depends on (the release's manual components). */
  readonly dependsOn: readonly string[];
  /** The release's end of support (YYYY-MM-DD), when set. */
  readonly endOfSupport: string | null;
  /** The release's end of life: no longer sold or supplied (YYYY-MM-DD), when set. */
  readonly endOfLife: string | null;
  /** The release's release date (YYYY-MM-DD), when released. */
  readonly releaseDate: string | null;
  /** The product's model numbers. */
  readonly modelNumbers: readonly string[];
}

export interface DescribedDocument {
  readonly document: SbomDocument;
  readonly manufacturer: OrganizationalEntity;
}

function collectRefs(list: readonly Component[], into: Set<string>): void {
  for (const c of list) {
    into.add(c.bomRef);
    collectRefs(c.components, into);
  }
}

export function withSubject(doc: SbomDocument, subject: ReleaseSubject): DescribedDocument {
  const root = doc.metadata.component;
  const components = root === null ? doc.components : [root, ...doc.components];
  const refs = new Set<string>();
  collectRefs(components, refs);
  let bomRef = subject.bomRef;
  for (let n = 2; refs.has(bomRef); n += 1) bomRef = `${subject.bomRef}-${n}`;
  const uploaded = doc.metadata.supplier;
  const same = uploaded !== null && uploaded.name !== null && uploaded.name.trim() === subject.manufacturer.trim();
  const manufacturer: OrganizationalEntity = { name: subject.manufacturer, url: same ? uploaded.url : [], contact: same ? uploaded.contact : [] };
  const properties: Property[] = [
    ...(subject.endOfLife === null ? [] : [{ name: subjectProperties.endOfLife, value: subject.endOfLife }]),
    ...(subject.releaseDate === null ? [] : [{ name: subjectProperties.generalAvailability, value: subject.releaseDate }]),
    ...subject.modelNumbers.map((value) => ({ name: subjectProperties.modelNumber, value })),
  ];
  const subjectComponent = component({
    bomRef,
    type: subject.type,
    name: subject.name,
    version: subject.version,
    supplier: manufacturer,
    endOfSupport: subject.endOfSupport,
    properties,
  });
  const dependsOn = [...(root === null ? [] : [root.bomRef]), ...subject.dependsOn].filter((r) => refs.has(r));
  return {
    document: {
      ...doc,
      metadata: { ...doc.metadata, name: `${subject.name} ${subject.version}`, component: subjectComponent, supplier: null },
      components,
      dependencies: dependsOn.length === 0 ? doc.dependencies : [...doc.dependencies, { ref: bomRef, dependsOn }],
    },
    manufacturer,
  };
}
