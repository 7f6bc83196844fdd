/**
 * Where the audit log links an entry's entity: its page in the app, or null when it has none (an API
 * token, the organisation) or the reader may not open it (the user list is for admins). Built from
 * the entity type and the subject the server derives (productId, releaseId).
 */
import { orgRecordKinds } from '../../../src/core/domain/org-records.js';
import type { AuditEntryT } from '../api/types.js';

const orgRecordKindSet: ReadonlySet<string> = new Set(orgRecordKinds);

export function auditSubjectPath(
  e: Pick<AuditEntryT, 'entityType' | 'entityId' | 'subject'>,
  reader: { readonly isAdmin: boolean },
): string | null {
  const { productId, releaseId } = e.subject;
  const enc = encodeURIComponent;
  const product = productId ? `/products/${enc(productId)}` : null;
  const release = product && releaseId ? `${product}/releases/${enc(releaseId)}` : null;
  switch (e.entityType) {
    case 'product':
      return product;
    case 'release':
    case 'component':
      return release;
    case 'sbom':
      return release && `${release}?tab=history`;
    case 'finding':
      return release && `${release}/triage`;
    case 'triage_proposal':
      return product;
    case 'threat_model':
      return product && `${product}/threats`;
    case 'risk':
      return product && `${product}/threats?tab=risks`;
    case 'control':
    case 'requirement':
    case 'verification_test':
      return product && `${product}/threats?tab=register`;
    case 'compliance_profile':
    case 'compliance_assessment':
    case 'compliance_evidence':
      return product && `${product}/compliance`;
    case 'annex_f_assessment':
    case 'annex_f_gap':
      return product && `${product}/compliance/annex-f`;
    case 'user':
      return reader.isAdmin ? '/users' : null;
    default:
      return orgRecordKindSet.has(e.entityType) ? '/organization/records' : null;
  }
}
