import { describe, expect, it } from 'vitest';
import { findCatalog } from '../catalogs/index.js';
import { evidenceRecordTypes } from '../core/compliance/evidence.js';
import { orgRecordEvidenceEntries, orgRecordEvidenceKinds } from './compliance-org-records.js';

describe('organisation records as compliance evidence', () => {
  it('are evidence record types', () => {
    for (const type of Object.keys(orgRecordEvidenceKinds)) expect(evidenceRecordTypes).toContain(type);
  });

  // Each row: src/catalogs/<catalog>; the entry is one the organisation answers for (level organization or both).
  it.each(Object.entries(orgRecordEvidenceEntries).flatMap(([type, entries]) => entries.map(([catalog, entry]) => [type, catalog, entry] as const)))(
    '%s answers for %s %s, an organisation-level entry',
    (_type, catalog, entry) => {
      const found = findCatalog(catalog)?.entries.find((e) => e.id === entry);
      expect(found, `${catalog} ${entry}`).toBeDefined();
      expect(['organization', 'both']).toContain(found?.level);
    },
  );
});
