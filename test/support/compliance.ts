/**
 * Assessing the whole of IEC 81001-5-1 in tests: the Annex F gap list rests on a finished assessment
 * (every applicable work item outside Annex F has a status), so a test that records an Annex F
 * decision assesses the rest first.
 */
import { catalogs } from '../../src/catalogs/index.js';
import { IEC } from '../../src/catalogs/keys.js';
import type { AssessmentStatus } from '../../src/core/compliance/assessment.js';
import { leafEntries, resolveCatalog } from '../../src/core/compliance/catalog.js';

export interface ScopedItems {
  /** `null` for the organisation's own assessments. */
  readonly productId: string | null;
  readonly items: { catalog: string; entry: string; status: AssessmentStatus }[];
}

/**
 * Bulk items setting every IEC 81001-5-1 work item outside Annex F, except `skip`, to `status`, split
 * by the scope that answers for it: organisation-level entries in the organisation's scope.
 */
export function iecAssessmentItems(productId: string, skip: readonly string[] = [], status: AssessmentStatus = 'implemented'): ScopedItems[] {
  const work = leafEntries(resolveCatalog(catalogs, IEC)!).filter((e) => e.normative !== false && !/^F(\.|$)/.test(e.id) && !skip.includes(e.id));
  const item = (id: string) => ({ catalog: IEC, entry: id, status });
  return [
    { productId, items: work.filter((e) => e.level !== 'organization').map((e) => item(e.id)) },
    { productId: null, items: work.filter((e) => e.level === 'organization').map((e) => item(e.id)) },
  ];
}
