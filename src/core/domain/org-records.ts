/**
 * Organisation-level records an inspection asks for (IEC 81001-5-1 4.1.2, 4.1.4, 4.1.6, 4.1.8, 9.2;
 * MHLW guidance 4.4 and 6.3; MHLW 2023-05-23 confirmation items on the security organisation): the
 * security committee, who is responsible for what (RACI), training and competence, the vulnerability
 * contact point, ISAO memberships and periodic process reviews. They belong to the organisation
 * (tenant), not to a product.
 *
 * One field table per kind drives validation here, the store's columns and the web forms, so the
 * three cannot drift. Dates are calendar dates (YYYY-MM-DD); whether a record is expired or overdue
 * is computed from a `today` passed in.
 */
import type { Issue } from '../result.js';
import { isIsoDate } from './release.js';

export const orgRecordKinds = [
  'committee_member',
  'raci_assignment',
  'training_record',
  'contact_point',
  'isao_membership',
  'process_review',
] as const;
export type OrgRecordKind = (typeof orgRecordKinds)[number];

export const committeeRoles = ['chair', 'member', 'secretary', 'advisor'] as const;
export const raciLetters = ['R', 'A', 'C', 'I'] as const;
export const trainingResults = ['passed', 'failed', 'attended'] as const;
export const contactChannels = ['email', 'web_form', 'phone', 'postal', 'other'] as const;

export type CommitteeRole = (typeof committeeRoles)[number];
export type RaciLetter = (typeof raciLetters)[number];
export type TrainingResult = (typeof trainingResults)[number];
export type ContactChannel = (typeof contactChannels)[number];

export interface CommitteeMemberFields {
  readonly name: string;
  readonly role: CommitteeRole;
  readonly department: string;
  readonly email: string;
  readonly responsibilities: string;
  readonly appointedOn: string | null;
  readonly endsOn: string | null;
}

/** One cell of the RACI chart: for an activity, a role or person is Responsible, Accountable, Consulted or Informed. */
export interface RaciAssignmentFields {
  readonly activity: string;
  readonly party: string;
  readonly assignment: RaciLetter;
  readonly notes: string;
}

export interface TrainingRecordFields {
  readonly person: string;
  readonly course: string;
  readonly competenceArea: string;
  readonly completedOn: string;
  readonly result: TrainingResult;
  readonly validUntil: string | null;
  readonly notes: string;
}

export interface ContactPointFields {
  readonly channel: ContactChannel;
  readonly address: string;
  readonly pgpKey: string;
  readonly publishedUrl: string | null;
  readonly responseSlaDays: number | null;
  readonly notes: string;
}

export interface IsaoMembershipFields {
  readonly organizationName: string;
  readonly memberSince: string | null;
  readonly endedOn: string | null;
  readonly contact: string;
  readonly notes: string;
}

export interface ProcessReviewFields {
  readonly reviewedOn: string;
  readonly process: string;
  readonly reviewers: readonly string[];
  readonly findings: string;
  readonly actions: string;
  readonly nextReviewDue: string | null;
}

export interface OrgRecordFieldsByKind {
  committee_member: CommitteeMemberFields;
  raci_assignment: RaciAssignmentFields;
  training_record: TrainingRecordFields;
  contact_point: ContactPointFields;
  isao_membership: IsaoMembershipFields;
  process_review: ProcessReviewFields;
}

export interface OrgRecordMeta {
  readonly id: string;
  readonly organizationId: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** Records are archived, never deleted: an inspection may ask who sat on the committee last year. */
  readonly archivedAt: string | null;
}

export type OrgRecord<K extends OrgRecordKind = OrgRecordKind> = OrgRecordMeta & { readonly kind: K } & OrgRecordFieldsByKind[K];
export type AnyOrgRecord = { [K in OrgRecordKind]: OrgRecord<K> }[OrgRecordKind];

export type FieldType = 'text' | 'longtext' | 'email' | 'url' | 'date' | 'int' | 'enum' | 'list';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
  /** Longest text (characters), longest list, or the integer range. */
  readonly max: number;
  readonly min?: number;
  readonly values?: readonly string[];
}

const text = (name: string, required: boolean, max = 200): FieldSpec => ({ name, type: 'text', required, max });
const long = (name: string, required = false): FieldSpec => ({ name, type: 'longtext', required, max: 10000 });
const date = (name: string, required: boolean): FieldSpec => ({ name, type: 'date', required, max: 10 });
const oneOf = (name: string, values: readonly string[]): FieldSpec => ({ name, type: 'enum', required: true, max: 50, values });

/** The fields of each kind, in the order forms and tables show them. */
export const orgRecordFields: { readonly [K in OrgRecordKind]: readonly FieldSpec[] } = {
  committee_member: [
    text('name', true),
    oneOf('role', committeeRoles),
    text('department', false),
    { name: 'email', type: 'email', required: false, max: 320 },
    long('responsibilities'),
    date('appointedOn', false),
    date('endsOn', false),
  ],
  raci_assignment: [text('activity', true, 300), text('party', true), oneOf('assignment', raciLetters), long('notes')],
  training_record: [
    text('person', true),
    text('course', true, 300),
    text('competenceArea', true),
    date('completedOn', true),
    oneOf('result', trainingResults),
    date('validUntil', false),
    long('notes'),
  ],
  contact_point: [
    oneOf('channel', contactChannels),
    text('address', true, 500),
    long('pgpKey'),
    { name: 'publishedUrl', type: 'url', required: false, max: 2000 },
    { name: 'responseSlaDays', type: 'int', required: false, min: 1, max: 365 },
    long('notes'),
  ],
  isao_membership: [text('organizationName', true), date('memberSince', false), date('endedOn', false), text('contact', false, 500), long('notes')],
  process_review: [
    date('reviewedOn', true),
    text('process', true, 300),
    { name: 'reviewers', type: 'list', required: true, max: 20 },
    long('findings', true),
    long('actions'),
    date('nextReviewDue', false),
  ],
};

export type OrgRecordInput<K extends OrgRecordKind = OrgRecordKind> = OrgRecordFieldsByKind[K];

const nullable = (t: FieldType) => t === 'date' || t === 'url' || t === 'int';

/**
 * Trims text, drops blank list items, and turns blank optional dates, URLs and numbers into null,
 * keeping only the kind's fields (anything else in `raw` is ignored).
 */
export function normalizeOrgRecordInput<K extends OrgRecordKind>(kind: K, raw: Readonly<Record<string, unknown>>): OrgRecordInput<K> {
  const out: Record<string, unknown> = {};
  for (const f of orgRecordFields[kind]) {
    const v = raw[f.name];
    if (f.type === 'list') out[f.name] = Array.isArray(v) ? v.map((x) => String(x).trim()).filter((x) => x !== '') : [];
    else if (f.type === 'int') out[f.name] = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : null;
    else if (typeof v === 'string') out[f.name] = v.trim() === '' && nullable(f.type) ? null : v.trim();
    else out[f.name] = v === undefined || v === null ? (nullable(f.type) ? null : '') : v;
  }
  return out as unknown as OrgRecordInput<K>;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function fieldIssues(f: FieldSpec, v: unknown): string | null {
  const empty = v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  if (empty) return f.required ? 'Required.' : null;
  switch (f.type) {
    case 'text':
    case 'longtext':
      return typeof v === 'string' && v.length <= f.max ? null : `At most ${f.max} characters.`;
    case 'email':
      return typeof v === 'string' && v.length <= f.max && emailPattern.test(v) ? null : 'Must be an email address (name@example.com).';
    case 'url':
      return typeof v === 'string' && v.length <= f.max && /^https?:\/\/\S+$/.test(v) ? null : 'Must be an http(s) URL.';
    case 'date':
      return typeof v === 'string' && isIsoDate(v) ? null : 'Must be a date written YYYY-MM-DD.';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= (f.min ?? 0) && v <= f.max ? null : `Must be a whole number from ${f.min ?? 0} to ${f.max}.`;
    case 'enum':
      return typeof v === 'string' && (f.values ?? []).includes(v) ? null : `Must be one of ${(f.values ?? []).join(', ')}.`;
    case 'list':
      return Array.isArray(v) && v.length <= f.max && v.every((x) => typeof x === 'string' && x.length <= 200)
        ? null
        : `At most ${f.max} entries of up to 200 characters.`;
  }
}

function order(issues: Issue[], input: Readonly<Record<string, unknown>>, from: string, to: string, message: string) {
  const a = input[from];
  const b = input[to];
  if (typeof a === 'string' && typeof b === 'string' && isIsoDate(a) && isIsoDate(b) && b < a) issues.push({ path: to, message });
}

/** Rules a record must satisfy beyond its shape, for a normalised input. */
export function orgRecordIssues(kind: OrgRecordKind, input: Readonly<Record<string, unknown>>): Issue[] {
  const issues: Issue[] = [];
  for (const f of orgRecordFields[kind]) {
    const message = fieldIssues(f, input[f.name]);
    if (message) issues.push({ path: f.name, message });
  }
  if (kind === 'committee_member') order(issues, input, 'appointedOn', 'endsOn', 'The term cannot end before the appointment.');
  if (kind === 'training_record') order(issues, input, 'completedOn', 'validUntil', 'Validity cannot end before the training was completed.');
  if (kind === 'isao_membership') order(issues, input, 'memberSince', 'endedOn', 'The membership cannot end before it began.');
  if (kind === 'process_review') order(issues, input, 'reviewedOn', 'nextReviewDue', 'The next review cannot be due before this one took place.');
  if (kind === 'contact_point' && input.channel === 'email' && typeof input.address === 'string' && input.address !== '' && !emailPattern.test(input.address))
    issues.push({ path: 'address', message: 'An email contact point needs an email address.' });
  if (kind === 'contact_point' && input.channel === 'web_form' && typeof input.address === 'string' && input.address !== '' && !/^https?:\/\/\S+$/.test(input.address))
    issues.push({ path: 'address', message: 'A web form contact point needs an http(s) URL.' });
  return issues;
}

// ── Status against a date ─────────────────────────────────────────────────────────────────────

/** Days ahead in which a validity end or a review due date counts as "soon". */
export const dueSoonDays = 30;

export const orgRecordStatusValues = ['current', 'due_soon', 'overdue', 'expiring', 'expired', 'failed', 'ended', 'superseded', 'archived'] as const;
export type OrgRecordStatus = (typeof orgRecordStatusValues)[number];

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar day (UTC) of an instant, as core compares dates. */
export function dayOf(now: Date | string): string {
  return (typeof now === 'string' ? now : now.toISOString()).slice(0, 10);
}

/** Whether a record still holds on `today` (YYYY-MM-DD), and if not, why. */
export function orgRecordStatus(record: AnyOrgRecord, today: string): OrgRecordStatus {
  if (record.archivedAt !== null) return 'archived';
  switch (record.kind) {
    case 'committee_member':
      return record.endsOn !== null && record.endsOn < today ? 'ended' : 'current';
    case 'isao_membership':
      return record.endedOn !== null && record.endedOn < today ? 'ended' : 'current';
    case 'training_record':
      if (record.result === 'failed') return 'failed';
      if (record.validUntil === null) return 'current';
      if (record.validUntil < today) return 'expired';
      return record.validUntil <= addDays(today, dueSoonDays) ? 'expiring' : 'current';
    case 'process_review':
      if (record.nextReviewDue === null) return 'current';
      if (record.nextReviewDue < today) return 'overdue';
      return record.nextReviewDue <= addDays(today, dueSoonDays) ? 'due_soon' : 'current';
    default:
      return 'current';
  }
}

const norm = (s: string) => s.trim().toLowerCase();

/**
 * Every record's status on `today`, where a later record replaces an earlier one: a newer review of
 * the same process supersedes the older one (whose due date then no longer matters), and a newer
 * training of the same person in the same course supersedes the older one.
 */
export function orgRecordStatuses(records: readonly AnyOrgRecord[], today: string): Map<string, OrgRecordStatus> {
  const latest = new Map<string, { id: string; on: string }>();
  const keyOf = (r: AnyOrgRecord): [string, string] | null =>
    r.kind === 'process_review'
      ? [`review:${norm(r.process)}`, r.reviewedOn]
      : r.kind === 'training_record'
        ? [`training:${norm(r.person)}\u0000${norm(r.course)}`, r.completedOn]
        : null;
  for (const r of records) {
    const k = r.archivedAt === null ? keyOf(r) : null;
    if (!k) continue;
    const prev = latest.get(k[0]);
    if (!prev || k[1] > prev.on || (k[1] === prev.on && r.id > prev.id)) latest.set(k[0], { id: r.id, on: k[1] });
  }
  const out = new Map<string, OrgRecordStatus>();
  for (const r of records) {
    const k = r.archivedAt === null ? keyOf(r) : null;
    out.set(r.id, k && latest.get(k[0])?.id !== r.id ? 'superseded' : orgRecordStatus(r, today));
  }
  return out;
}

/** The statuses that need attention; shown highlighted. */
export const attentionStatuses: readonly OrgRecordStatus[] = ['overdue', 'expired', 'failed'];

export const orgRecordGaps = [
  'no_committee',
  'no_raci',
  'raci_without_accountable',
  'raci_several_accountable',
  'no_training',
  'training_expired',
  'no_contact_point',
  'no_isao_membership',
  'no_process_review',
  'process_review_overdue',
] as const;
export type OrgRecordGap = (typeof orgRecordGaps)[number];

export interface OrgRecordsSummary {
  readonly today: string;
  /** Records in force per kind (not archived, not ended or expired). */
  readonly current: { readonly [K in OrgRecordKind]: number };
  readonly expiredTraining: number;
  readonly overdueReviews: number;
  /** RACI activities without exactly one Accountable party. */
  readonly raciActivitiesWithoutOneAccountable: readonly string[];
  readonly lastReviewOn: string | null;
  /** What an inspector would ask about, in a stable order. */
  readonly gaps: readonly OrgRecordGap[];
}

/** A summary of the organisation's records on `today`; archived records are ignored. */
export function summarizeOrgRecords(records: readonly AnyOrgRecord[], today: string): OrgRecordsSummary {
  const live = records.filter((r) => r.archivedAt === null);
  const current = Object.fromEntries(orgRecordKinds.map((k) => [k, 0])) as Record<OrgRecordKind, number>;
  let expiredTraining = 0;
  let overdueReviews = 0;
  let lastReviewOn: string | null = null;
  const accountable = new Map<string, number>();
  const statuses = orgRecordStatuses(live, today);
  for (const r of live) {
    const status = statuses.get(r.id);
    if (status === 'expired') expiredTraining += 1;
    if (status === 'overdue') overdueReviews += 1;
    if (status === 'current' || status === 'due_soon' || status === 'expiring' || status === 'overdue') current[r.kind] += 1;
    if (r.kind === 'raci_assignment') {
      const key = r.activity.trim();
      accountable.set(key, (accountable.get(key) ?? 0) + (r.assignment === 'A' ? 1 : 0));
    }
    if (r.kind === 'process_review' && (lastReviewOn === null || r.reviewedOn > lastReviewOn)) lastReviewOn = r.reviewedOn;
  }
  const withoutOne = [...accountable].filter(([, n]) => n !== 1).map(([a]) => a).sort();
  const gaps: OrgRecordGap[] = [];
  if (current.committee_member === 0) gaps.push('no_committee');
  if (accountable.size === 0) gaps.push('no_raci');
  if ([...accountable.values()].some((n) => n === 0)) gaps.push('raci_without_accountable');
  if ([...accountable.values()].some((n) => n > 1)) gaps.push('raci_several_accountable');
  if (current.training_record === 0) gaps.push('no_training');
  if (expiredTraining > 0) gaps.push('training_expired');
  if (current.contact_point === 0) gaps.push('no_contact_point');
  if (current.isao_membership === 0) gaps.push('no_isao_membership');
  if (lastReviewOn === null) gaps.push('no_process_review');
  if (overdueReviews > 0) gaps.push('process_review_overdue');
  return { today, current, expiredTraining, overdueReviews, raciActivitiesWithoutOneAccountable: withoutOne, lastReviewOn, gaps };
}
