export { readSbom, readSbomStream, type ReadSbomOptions } from './read-sbom.js';
export {
  SbomRefused,
  documentStream,
  type SbomReadResult,
  type SbomReadFailure,
  type SbomReadFailureCode,
  type SbomStream,
  type SbomStreamResult,
} from './sbom-read-result.js';
export { generatedRefPrefix } from './map-cyclonedx.js';
