/**
 * Audit entries for requests that change nothing but must still be traceable (ADR 0005, addendum):
 * a document issued (an export or a download: which one, to whom, in which format, with the SHA-256
 * of the bytes sent), and an attempt the actor's role does not allow (auth.forbidden). Ordinary reads
 * (pages, lists, details) are not recorded. Each entry is its own transaction on the hash chain.
 */
import type { Actor } from '../core/domain/actor.js';
import type { Permission } from '../core/domain/role.js';
import type { ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';

/** What a download is: the kind of document, and the entity it is about (the audit entry's entity). */
export interface IssuedDocument {
  /** The kind of document, e.g. `sbom_export`, `vex`, `compliance_report` (the `document` of the entry). */
  readonly document: string;
  readonly entityType: string;
  readonly entityId: string | null;
  /** The product and release the document is about, when the entity does not say by itself. */
  readonly productId?: string | null | undefined;
  readonly releaseId?: string | null | undefined;
  /** The format as asked for (`cyclonedx-1.6-json`, `csaf_vex`, `pdf` …), null for a file kept as uploaded. */
  readonly format: string | null;
  /** The other choices the request made (language, variant, catalog …), as given. */
  readonly options?: Readonly<Record<string, unknown>> | undefined;
  readonly fileName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

/** `export.download`: a document was issued to the actor. */
export async function recordDownload(ctx: ServiceContext, actor: Actor, d: IssuedDocument): Promise<void> {
  await ctx.store.transaction(async (trx) => {
    await recordAudit(ctx, trx, actor, {
      action: 'export.download',
      entityType: d.entityType,
      entityId: d.entityId,
      after: {
        document: d.document,
        format: d.format,
        ...(d.options && Object.keys(d.options).length > 0 ? { options: d.options } : {}),
        ...(d.productId ? { productId: d.productId } : {}),
        ...(d.releaseId ? { releaseId: d.releaseId } : {}),
        fileName: d.fileName,
        mediaType: d.mediaType,
        size: d.size,
        sha256: d.sha256,
        via: actor.via,
      },
    });
  });
}

/** A request the actor's role may not make; what it asked for, never its body. */
export interface RefusedRequest {
  readonly method: string;
  /** The route as declared (`/api/v1/products/:id`). */
  readonly route: string;
  /** The path as requested, without the query string. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** The permission the role lacks, when the refusal names it. */
  readonly permission: Permission | null;
  readonly productId?: string | null | undefined;
  readonly releaseId?: string | null | undefined;
}

/** `auth.forbidden`: the actor tried something their role does not allow; nothing was changed. */
export async function recordRefusal(ctx: ServiceContext, actor: Actor, r: RefusedRequest): Promise<void> {
  await ctx.store.transaction(async (trx) => {
    await recordAudit(ctx, trx, actor, {
      action: 'auth.forbidden',
      entityType: 'request',
      entityId: `${r.method} ${r.route}`,
      after: {
        method: r.method,
        route: r.route,
        path: r.path,
        params: r.params,
        permission: r.permission,
        role: actor.role,
        via: actor.via,
        ...(r.productId ? { productId: r.productId } : {}),
        ...(r.releaseId ? { releaseId: r.releaseId } : {}),
      },
    });
  });
}
