/**
 * The label of a reference of a vulnerability record: its OSV type (OSV schema `references[].type`:
 * ADVISORY, ARTICLE, DETECTION, DISCUSSION, REPORT, FIX, INTRODUCED, GIT, PACKAGE, EVIDENCE, WEB) named
 * in the UI language; a type the schema does not list is shown as the record has it.
 */
import type { TFunction } from 'i18next';
import { osvReferenceTypes, type OsvReferenceType } from '../../../../src/core/vulns/advisory.js';

function isOsvReferenceType(type: string): type is OsvReferenceType {
  return (osvReferenceTypes as readonly string[]).includes(type);
}

export function referenceTypeLabel(type: string, t: TFunction): string {
  return isOsvReferenceType(type) ? t(`vulns.detail.referenceType.${type}`) : type;
}
