/**
 * What an audit entry is about, as a person reads it: the entity's name (a product's name, a
 * release's version, a control's reference and title) and the product and release it belongs to,
 * taken from what the entry itself recorded (its `after`, else its `before`). Entries that record no
 * name (a login, a triage decision on a finding, an analysis of a release) leave it null; the audit
 * service then looks the entity up (services/audit-subjects.ts). Derived when read, never stored, so
 * it is not part of the hash input.
 */
import { orgRecordKinds, type OrgRecordKind } from './org-records.js';

export interface AuditSubjectHint {
  /** The entity's own name as the entry records it, or null. */
  readonly label: string | null;
  /** The product the entity belongs to (or is), when the entry says. */
  readonly productId: string | null;
  /** The release the entity belongs to (or is), when the entry says. */
  readonly releaseId: string | null;
}

/** Labels longer than this are cut (a gap's description, an evidence title). */
export const auditLabelMaxLength = 120;

type Json = Record<string, unknown>;

const record = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;

function text(o: Json | null, key: string): string | null {
  const v = o?.[key];
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** The non-empty parts joined by a space, cut to auditLabelMaxLength; null when all are empty. */
function joined(...parts: (string | null)[]): string | null {
  const label = parts.filter((p): p is string => p !== null).join(' ');
  if (label === '') return null;
  const chars = [...label];
  return chars.length > auditLabelMaxLength ? `${chars.slice(0, auditLabelMaxLength - 1).join('')}…` : label;
}

/** The fields an organisation record is named by (as the records page names it). */
const orgRecordLabel: Record<OrgRecordKind, readonly string[]> = {
  committee_member: ['name'],
  raci_assignment: ['activity', 'party'],
  training_record: ['person', 'course'],
  contact_point: ['address'],
  isao_membership: ['organizationName'],
  process_review: ['process'],
};

const isOrgRecordKind = (type: string): type is OrgRecordKind => (orgRecordKinds as readonly string[]).includes(type);

export function auditSubjectHint(entry: {
  readonly entityType: string;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}): AuditSubjectHint {
  const o = record(entry.after) ?? record(entry.before);
  const id = entry.entityId;
  const productId = text(o, 'productId');
  const releaseId = text(o, 'releaseId');
  const none = { label: null, productId, releaseId };
  switch (entry.entityType) {
    case 'product':
      return { label: joined(text(o, 'name')), productId: id, releaseId: null };
    case 'release':
      return { label: joined(text(o, 'version')), productId, releaseId: id };
    case 'sbom':
      return { label: joined(text(o, 'fileName')), productId, releaseId };
    case 'component': {
      const c = record(o?.['component']);
      return { label: joined(text(c, 'group'), text(c, 'name'), text(c, 'version')), productId, releaseId };
    }
    case 'threat_model': {
      const version = text(o, 'version');
      return { label: joined(text(o, 'label'), version === null ? null : `v${version}`), productId, releaseId: null };
    }
    case 'risk':
      return { label: joined(text(o, 'threatId')), productId, releaseId: null };
    case 'control':
    case 'requirement':
    case 'verification_test':
      return { label: joined(text(o, 'ref'), text(o, 'title')), productId, releaseId: null };
    case 'compliance_profile':
    case 'annex_f_assessment':
      // The entity id is the product's.
      return { label: null, productId: productId ?? id, releaseId: null };
    case 'compliance_assessment':
      return { label: joined(text(o, 'catalog'), text(o, 'entry')), productId, releaseId: null };
    case 'compliance_evidence':
      return { label: joined(text(o, 'title') ?? text(o, 'fileName')), productId, releaseId: null };
    case 'annex_f_gap':
      return { label: joined(text(o, 'entry'), text(o, 'description')), productId, releaseId: null };
    case 'triage_proposal':
      return { label: joined(text(o, 'vulnerabilityId')), productId, releaseId };
    case 'user':
      return { label: joined(text(o, 'email')), productId: null, releaseId: null };
    case 'api_token':
    case 'organization':
      return { label: joined(text(o, 'name')), productId: null, releaseId: null };
    default:
      if (isOrgRecordKind(entry.entityType))
        return { label: joined(...orgRecordLabel[entry.entityType].map((k) => text(o, k))), productId: null, releaseId: null };
      return none;
  }
}
