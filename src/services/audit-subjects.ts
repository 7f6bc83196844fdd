/**
 * What each audit entry of a page is about, for people reading the log: the entity's name, the
 * product and release it belongs to (named, and by id for links). Taken from the entry itself
 * (core/domain/audit-subject.ts) and, where it records no name or no product, from the entity as
 * stored now: a few statements for the whole page (store/repositories/audit-subjects.ts).
 */
import { auditSubjectHint, type AuditSubjectHint } from '../core/domain/audit-subject.js';
import type { AuditEntry } from '../core/domain/audit.js';
import type { Db } from '../store/database.js';
import {
  findingNames,
  organizationName,
  productNames,
  releaseNames,
  riskProducts,
  triageProposalNames,
  userEmails,
} from '../store/repositories/audit-subjects.js';

export interface AuditSubject {
  /** The entity's name: a product's name, a release's version, a finding's vulnerability and component. */
  readonly label: string | null;
  /** Where it belongs: the product (and release) name. */
  readonly context: string | null;
  readonly productId: string | null;
  readonly releaseId: string | null;
}

/** Entity types whose entity id is the product's. */
const productEntities: ReadonlySet<string> = new Set(['product', 'compliance_profile', 'annex_f_assessment']);
/** Entity types that belong to one release. */
const releaseParts: ReadonlySet<string> = new Set(['sbom', 'component', 'finding']);

const join = (...parts: (string | null | undefined)[]): string | null => {
  const text = parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
  return text === '' ? null : text;
};

export async function auditSubjects(db: Db, organizationId: string, entries: readonly AuditEntry[]): Promise<AuditSubject[]> {
  const hints = entries.map((e) => auditSubjectHint(e));
  const lacking = (type: string, missing: (h: AuditSubjectHint) => boolean) =>
    entries.flatMap((e, i) => (e.entityType === type && e.entityId !== null && missing(hints[i]!) ? [e.entityId] : []));

  const [findings, users, proposals, risks, orgName] = await Promise.all([
    findingNames(db, organizationId, lacking('finding', () => true)),
    userEmails(db, organizationId, lacking('user', (h) => h.label === null)),
    triageProposalNames(db, organizationId, lacking('triage_proposal', (h) => h.label === null || h.productId === null)),
    riskProducts(db, organizationId, lacking('risk', (h) => h.productId === null)),
    entries.some((e, i) => e.entityType === 'organization' && e.entityId === organizationId && hints[i]!.label === null)
      ? organizationName(db, organizationId)
      : Promise.resolve(null),
  ]);

  // The entry's own facts, completed from the lookups above.
  const partial = entries.map((e, i) => {
    const h = hints[i]!;
    const id = e.entityId ?? '';
    switch (e.entityType) {
      case 'finding': {
        const f = findings.get(id);
        return { ...h, label: f ? join(f.vulnerabilityId, f.componentName, f.componentVersion) : null, releaseId: h.releaseId ?? f?.releaseId ?? null };
      }
      case 'user':
        return { ...h, label: h.label ?? users.get(id) ?? null };
      case 'triage_proposal': {
        const p = proposals.get(id);
        return { ...h, label: h.label ?? p?.vulnerabilityId ?? null, productId: h.productId ?? p?.productId ?? null };
      }
      case 'risk':
        return { ...h, productId: h.productId ?? risks.get(id) ?? null };
      case 'organization':
        return { ...h, label: h.label ?? (id === organizationId ? orgName : null) };
      default:
        return h;
    }
  });

  const releases = await releaseNames(db, organizationId, partial.flatMap((p) => (p.releaseId ? [p.releaseId] : [])));
  const withProduct = partial.map((p) => ({ ...p, productId: p.productId ?? (p.releaseId ? releases.get(p.releaseId)?.productId : null) ?? null }));
  const products = await productNames(db, organizationId, withProduct.flatMap((p) => (p.productId ? [p.productId] : [])));

  return entries.map((e, i) => {
    const p = withProduct[i]!;
    const product = p.productId ? (products.get(p.productId) ?? null) : null;
    const release = p.releaseId ? releases.get(p.releaseId) : undefined;
    if (productEntities.has(e.entityType)) return { label: p.label ?? product, context: null, productId: p.productId, releaseId: null };
    if (e.entityType === 'release') return { label: p.label ?? release?.version ?? null, context: product, productId: p.productId, releaseId: p.releaseId };
    if (releaseParts.has(e.entityType)) return { label: p.label, context: join(product, release?.version), productId: p.productId, releaseId: p.releaseId };
    return { label: p.label, context: product, productId: p.productId, releaseId: p.releaseId };
  });
}
