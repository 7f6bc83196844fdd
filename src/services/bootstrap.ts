/**
 * First start: when the database holds no organisation, create one and its first admin with a
 * one-time password, which the caller prints once. There is never a default password.
 */
import type { Organization } from '../core/domain/organization.js';
import type { User } from '../core/domain/user.js';
import { countOrganizations } from '../store/repositories/organizations.js';
import type { ServiceContext } from './context.js';
import { createOrganization, operatorActor } from './organizations.js';
import { createUser } from './users.js';

export interface FirstRun {
  readonly organization: Organization;
  readonly admin: User;
  readonly oneTimePassword: string;
}

export async function ensureFirstAdmin(
  ctx: ServiceContext,
  options: { email: string; organizationName: string; operatorName: string },
): Promise<FirstRun | null> {
  if ((await countOrganizations(ctx.store.db)) > 0) return null;
  const org = await createOrganization(ctx, options.operatorName, { slug: 'default', name: options.organizationName });
  if (!org.ok) throw new Error(`First-run setup failed: ${org.error.message}`);
  const created = await createUser(ctx, operatorActor(org.value.id, options.operatorName), {
    email: options.email,
    displayName: 'Administrator',
    role: 'admin',
  });
  if (!created.ok) throw new Error(`First-run setup failed: ${created.error.message}`);
  return { organization: org.value, admin: created.value.user, oneTimePassword: created.value.oneTimePassword! };
}
