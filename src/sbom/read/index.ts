export { readSbom, type ReadSbomOptions } from './read-sbom.js';
export type { SbomReadResult, SbomReadFailure, SbomReadFailureCode } from './sbom-read-result.js';
export { generatedRefPrefix } from './map-cyclonedx.js';
