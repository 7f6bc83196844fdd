/**
 * Dependency-Track-compatible upload: CI plugins name a "project" by UUID or by name and version.
 * In mamori a project is a release of a product: the UUID is the release id; the name is the
 * product name and the version the release version. `autoCreate` creates what is missing.
 */
import type { Actor } from '../core/domain/actor.js';
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

async function resolveRelease(ctx: ServiceContext, actor: Actor, ref: ProjectRef): Promise<Result<string>> {
  if (ref.project) return ok(ref.project);
  if (!ref.projectName || !ref.projectVersion)
    return err('request.invalid', 'Name the project: either "project" (release id) or "projectName" and "projectVersion".', {
      issues: [{ path: 'project', message: 'Give project, or projectName and projectVersion.' }],
    });
  const db = ctx.store.db;
  let product = await findProductByName(db, actor.organizationId, ref.projectName);
  if (!product) {
    if (!ref.autoCreate)
      return err('product.not_found', `No product "${ref.projectName}"; send autoCreate=true to create it.`);
    const org = await findOrganization(db, actor.organizationId);
    const created = await createProduct(ctx, actor, {
      name: ref.projectName,
      modelNumbers: [],
      manufacturer: org?.name ?? 'Unknown',
      deviceClass: null,
      isSamd: false,
      useEnvironments: [],
      connectivity: [],
      description: 'Created by an SBOM upload from CI (Dependency-Track-compatible endpoint).',
    });
    if (!created.ok) return created;
    product = created.value;
  }
  const release = await findReleaseByVersion(db, actor.organizationId, product.id, ref.projectVersion);
  if (release) return ok(release.id);
  if (!ref.autoCreate)
    return err('release.not_found', `${product.name} has no release "${ref.projectVersion}"; send autoCreate=true to create it.`);
  const created = await createRelease(ctx, actor, product.id, {
    version: ref.projectVersion,
    releaseDate: null,
    stage: 'development',
    endOfLife: null,
    endOfSupport: null,
    notes: '',
  });
  return created.ok ? ok(created.value.id) : created;
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
