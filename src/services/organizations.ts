/** Organisations are the tenants: every record belongs to exactly one, and users see only their own. */
import { authorize, type Actor } from '../core/domain/actor.js';
import { isSlug, type Organization } from '../core/domain/organization.js';
import type { Page, PageRequest } from '../core/page.js';
import { err, ok, type Result } from '../core/result.js';
import { isUniqueViolation } from '../store/connect.js';
import {
  findOrganization,
  insertOrganization,
  listOrganizations as listOrganizationRows,
  updateOrganization as updateOrganizationRow,
} from '../store/repositories/organizations.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';

/** The operator: whoever runs `mamori` commands against the database directly. */
export function operatorActor(organizationId: string, name: string): Actor {
  return { userId: null, organizationId, role: 'admin', name: `operator:${name}`, via: 'operator' };
}

function nameIssue(name: string): Result<never> | null {
  const n = name.trim();
  return n === '' || n.length > 200
    ? err('request.invalid', 'The organisation name must have 1 to 200 characters.', {
        issues: [{ path: 'name', message: 'Use 1 to 200 characters.' }],
      })
    : null;
}

/** Operator-only (CLI): creates a tenant. */
export async function createOrganization(
  ctx: ServiceContext,
  operatorName: string,
  input: { slug: string; name: string },
): Promise<Result<Organization>> {
  const slug = input.slug.trim().toLowerCase();
  if (!isSlug(slug))
    return err('request.invalid', 'The short name may use a–z, 0–9 and "-", up to 63 characters.', {
      issues: [{ path: 'slug', message: 'Use a–z, 0–9 and "-", up to 63 characters.' }],
    });
  const bad = nameIssue(input.name);
  if (bad) return bad;
  const at = nowIso(ctx);
  const org: Organization = { id: ctx.newId(), slug, name: input.name.trim(), createdAt: at, updatedAt: at, archivedAt: null };
  try {
    await ctx.store.transaction(async (trx) => {
      await insertOrganization(trx, org);
      await recordAudit(ctx, trx, operatorActor(org.id, operatorName), {
        action: 'organization.create',
        entityType: 'organization',
        entityId: org.id,
        after: org,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return err('organization.slug_taken', `An organisation "${slug}" already exists.`);
    throw e;
  }
  return ok(org);
}

export async function listAllOrganizations(ctx: ServiceContext, page: PageRequest): Promise<Page<Organization>> {
  return listOrganizationRows(ctx.store.db, page);
}

export async function getOwnOrganization(ctx: ServiceContext, actor: Actor): Promise<Result<Organization>> {
  const auth = authorize(actor, 'organization.read');
  if (!auth.ok) return auth;
  const org = await findOrganization(ctx.store.db, actor.organizationId);
  return org ? ok(org) : err('organization.not_found', 'Your organisation no longer exists.');
}

export async function updateOwnOrganization(
  ctx: ServiceContext,
  actor: Actor,
  patch: { name?: string | undefined },
): Promise<Result<Organization>> {
  const auth = authorize(actor, 'organization.write');
  if (!auth.ok) return auth;
  if (patch.name !== undefined) {
    const bad = nameIssue(patch.name);
    if (bad) return bad;
  }
  return ctx.store.transaction(async (trx) => {
    const before = await findOrganization(trx, actor.organizationId);
    if (!before) return err('organization.not_found', 'Your organisation no longer exists.');
    const after: Organization = { ...before, name: patch.name?.trim() ?? before.name, updatedAt: nowIso(ctx) };
    await updateOrganizationRow(trx, after);
    await recordAudit(ctx, trx, actor, {
      action: 'organization.update',
      entityType: 'organization',
      entityId: after.id,
      before,
      after,
    });
    return ok(after);
  });
}
