/**
 * Organisation-level records (issue #5 item 7): the security committee, the RACI chart, training and
 * competence records, vulnerability contact points, ISAO memberships and periodic process reviews.
 * One table per kind, each with the organisation, who created and last changed the row and when, and
 * an archive date instead of deletion. Columns are the snake_case of the fields in
 * src/core/domain/org-records.ts; lists are JSON text, numbers integers, dates YYYY-MM-DD text.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from '../database.js';

type Column = readonly [name: string, type: 'text' | 'integer', notNull: boolean];

const tables: Record<string, readonly Column[]> = {
  org_committee_members: [
    ['name', 'text', true],
    ['role', 'text', true],
    ['department', 'text', true],
    ['email', 'text', true],
    ['responsibilities', 'text', true],
    ['appointed_on', 'text', false],
    ['ends_on', 'text', false],
  ],
  org_raci_assignments: [
    ['activity', 'text', true],
    ['party', 'text', true],
    ['assignment', 'text', true],
    ['notes', 'text', true],
  ],
  org_training_records: [
    ['person', 'text', true],
    ['course', 'text', true],
    ['competence_area', 'text', true],
    ['completed_on', 'text', true],
    ['result', 'text', true],
    ['valid_until', 'text', false],
    ['notes', 'text', true],
  ],
  org_contact_points: [
    ['channel', 'text', true],
    ['address', 'text', true],
    ['pgp_key', 'text', true],
    ['published_url', 'text', false],
    ['response_sla_days', 'integer', false],
    ['notes', 'text', true],
  ],
  org_isao_memberships: [
    ['organization_name', 'text', true],
    ['member_since', 'text', false],
    ['ended_on', 'text', false],
    ['contact', 'text', true],
    ['notes', 'text', true],
  ],
  org_process_reviews: [
    ['reviewed_on', 'text', true],
    ['process', 'text', true],
    ['reviewers', 'text', true],
    ['findings', 'text', true],
    ['actions', 'text', true],
    ['next_review_due', 'text', false],
  ],
};

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  void _dialect;
  for (const [table, columns] of Object.entries(tables)) {
    let t: CreateTableBuilder<string, string> = db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'));
    for (const [name, type, notNull] of columns) t = t.addColumn(name, type, (c) => (notNull ? c.notNull() : c));
    await t
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('archived_at', 'text')
      .execute();
    await db.schema.createIndex(`${table}_org`).on(table).columns(['organization_id', 'archived_at']).execute();
  }
}
