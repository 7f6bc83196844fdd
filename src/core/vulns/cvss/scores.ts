/**
 * The scores of a CVSS vector, and the interface of whatever computes them. core holds only the
 * interface; the implementation lives outside core (src/vulns/cvss.ts) because it is backed by an
 * npm package, and core imports none.
 */
import type { CvssVersion } from './metrics.js';
import type { CvssSeverity } from './severity.js';
import type { CvssVector } from './vector.js';

export interface CvssScores {
  readonly version: CvssVersion;
  /** Canonical vector string (metrics in specification order). */
  readonly vectorString: string;
  /** v2/v3: Base Score. v4.0: the CVSS-B score (Base metrics only, Threat/Environmental ignored). */
  readonly baseScore: number;
  readonly baseSeverity: CvssSeverity;
  /** v2/v3 Temporal Score; present only when the vector sets a temporal metric. */
  readonly temporalScore?: number;
  /** v2/v3 Environmental Score; present only when the vector sets an environmental metric. */
  readonly environmentalScore?: number;
  /**
   * The score the vector as written yields: v4.0 the single CVSS-B / CVSS-BT / CVSS-BE / CVSS-BTE
   * score (v4.0 spec §1.3 nomenclature); v2/v3 the environmental, else temporal, else base score.
   */
  readonly score: number;
  readonly severity: CvssSeverity;
  /** v4.0 nomenclature (`CVSS-B`, `CVSS-BT`, `CVSS-BE`, `CVSS-BTE`); for v2/v3 the group used. */
  readonly nomenclature: string;
}

export interface CvssScorer {
  score(vector: CvssVector): CvssScores;
}
