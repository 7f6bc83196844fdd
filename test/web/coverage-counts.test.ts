/**
 * The compliance page's coverage bars (web/src/pages/compliance/CoverageCharts.tsx): an entry nobody
 * assessed is counted as "not assessed", apart from one assessed as not started, in the per-catalog
 * bar and the per-clause bars alike.
 */
import { describe, expect, it } from 'vitest';
import { catalogCounts, clauseCounts, segments } from '../../web/src/pages/compliance/CoverageCharts.js';
import type { CatalogEntriesT, GapRowT } from '../../web/src/pages/compliance/api.js';

const entry = (id: string, parent: string | null) =>
  ({
    id,
    parent,
    kind: 'item',
    level: 'product',
    normative: true,
    title: { ja: id, en: id },
    description: { ja: '', en: '' },
    expectedEvidence: [],
  }) as unknown as CatalogEntriesT['entries'][number];
const row = (id: string, status: GapRowT['status']) =>
  ({
    catalog: 'c@1',
    entry: entry(id, '1'),
    scope: 'product',
    status,
    source: null,
    owner: '',
    dueDate: null,
    justification: '',
    evidenceCount: 0,
    gaps: [],
  }) as unknown as GapRowT;

describe('coverage counts', () => {
  it('keeps not assessed apart from not started', () => {
    expect(segments).toContain('none');
    const clauses = clauseCounts(
      [entry('1', null), entry('1.1', '1'), entry('1.2', '1'), entry('1.3', '1')],
      [row('1.1', null), row('1.2', 'not_started'), row('1.3', 'implemented')],
    );
    expect(clauses[0]!.counts).toMatchObject({ none: 1, not_started: 1, implemented: 1 });
    const summary = {
      notAssessed: 4,
      notStarted: 2,
      inProgress: 0,
      implemented: 1,
      verified: 0,
      notApplicable: 0,
    } as unknown as Parameters<typeof catalogCounts>[0];
    expect(catalogCounts(summary)).toMatchObject({ none: 4, not_started: 2 });
  });
});
