/**
 * The label of a reference of a vulnerability record: its OSV type (OSV schema `references[].type`:
 * ADVISORY, ARTICLE, DETECTION, DISCUSSION, REPORT, FIX, INTRODUCED, GIT, PACKAGE, EVIDENCE, WEB) or
 * the NVD reference tag it came with (NVD CVE API `references[].tags`: "Vendor Advisory", "Broken
 * Link", …) named in the UI language; a type neither lists is shown as the record has it.
 */
import type { TFunction } from 'i18next';
import { osvReferenceTypes, type OsvReferenceType } from '../../../../src/core/vulns/advisory.js';

function isOsvReferenceType(type: string): type is OsvReferenceType {
  return (osvReferenceTypes as readonly string[]).includes(type);
}

export function referenceTypeLabel(type: string, t: TFunction): string {
  if (isOsvReferenceType(type)) return t(`vulns.detail.referenceType.${type}`);
  if (Object.hasOwn(nvdReferenceTags, type))
    return t(`vulns.detail.nvdReferenceTag.${nvdReferenceTags[type as keyof typeof nvdReferenceTags]}`);
  return type;
}

/** The NVD reference tags (NVD CVE API 2.0 `references[].tags`) and their message keys. */
export const nvdReferenceTags = {
  'Broken Link': 'brokenLink',
  'Customer Entitled': 'customerEntitled',
  Exploit: 'exploit',
  'Government Resource': 'governmentResource',
  'Issue Tracking': 'issueTracking',
  'Mailing List': 'mailingList',
  Mitigation: 'mitigation',
  'Not Applicable': 'notApplicable',
  Patch: 'patch',
  'Permissions Required': 'permissionsRequired',
  'Press/Media Coverage': 'pressMediaCoverage',
  Product: 'product',
  'Release Notes': 'releaseNotes',
  Signature: 'signature',
  'Technical Description': 'technicalDescription',
  'Third Party Advisory': 'thirdPartyAdvisory',
  'Tool Signature': 'toolSignature',
  'US Government Resource': 'usGovernmentResource',
  'VDB Entry': 'vdbEntry',
  'Vendor Advisory': 'vendorAdvisory',
} as const;
