/**
 * A licence typed on a manual component is an SPDX expression only when every licence id in it is
 * on the SPDX License List and every `WITH` exception on its exception list (QA: `Proprietary`,
 * `Commercial` and `GPL` parse as expressions by grammar alone, so they were stored and exported as
 * SPDX expressions, which SPDX tools and hospitals' SBOM checkers reject). New entries follow
 * licenseFromText (src/core/sbom/license-text.ts); migration 0022 applied the grammar-only rule to
 * the components stored before, and this migration applies the list rule to them: each licence of a
 * manual component whose `expression` is no longer an SPDX expression becomes a licence `name` with
 * the same text and acknowledgement. An expression that still is one is left as stored (also its
 * spelling: `mit` is the listed `MIT`, SPDX ids match case-insensitively). Components from an SBOM
 * keep what their document said (reported by the quality check, converted by the SPDX writer).
 *
 * Only `data_json` changes: a manual component's licence list always lives there (its
 * acknowledgement is `concluded`), and the `license` column (the summary shown and searched) holds
 * the same text either way. Manual components are few, so they are read in pages by id and each
 * changed row is written back on its own.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { up as reclassifyManualLicences } from './0022_manual_license_names.js';

/**
 * The same pass as migration 0022: it re-classifies with licenseFromText as it is now, so a database
 * that ran 0022 under the grammar-only rule gets the list rule here (and one that runs both in a row
 * changes nothing the second time).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await reclassifyManualLicences(db, dialect);
}
