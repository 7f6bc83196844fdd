export { validateCycloneDxJson, cycloneDxJsonVersions, isCycloneDxJsonVersion, type CycloneDxJsonVersion } from './cyclonedx-json-schema.js';
export { validateCycloneDxXml, cycloneDxXmlVersions, type CycloneDxXmlVersion } from './cyclonedx-xsd.js';
export { validateSpdxJson, spdxVersions, type SpdxVersion } from './spdx-json-schema.js';
export { validateSpdxTagValue } from './spdx-tag-value-rules.js';
