/**
 * Vulnerability matching settings per product (migration 0010): CPE matching off, for components
 * without a usable purl (default), or for every component with a CPE; and per component (migration
 * 0012), CPE matching switched on or off whatever the product's mode, kept under the component's
 * `group/name` so it holds in every release. The findings service reads them for every analysis
 * and refresh; a change applies at the next analysis of each release.
 */
import { authorize, type Actor } from '../core/domain/actor.js';
import { err, ok, type Issue, type Result } from '../core/result.js';
import {
  componentCpeOverrides,
  cpeMatchingModes,
  defaultCpeMatching,
  type ComponentCpeOverride,
  type CpeMatchingMode,
} from '../core/vulns/finding.js';
import type { Db } from '../store/database.js';
import { findProduct } from '../store/repositories/products.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';

export interface ComponentOverride {
  /** `group/name` (or `name`): componentMatchKey of the components it applies to, in any release. */
  readonly component: string;
  readonly cpeMatching: ComponentCpeOverride;
}

/** At most this many component overrides per product. */
export const maxComponentOverrides = 1000;

export interface VulnSettings {
  readonly productId: string;
  readonly cpeMatching: CpeMatchingMode;
  /** Sorted by component. */
  readonly componentOverrides: readonly ComponentOverride[];
  /** Null while the product uses the defaults. */
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/** What the matcher needs of a release's product settings. */
export interface ReleaseCpeSettings {
  readonly mode: CpeMatchingMode;
  /** Component overrides by componentMatchKey. */
  readonly overrides: ReadonlyMap<string, ComponentCpeOverride>;
}

const noOverrides: ReadonlyMap<string, ComponentCpeOverride> = new Map();
export const defaultCpeSettings: ReleaseCpeSettings = { mode: defaultCpeMatching, overrides: noOverrides };

function parseOverrides(json: string | null | undefined): ComponentOverride[] {
  if (!json) return [];
  const list = JSON.parse(json) as ComponentOverride[];
  return Array.isArray(list) ? list : [];
}

/** The CPE matching settings of each given release's product (the defaults for products without settings). */
export async function cpeSettingsOfReleases(
  db: Db,
  organizationId: string,
  releaseIds: readonly string[],
): Promise<Map<string, ReleaseCpeSettings>> {
  const out = new Map<string, ReleaseCpeSettings>();
  if (releaseIds.length === 0) return out;
  const rows = await db
    .selectFrom('releases')
    .leftJoin('product_vuln_settings', 'product_vuln_settings.product_id', 'releases.product_id')
    .select([
      'releases.id as releaseId',
      'releases.product_id as productId',
      'product_vuln_settings.cpe_matching as mode',
      'product_vuln_settings.component_overrides_json as overrides',
    ])
    .where('releases.organization_id', '=', organizationId)
    .where('releases.id', 'in', [...new Set(releaseIds)])
    .execute();
  // One settings object per product, shared by its releases.
  const byProduct = new Map<string, ReleaseCpeSettings>();
  for (const r of rows) {
    let settings = byProduct.get(r.productId);
    if (!settings) {
      const list = parseOverrides(r.overrides);
      settings = {
        mode: r.mode ?? defaultCpeMatching,
        overrides: list.length === 0 ? noOverrides : new Map(list.map((o) => [o.component, o.cpeMatching])),
      };
      byProduct.set(r.productId, settings);
    }
    out.set(r.releaseId, settings);
  }
  return out;
}

async function read(db: Db, organizationId: string, productId: string): Promise<VulnSettings> {
  const row = await db
    .selectFrom('product_vuln_settings')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return row
    ? {
        productId,
        cpeMatching: row.cpe_matching,
        componentOverrides: parseOverrides(row.component_overrides_json),
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      }
    : {
        productId,
        cpeMatching: defaultCpeMatching,
        componentOverrides: [],
        updatedAt: null,
        updatedBy: null,
      };
}

const productNotFound = (id: string) =>
  err('product.not_found', `No product with id ${id}.`, { details: { id } });

export async function getVulnSettings(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
): Promise<Result<VulnSettings>> {
  const auth = authorize(actor, 'product.read');
  if (!auth.ok) return auth;
  if (!(await findProduct(ctx.store.db, actor.organizationId, productId))) return productNotFound(productId);
  return ok(await read(ctx.store.db, actor.organizationId, productId));
}

/** Problems of a list of component overrides (empty when it is valid). */
function overrideIssues(
  list: readonly { readonly component: string; readonly cpeMatching: string }[],
): Issue[] {
  const issues: Issue[] = [];
  if (list.length > maxComponentOverrides)
    issues.push({
      path: 'componentOverrides',
      message: `At most ${maxComponentOverrides} component overrides per product.`,
    });
  const seen = new Set<string>();
  list.forEach((o, i) => {
    const name = o.component.trim();
    if (name === '')
      issues.push({
        path: `componentOverrides.${i}.component`,
        message: 'Name the component (group/name, or name when it has no group).',
      });
    else if (name.length > 500)
      issues.push({ path: `componentOverrides.${i}.component`, message: 'At most 500 characters.' });
    else if (seen.has(name))
      issues.push({ path: `componentOverrides.${i}.component`, message: `"${name}" is listed twice.` });
    seen.add(name);
    if (!(componentCpeOverrides as readonly string[]).includes(o.cpeMatching))
      issues.push({
        path: `componentOverrides.${i}.cpeMatching`,
        message: `One of ${componentCpeOverrides.join(', ')}.`,
      });
  });
  return issues;
}

/**
 * Sets the product's CPE matching mode and, when `componentOverrides` is given, replaces its list of
 * component overrides (an absent list keeps the current one).
 */
export async function setVulnSettings(
  ctx: ServiceContext,
  actor: Actor,
  productId: string,
  input: {
    readonly cpeMatching: string;
    readonly componentOverrides?: readonly { readonly component: string; readonly cpeMatching: string }[];
  },
): Promise<Result<VulnSettings>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const issues: Issue[] = [];
  if (!(cpeMatchingModes as readonly string[]).includes(input.cpeMatching))
    issues.push({ path: 'cpeMatching', message: `One of ${cpeMatchingModes.join(', ')}.` });
  if (input.componentOverrides) issues.push(...overrideIssues(input.componentOverrides));
  if (issues.length > 0)
    return err('product.invalid', 'The vulnerability matching settings are not valid.', { issues });
  const mode = input.cpeMatching as CpeMatchingMode;
  return ctx.store.transaction(async (trx) => {
    const product = await findProduct(trx, actor.organizationId, productId);
    if (!product) return productNotFound(productId);
    if (product.archivedAt)
      return err('product.archived', 'Restore the product before changing its settings.');
    const before = await read(trx, actor.organizationId, productId);
    const overrides: ComponentOverride[] = input.componentOverrides
      ? input.componentOverrides
          .map((o) => ({ component: o.component.trim(), cpeMatching: o.cpeMatching as ComponentCpeOverride }))
          .sort((a, b) => (a.component < b.component ? -1 : a.component > b.component ? 1 : 0))
      : [...before.componentOverrides];
    const now = nowIso(ctx);
    const values = {
      cpe_matching: mode,
      component_overrides_json: JSON.stringify(overrides),
      updated_at: now,
      updated_by: actor.name,
    };
    if (before.updatedAt === null)
      await trx
        .insertInto('product_vuln_settings')
        .values({ product_id: productId, organization_id: actor.organizationId, ...values })
        .execute();
    else
      await trx
        .updateTable('product_vuln_settings')
        .set(values)
        .where('product_id', '=', productId)
        .execute();
    const after: VulnSettings = {
      productId,
      cpeMatching: mode,
      componentOverrides: overrides,
      updatedAt: now,
      updatedBy: actor.name,
    };
    await recordAudit(ctx, trx, actor, {
      action: 'vuln_settings.update',
      entityType: 'product',
      entityId: productId,
      before,
      after,
    });
    return ok(after);
  });
}
