/** Organisation records calls: types from the zod contract, JSON through the shared request(). */
import type { z } from 'zod';
import type { OrgRecords, OrgRecordView } from '../../../../src/contract/org-records.js';
import type { OrgRecordKind } from '../../../../src/core/domain/org-records.js';
import { request } from '../../api/client.js';

export type OrgRecordsT = z.infer<typeof OrgRecords>;
export type OrgRecordViewT = z.infer<typeof OrgRecordView>;

/** The URL segment of each kind (as in src/contract/org-records.ts). */
export const segments: Record<OrgRecordKind, string> = {
  committee_member: 'committee-members',
  raci_assignment: 'raci',
  training_record: 'training',
  contact_point: 'contact-points',
  isao_membership: 'isao-memberships',
  process_review: 'process-reviews',
};

const base = '/organization/records';
const enc = encodeURIComponent;

export const orgRecordsApi = {
  list: (includeArchived: boolean) => request<OrgRecordsT>('GET', base, { query: { archived: includeArchived ? 'include' : 'exclude' } }),
  create: (kind: OrgRecordKind, body: Record<string, unknown>) => request<OrgRecordViewT>('POST', `${base}/${segments[kind]}`, { body }),
  update: (kind: OrgRecordKind, id: string, body: Record<string, unknown>) =>
    request<OrgRecordViewT>('PATCH', `${base}/${segments[kind]}/${enc(id)}`, { body }),
  archive: (kind: OrgRecordKind, id: string, archived: boolean) =>
    request<OrgRecordViewT>('POST', `${base}/${segments[kind]}/${enc(id)}/${archived ? 'archive' : 'restore'}`),
};
