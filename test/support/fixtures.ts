/** Small builders for test data, going through the real services. */
import { readFileSync } from 'node:fs';
import type { Actor } from '../../src/core/domain/actor.js';
import type { ProductInput } from '../../src/core/domain/product.js';
import type { Role } from '../../src/core/domain/role.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createOrganization, operatorActor } from '../../src/services/organizations.js';
import { createProduct } from '../../src/services/products.js';
import { createRelease } from '../../src/services/releases.js';
import { uploadSbom } from '../../src/services/sboms.js';
import { createUser } from '../../src/services/users.js';
import { actorFor } from '../../src/services/auth.js';

/** test/fixtures/sbom-small.cdx.json: CycloneDX with lodash 4.17.20 (npm), FreeRTOS 10.4.3 (no purl) and requests 2.31.0 (PyPI). */
export const smallSbom: Buffer = readFileSync(new URL('../fixtures/sbom-small.cdx.json', import.meta.url));

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

/**
 * Through the services as the tenant's editor: a product, a release `version` of it in development,
 * and `sbom` (the small SBOM unless given) uploaded to it, not analysed. Returns the release's id.
 */
export async function releaseWithSbom(ctx: ServiceContext, tenant: Tenant, version = '1.0.0', sbom: Uint8Array = smallSbom): Promise<string> {
  const p = await createProduct(ctx, tenant.editor, productInput());
  if (!p.ok) throw new Error('setup');
  const r = await createRelease(ctx, tenant.editor, p.value.id, { version, releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
  if (!r.ok) throw new Error('setup');
  // A copy of its own, as a request's body would be.
  const u = await uploadSbom(ctx, tenant.editor, r.value.id, { bytes: new Uint8Array(sbom), fileName: 'bom.json', source: 'upload' });
  if (!u.ok) throw new Error(JSON.stringify(u.error));
  return r.value.id;
}
