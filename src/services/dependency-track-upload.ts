/**
 * Dependency-Track-compatible upload: CI plugins name a "project" by UUID or by name and version.
 * In mamori a project is a release of a product: the UUID is the release id; the name is the
 * product name and the version the release version. `autoCreate` creates what is missing.
 */
import { authorize, type Actor } from '../core/domain/actor.js';
import type { Product } from '../core/domain/product.js';
import { err, ok, type Result } from '../core/result.js';
import { findProductByName } from '../store/repositories/products.js';
import { findReleaseByVersion } from '../store/repositories/releases.js';
import { findOrganization } from '../store/repositories/organizations.js';
import type { ServiceContext } from './context.js';
import { createProduct } from './products.js';
import { createRelease } from './releases.js';
import { checkSbom, uploadSbom, type SbomRecord } from './sboms.js';

export interface ProjectRef {
  readonly project?: string | undefined;
  readonly projectName?: string | undefined;
  readonly projectVersion?: string | undefined;
  readonly autoCreate: boolean;
}

/**
 * The product named `name`, created when it is missing. Find-or-create is idempotent, as in
 * Dependency-Track: when parallel uploads (a CI matrix) all find no product and all try to create
 * it, one transaction wins the unique constraint; the others roll back (their audit entries with
 * them) and take the product that won. Only this path does so; the products API keeps its 409.
 */
async function findOrCreateProduct(ctx: ServiceContext, actor: Actor, name: string, autoCreate: boolean): Promise<Result<Product>> {
  const db = ctx.store.db;
  const found = await findProductByName(db, actor.organizationId, name);
  if (found) return ok(found);
  if (!autoCreate) return err('product.not_found', `No product "${name}"; send autoCreate=true to create it.`);
  const org = await findOrganization(db, actor.organizationId);
  const created = await createProduct(ctx, actor, {
    name,
    modelNumbers: [],
    manufacturer: org?.name ?? 'Unknown',
    deviceClass: null,
    isSamd: false,
    useEnvironments: [],
    connectivity: [],
    description: 'Created by an SBOM upload from CI (Dependency-Track-compatible endpoint).',
  });
  if (created.ok || created.error.code !== 'product.name_taken') return created;
  const winner = await findProductByName(db, actor.organizationId, name);
  return winner ? ok(winner) : created;
}

/** The release `version` of `product`, created when it is missing; idempotent like findOrCreateProduct. */
async function findOrCreateRelease(ctx: ServiceContext, actor: Actor, product: Product, version: string, autoCreate: boolean): Promise<Result<string>> {
  const db = ctx.store.db;
  const found = await findReleaseByVersion(db, actor.organizationId, product.id, version);
  if (found) return ok(found.id);
  if (!autoCreate) return err('release.not_found', `${product.name} has no release "${version}"; send autoCreate=true to create it.`);
  const created = await createRelease(ctx, actor, product.id, {
    version,
    releaseDate: null,
    stage: 'development',
    endOfLife: null,
    endOfSupport: null,
    notes: '',
  });
  if (created.ok) return ok(created.value.id);
  if (created.error.code !== 'release.version_taken') return created;
  const winner = await findReleaseByVersion(db, actor.organizationId, product.id, version);
  return winner ? ok(winner.id) : created;
}

async function resolveRelease(ctx: ServiceContext, actor: Actor, ref: ProjectRef): Promise<Result<string>> {
  if (ref.project) return ok(ref.project);
  // Looked up as they are stored (the product and release services trim them), so a re-run finds them.
  const name = ref.projectName?.trim();
  const version = ref.projectVersion?.trim();
  if (!name || !version)
    return err('request.invalid', 'Name the project: either "project" (release id) or "projectName" and "projectVersion".', {
      issues: [{ path: 'project', message: 'Give project, or projectName and projectVersion.' }],
    });
  const product = await findOrCreateProduct(ctx, actor, name, ref.autoCreate);
  if (!product.ok) return product;
  return findOrCreateRelease(ctx, actor, product.value, version, ref.autoCreate);
}

/**
 * The stored file name of a BOM sent as JSON (which has none): `<project name>-<project version>.bom`,
 * each trimmed as the product and the release are looked up ("Infusion Pump IP-200 " names the
 * product "Infusion Pump IP-200" and so the file), `bom` without a project name.
 */
export function dependencyTrackFileName(projectName: string | undefined, projectVersion: string | undefined): string {
  const name = projectName?.trim() || 'bom';
  const version = projectVersion?.trim() ?? '';
  return `${name}-${version}.bom`;
}

export async function uploadSbomForProject(
  ctx: ServiceContext,
  actor: Actor,
  ref: ProjectRef,
  bytes: Uint8Array,
  fileName: string,
  limits?: Parameters<typeof uploadSbom>[4],
): Promise<Result<SbomRecord>> {
  const upload = { bytes, fileName, source: 'ci' as const };
  // Check the document before anything is created, so a refused BOM leaves no empty product behind.
  const checked = checkSbom(upload, limits);
  if (!checked.ok) return checked;
  const release = await resolveRelease(ctx, actor, ref);
  if (!release.ok) return release;
  return uploadSbom(ctx, actor, release.value, upload, limits, checked.value);
}

/**
 * The release named the Dependency-Track way, as DT's `GET /api/v1/project/lookup?name=&version=`
 * answers it (QA secops 4): `uuid` is the release id, `name` the product's, `version` the release's.
 * Name and version are trimmed, as uploads store them. Nothing is created.
 */
export async function lookupProject(ctx: ServiceContext, actor: Actor, name: string, version: string): Promise<Result<{ uuid: string; name: string; version: string }>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  const db = ctx.store.db;
  const product = await findProductByName(db, actor.organizationId, name.trim());
  if (!product) return err('product.not_found', `No product "${name.trim()}".`);
  const release = await findReleaseByVersion(db, actor.organizationId, product.id, version.trim());
  if (!release) return err('release.not_found', `${product.name} has no release "${version.trim()}".`);
  return ok({ uuid: release.id, name: product.name, version: release.version });
}
