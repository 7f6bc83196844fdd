/**
 * Organisation-level records, one table per kind. Rows map to core records through the kind's field
 * table (core/domain/org-records.ts): a field's column is its name in snake_case, lists are JSON text.
 */
import {
  orgRecordFields,
  orgRecordKinds,
  type AnyOrgRecord,
  type OrgRecord,
  type OrgRecordKind,
} from '../../core/domain/org-records.js';
import type { Kysely } from 'kysely';
import type { Database, Db } from '../database.js';
import { parseJsonArray } from './json.js';

export const orgRecordTables = {
  committee_member: 'org_committee_members',
  raci_assignment: 'org_raci_assignments',
  training_record: 'org_training_records',
  contact_point: 'org_contact_points',
  isao_membership: 'org_isao_memberships',
  process_review: 'org_process_reviews',
} as const satisfies Record<OrgRecordKind, keyof Database>;

type Row = Record<string, string | number | null>;

const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function toRecord<K extends OrgRecordKind>(kind: K, row: Row): OrgRecord<K> {
  const out: Record<string, unknown> = {
    kind,
    id: row.id,
    organizationId: row.organization_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    archivedAt: row.archived_at ?? null,
  };
  for (const f of orgRecordFields[kind]) {
    const v = row[column(f.name)] ?? null;
    out[f.name] = f.type === 'list' ? parseJsonArray(String(v ?? '[]')) : f.type === 'int' && v !== null ? Number(v) : v;
  }
  return out as unknown as OrgRecord<K>;
}

function toRow(record: AnyOrgRecord): Row {
  const source = record as unknown as Record<string, unknown>;
  const row: Row = {
    id: record.id,
    organization_id: record.organizationId,
    created_at: record.createdAt,
    created_by: record.createdBy,
    updated_at: record.updatedAt,
    updated_by: record.updatedBy,
    archived_at: record.archivedAt,
  };
  for (const f of orgRecordFields[record.kind]) {
    const v = source[f.name];
    row[column(f.name)] = f.type === 'list' ? JSON.stringify(v ?? []) : ((v ?? null) as string | number | null);
  }
  return row;
}

// The tables differ in their columns; one untyped view of them keeps this module generic. The field
// table is the single source of the columns, and the store tests run every kind on both dialects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
const loose = (db: Db) => db as unknown as Kysely<any>;

export async function insertOrgRecord(db: Db, record: AnyOrgRecord): Promise<void> {
  await loose(db).insertInto(orgRecordTables[record.kind]).values(toRow(record)).execute();
}

export async function updateOrgRecord(db: Db, record: AnyOrgRecord): Promise<void> {
  const { id, organization_id, created_at, created_by, ...rest } = toRow(record);
  void created_at;
  void created_by;
  await loose(db)
    .updateTable(orgRecordTables[record.kind])
    .set(rest)
    .where('id', '=', id)
    .where('organization_id', '=', organization_id)
    .execute();
}

export async function findOrgRecord<K extends OrgRecordKind>(db: Db, kind: K, organizationId: string, id: string): Promise<OrgRecord<K> | undefined> {
  const row: Row | undefined = await loose(db)
    .selectFrom(orgRecordTables[kind])
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(kind, row);
}

/** Records of one kind, oldest first (then by id); archived ones only when asked for. */
export async function listOrgRecords<K extends OrgRecordKind>(
  db: Db,
  kind: K,
  organizationId: string,
  options: { includeArchived: boolean },
): Promise<OrgRecord<K>[]> {
  let q = loose(db).selectFrom(orgRecordTables[kind]).selectAll().where('organization_id', '=', organizationId);
  if (!options.includeArchived) q = q.where('archived_at', 'is', null);
  const rows = (await q.orderBy('created_at').orderBy('id').execute()) as Row[];
  return rows.map((r) => toRecord(kind, r));
}

/** Every kind's records of the organisation, in the order of `orgRecordKinds`. */
export async function listAllOrgRecords(db: Db, organizationId: string, options: { includeArchived: boolean }): Promise<AnyOrgRecord[]> {
  const out: AnyOrgRecord[] = [];
  for (const kind of orgRecordKinds) out.push(...((await listOrgRecords(db, kind, organizationId, options)) as AnyOrgRecord[]));
  return out;
}
