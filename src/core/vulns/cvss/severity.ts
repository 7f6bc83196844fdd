/**
 * Qualitative severity ratings. The enum values are those of the FIRST CVSS JSON schemas
 * (`baseSeverity`: NONE, LOW, MEDIUM, HIGH, CRITICAL).
 *
 * - v3.0 / v3.1: CVSS v3.1 Specification §5 "Qualitative Severity Rating Scale" (Table 14):
 *   None 0.0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0.
 * - v4.0: CVSS v4.0 Specification §6 "Qualitative Severity Rating Scale": the same bands.
 * - v2.0: the v2 guide defines no rating scale; NVD's is used (Low 0.0-3.9, Medium 4.0-6.9,
 *   High 7.0-10.0), which is what NVD `cvssMetricV2[].baseSeverity` carries.
 */
import type { CvssVersion } from './metrics.js';

export type CvssSeverity = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export function cvssSeverity(version: CvssVersion, score: number): CvssSeverity {
  if (version === '2.0') {
    if (score < 4) return 'LOW';
    if (score < 7) return 'MEDIUM';
    return 'HIGH';
  }
  if (score === 0) return 'NONE';
  if (score < 4) return 'LOW';
  if (score < 7) return 'MEDIUM';
  if (score < 9) return 'HIGH';
  return 'CRITICAL';
}
