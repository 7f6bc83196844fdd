/**
 * VEX export and import: the model in src/core/vex ⇄ CycloneDX 1.6 VEX, OpenVEX 0.2.0, CSAF 2.0.
 * Writers are pure and deterministic (ids and timestamps come in through options and the model);
 * readers never throw on bad input and report what they could not map as warnings. The mapping
 * between the formats, and what each one loses: docs/vex-mapping.md.
 *
 * API
 *   writeCycloneDxVex(doc, { serialNumber, tool? }): Result<string>
 *   embedCycloneDxVex(sbomJson, doc): Result<string>
 *   writeOpenVex(doc, { id, lang?, role?, tooling? }): Result<string>
 *   openVexProductId(product): string                 the product's @id: purl, else BOM-Link, else product.id
 *   writeCsaf(doc, { category, trackingId, lang?, namespace?, status?, tlp?, generator?, revisions? }): Result<string>
 *   csafFileName(trackingId): string
 *   csafRevisionHistory(histories, lang): CsafRevision[]             CSAF revisions from statement histories
 *   readVex(input: string | Uint8Array): VexReadResult             detects the format
 *   readCycloneDxVex(json) / readOpenVex(json) / readCsaf(json): VexReadResult
 *   detectVexFormat(json): VexFormat | null
 *   validateCycloneDxVex(json) / validateOpenVex(json): VexIssue[]; validateCsaf(json, { strict? }): Promise<CsafValidation>
 *   validateVex(format, json): Promise<VexIssue[]>
 */
import type { VexFormat } from '../core/vex/model.js';
import { readCsaf } from './csaf.js';
export {
  csafRevisionHistory,
  type CsafAdvisoryPart,
  type CsafRemovalReason,
  type CsafStatementChange,
  type CsafStatementHistory,
  type CsafStatementStatus,
} from './csaf-revisions.js';
import { readCycloneDxVex } from './cyclonedx.js';
import { readOpenVex } from './openvex.js';
import { isRecord, parseJsonText, readFailure, type VexReadResult } from './shared.js';

export {
  writeCycloneDxVex,
  embedCycloneDxVex,
  readCycloneDxVex,
  type CycloneDxVexOptions,
} from './cyclonedx.js';
export {
  writeOpenVex,
  readOpenVex,
  openVexContext,
  openVexProductId,
  type OpenVexOptions,
} from './openvex.js';
export {
  writeCsaf,
  readCsaf,
  csafFileName,
  type CsafOptions,
  type CsafCategory,
  type CsafRevision,
} from './csaf.js';
export {
  validateCycloneDxVex,
  validateOpenVex,
  validateCsaf,
  validateVex,
  csafTestNames,
  type VexIssue,
  type CsafValidation,
  type CsafValidateOptions,
} from './validate.js';
export type { VexReadResult } from './shared.js';

/** Maximum input size readVex accepts (bytes / UTF-16 units). */
export const maxVexInputSize = 50 * 1024 * 1024;

export function detectVexFormat(json: unknown): VexFormat | null {
  if (!isRecord(json)) return null;
  if (json.bomFormat === 'CycloneDX') return 'cyclonedx';
  if (typeof json['@context'] === 'string' && json['@context'].startsWith('https://openvex.dev/ns'))
    return 'openvex';
  if (isRecord(json.document) && typeof json.document.csaf_version === 'string') return 'csaf';
  return null;
}

/** Parse JSON text, detect CycloneDX / OpenVEX / CSAF, and read it into the model. */
export function readVex(input: string | Uint8Array): VexReadResult {
  if (input.length > maxVexInputSize)
    return readFailure('vex.unreadable', `the input is larger than ${maxVexInputSize} bytes`);
  const parsed = parseJsonText(input);
  if (!parsed.ok) return readFailure('vex.unreadable', parsed.message);
  switch (detectVexFormat(parsed.value)) {
    case 'cyclonedx':
      return readCycloneDxVex(parsed.value);
    case 'openvex':
      return readOpenVex(parsed.value);
    case 'csaf':
      return readCsaf(parsed.value);
    default:
      return readFailure('vex.unsupported', 'not a CycloneDX BOM, an OpenVEX document or a CSAF document');
  }
}
