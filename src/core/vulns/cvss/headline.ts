/**
 * The CVSS rating that speaks for a vulnerability when it has several (records scored in CVSS 4.0
 * and 3.1, by several sources): the newest CVSS version, and within it the highest base score.
 * A finding's severity and the score shown beside it both come from this one rating, so a list
 * never shows a 3.1 score of 7.8 beside the "medium" of a 4.0 score of 5.4. Ratings of unknown
 * severity (a vector that could not be scored) are left out.
 */
import type { CvssSummary } from '../finding.js';

const versionRank: Readonly<Record<CvssSummary['version'], number>> = {
  '4.0': 4,
  '3.1': 3,
  '3.0': 2,
  '2.0': 1,
};

export function headlineCvss<T extends Pick<CvssSummary, 'version' | 'baseScore' | 'severity'>>(ratings: readonly T[]): T | null {
  let best: T | null = null;
  for (const c of ratings) {
    if (c.severity === 'unknown') continue;
    if (
      best === null ||
      versionRank[c.version] > versionRank[best.version] ||
      (versionRank[c.version] === versionRank[best.version] && c.baseScore > best.baseScore)
    )
      best = c;
  }
  return best;
}
