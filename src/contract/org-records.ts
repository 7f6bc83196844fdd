/**
 * Organisation-level records: the security committee, RACI chart, training records, vulnerability
 * contact points, ISAO memberships and process reviews (IEC 81001-5-1 4.1.2, 4.1.4, 4.1.6, 4.1.8,
 * 9.2; MHLW guidance 4.4, 6.3). Field rules beyond the shape live in core/domain/org-records.ts.
 */
import { z } from 'zod';
import {
  committeeRoles,
  contactChannels,
  orgRecordFields,
  orgRecordGaps,
  orgRecordKinds,
  orgRecordStatusValues,
  raciLetters,
  trainingResults,
} from '../core/domain/org-records.js';
import { Id, IsoDate, IsoDateTime } from './common.js';

const text = (max: number) => z.string().max(max);
const optDate = IsoDate.nullable();

const committeeMember = {
  name: text(200).describe('Full name'),
  role: z.enum(committeeRoles),
  department: text(200),
  email: text(320),
  responsibilities: text(10000),
  appointedOn: optDate,
  endsOn: optDate.describe('End of the term; empty while serving'),
};
const raciAssignment = {
  activity: text(300).describe('Life-cycle activity, e.g. "Vulnerability triage (9.3)"'),
  party: text(200).describe('Role or person'),
  assignment: z.enum(raciLetters).describe('Responsible, Accountable, Consulted or Informed'),
  notes: text(10000),
};
const trainingRecord = {
  person: text(200),
  course: text(300).describe('Course or topic'),
  competenceArea: text(200).describe('e.g. secure coding, threat modelling, penetration testing'),
  completedOn: IsoDate,
  result: z.enum(trainingResults),
  validUntil: optDate.describe('When the competence must be renewed; empty if it does not expire'),
  notes: text(10000),
};
const contactPoint = {
  channel: z.enum(contactChannels),
  address: text(500).describe('Email address, form URL, phone number or postal address'),
  pgpKey: text(10000).describe('PGP public key or fingerprint'),
  publishedUrl: text(2000).nullable().describe('Where the contact point is published (e.g. a security.txt or disclosure policy page)'),
  responseSlaDays: z.number().int().min(1).max(365).nullable().describe('Days within which receipt is acknowledged'),
  notes: text(10000),
};
const isaoMembership = {
  organizationName: text(200).describe('e.g. JPCERT/CC, H-ISAC, MDS-ISAO'),
  memberSince: optDate,
  endedOn: optDate,
  contact: text(500),
  notes: text(10000),
};
const processReview = {
  reviewedOn: IsoDate,
  process: text(300).describe('Process or scope reviewed, e.g. "Security defect management (4.1.8)"'),
  reviewers: z.array(text(200)).max(20),
  findings: text(10000),
  actions: text(10000),
  nextReviewDue: optDate,
};

export const OrgRecordKind = z.enum(orgRecordKinds);
export const OrgRecordStatus = z.enum(orgRecordStatusValues);

const meta = {
  id: Id,
  organizationId: Id,
  createdAt: IsoDateTime,
  createdBy: z.string(),
  updatedAt: IsoDateTime,
  updatedBy: z.string(),
  archivedAt: IsoDateTime.nullable(),
};

/** Per kind: the fields, the URL segment, the record schema and the create and patch bodies. */
function kind<K extends (typeof orgRecordKinds)[number], F extends z.ZodRawShape>(k: K, segment: string, fields: F, id: string) {
  // On create, the fields core does not require may be left out (empty text, no date).
  const optional = new Set(orgRecordFields[k].filter((f) => !f.required).map((f) => f.name));
  const create = z.object(
    Object.fromEntries(Object.entries(fields).map(([name, schema]) => [name, optional.has(name) ? (schema as z.ZodType).optional() : schema])) as Record<string, z.ZodType>,
  );
  return {
    kind: k,
    segment,
    record: z.object({ kind: z.literal(k), ...meta, ...fields }).meta({ id }),
    create,
    patch: z.object(fields).partial(),
  };
}

export const CommitteeMember = kind('committee_member', 'committee-members', committeeMember, 'OrgCommitteeMember');
export const RaciAssignment = kind('raci_assignment', 'raci', raciAssignment, 'OrgRaciAssignment');
export const TrainingRecord = kind('training_record', 'training', trainingRecord, 'OrgTrainingRecord');
export const ContactPoint = kind('contact_point', 'contact-points', contactPoint, 'OrgContactPoint');
export const IsaoMembership = kind('isao_membership', 'isao-memberships', isaoMembership, 'OrgIsaoMembership');
export const ProcessReview = kind('process_review', 'process-reviews', processReview, 'OrgProcessReview');

export const orgRecordContracts = [CommitteeMember, RaciAssignment, TrainingRecord, ContactPoint, IsaoMembership, ProcessReview] as const;

const status = { status: OrgRecordStatus };

export const OrgRecordView = z.discriminatedUnion('kind', [
  CommitteeMember.record.extend(status),
  RaciAssignment.record.extend(status),
  TrainingRecord.record.extend(status),
  ContactPoint.record.extend(status),
  IsaoMembership.record.extend(status),
  ProcessReview.record.extend(status),
]);

const counts = z.object(Object.fromEntries(orgRecordKinds.map((k) => [k, z.number().int()])) as Record<(typeof orgRecordKinds)[number], z.ZodNumber>);

export const OrgRecordsSummary = z
  .object({
    today: IsoDate,
    current: counts.describe('Records in force per kind'),
    expiredTraining: z.number().int(),
    overdueReviews: z.number().int(),
    raciActivitiesWithoutOneAccountable: z.array(z.string()),
    lastReviewOn: IsoDate.nullable(),
    gaps: z.array(z.enum(orgRecordGaps)).describe('What an inspection would ask about'),
  })
  .meta({ id: 'OrgRecordsSummary' });

export const OrgRecords = z.object({ summary: OrgRecordsSummary, records: z.array(OrgRecordView) }).meta({ id: 'OrgRecords' });

export const OrgRecordsQuery = z.object({
  archived: z
    .enum(['exclude', 'include', 'only'])
    .default('exclude')
    .describe('Archived records: left out (default), included, or the only ones listed. The summary always covers every record.'),
});
