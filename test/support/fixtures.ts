/** Small builders for test data, going through the real services. */
import type { Actor } from '../../src/core/domain/actor.js';
import type { ProductInput } from '../../src/core/domain/product.js';
import type { Role } from '../../src/core/domain/role.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createOrganization, operatorActor } from '../../src/services/organizations.js';
import { createUser } from '../../src/services/users.js';
import { actorFor } from '../../src/services/auth.js';

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export function productInput(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    name: unique('Infusion pump'),
    modelNumbers: ['IP-100'],
    manufacturer: 'Example Medical K.K.',
    deviceClass: 'III',
    isSamd: false,
    useEnvironments: ['hospital'],
    connectivity: ['wired_lan'],
    description: '',
    ...overrides,
  };
}

export const strongPassword = 'correct horse battery staple';

export interface Tenant {
  readonly organizationId: string;
  readonly operator: Actor;
  readonly admin: Actor;
  readonly editor: Actor;
  readonly viewer: Actor;
  readonly emails: Record<Role, string>;
}

/** An organisation with one user per role (password `strongPassword`). */
export async function seedTenant(ctx: ServiceContext, slug = unique('org').toLowerCase()): Promise<Tenant> {
  const org = await createOrganization(ctx, 'test', { slug, name: `Org ${slug}` });
  if (!org.ok) throw new Error(org.error.message);
  const operator = operatorActor(org.value.id, 'test');
  const actors = {} as Record<Role, Actor>;
  const emails = {} as Record<Role, string>;
  for (const role of ['admin', 'editor', 'viewer'] as const) {
    const email = `${role}@${slug}.example`;
    const created = await createUser(ctx, operator, { email, displayName: role, role, password: strongPassword });
    if (!created.ok) throw new Error(created.error.message);
    actors[role] = actorFor(created.value.user, 'session');
    emails[role] = email;
  }
  return { organizationId: org.value.id, operator, ...actors, emails };
}
