/**
 * Forward-only migrations. Each is a module in ./migrations named NNNN_subject.ts with an `up`
 * function; the list below is the order. A migration that has run is never edited.
 */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Dialect } from './database.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_sbom.js';
import * as m0003 from './migrations/0003_findings.js';
import * as m0004 from './migrations/0004_compliance.js';
import * as m0005 from './migrations/0005_threats.js';
import * as m0006 from './migrations/0006_sbom_storage.js';
import * as m0007 from './migrations/0007_triage.js';
import * as m0008 from './migrations/0008_org_records.js';
import * as m0009 from './migrations/0009_annex_f.js';
import * as m0010 from './migrations/0010_vuln_settings.js';
import * as m0011 from './migrations/0011_blob_encoding.js';
import * as m0012 from './migrations/0012_component_cpe.js';
import * as m0013 from './migrations/0013_component_owner_keys.js';
import * as m0014 from './migrations/0014_storage_indexes.js';
import * as m0015 from './migrations/0015_finding_contents.js';
import * as m0016 from './migrations/0016_monitor_leases.js';
import * as m0017 from './migrations/0017_search_fold.js';
import * as m0018 from './migrations/0018_component_version_key.js';
import * as m0019 from './migrations/0019_headline_cvss_score.js';
import * as m0020 from './migrations/0020_search_fold_encoding.js';
import * as m0021 from './migrations/0021_analysis_rules_revision.js';
import * as m0022 from './migrations/0022_manual_license_names.js';
import * as m0023 from './migrations/0023_primary_components.js';
import * as m0024 from './migrations/0024_manual_license_ids.js';
import * as m0025 from './migrations/0025_finding_event_indexes.js';

type Module = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

const modules: Record<string, Module> = {
  '0001_foundation': m0001,
  '0002_sbom': m0002,
  '0003_findings': m0003,
  '0004_compliance': m0004,
  '0005_threats': m0005,
  '0006_sbom_storage': m0006,
  '0007_triage': m0007,
  '0008_org_records': m0008,
  '0009_annex_f': m0009,
  '0010_vuln_settings': m0010,
  '0011_blob_encoding': m0011,
  '0012_component_cpe': m0012,
  '0013_component_owner_keys': m0013,
  '0014_storage_indexes': m0014,
  '0015_finding_contents': m0015,
  '0016_monitor_leases': m0016,
  '0017_search_fold': m0017,
  '0018_component_version_key': m0018,
  '0019_headline_cvss_score': m0019,
  '0020_search_fold_encoding': m0020,
  '0021_analysis_rules_revision': m0021,
  '0022_manual_license_names': m0022,
  '0023_primary_components': m0023,
  '0024_manual_license_ids': m0024,
  '0025_finding_event_indexes': m0025,
};

export const migrationNames = Object.keys(modules);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
function migrator(db: Kysely<any>, dialect: Dialect): Migrator {
  const migrations: Record<string, Migration> = {};
  for (const [name, mod] of Object.entries(modules)) migrations[name] = { up: (d) => mod.up(d, dialect) };
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'mamori_migrations',
    migrationLockTableName: 'mamori_migrations_lock',
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<MigrationResultSet> {
  return migrator(db, dialect).migrateToLatest();
}

/** Migrates up to and including the named migration (tests of a migration that converts data). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function migrateTo(db: Kysely<any>, dialect: Dialect, name: string): Promise<MigrationResultSet> {
  return migrator(db, dialect).migrateTo(name);
}
