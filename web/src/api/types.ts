/** Types of the HTTP API, inferred from the zod contract (the single source of truth). */
import type { z } from 'zod';
import type { AuditEntry, AuditFilterQuery } from '../../../src/contract/audit.js';
import type { Problem } from '../../../src/contract/common.js';
import type { Organization } from '../../../src/contract/organizations.js';
import type { Product, ProductCreate, ProductPatch } from '../../../src/contract/products.js';
import type { Release, ReleaseCreate, ReleasePatch } from '../../../src/contract/releases.js';
import type {
  ComponentCreate,
  ComponentListQuery,
  ComponentPage,
  ComponentPatch,
  ComponentView,
  ExportQuery,
  QualityProfileSummary,
  SbomDetail,
  SbomDiagnostic,
  SbomSummary,
} from '../../../src/contract/sboms.js';
import type { Session } from '../../../src/contract/session.js';
import type { ApiToken, OwnedApiToken, TokenCreate, TokenCreated } from '../../../src/contract/tokens.js';
import type { PasswordReset, User, UserCreate, UserCreated, UserPatch } from '../../../src/contract/users.js';

export type ProductT = z.infer<typeof Product>;
export type ProductCreateT = z.input<typeof ProductCreate>;
export type ProductPatchT = z.input<typeof ProductPatch>;
export type ReleaseT = z.infer<typeof Release>;
export type ReleaseCreateT = z.input<typeof ReleaseCreate>;
export type ReleasePatchT = z.input<typeof ReleasePatch>;
export type SessionT = z.infer<typeof Session>;
export type UserT = z.infer<typeof User>;
export type UserCreateT = z.input<typeof UserCreate>;
export type UserCreatedT = z.infer<typeof UserCreated>;
export type UserPatchT = z.input<typeof UserPatch>;
export type PasswordResetT = z.infer<typeof PasswordReset>;
export type ApiTokenT = z.infer<typeof ApiToken>;
export type OwnedApiTokenT = z.infer<typeof OwnedApiToken>;
export type TokenCreateT = z.input<typeof TokenCreate>;
export type TokenCreatedT = z.infer<typeof TokenCreated>;
export type AuditEntryT = z.infer<typeof AuditEntry>;
export type AuditFilterT = z.input<typeof AuditFilterQuery>;
export type OrganizationT = z.infer<typeof Organization>;
export type ProblemT = z.infer<typeof Problem>;

export interface PageT<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export type Archived = 'exclude' | 'include' | 'only';
export type Locale = 'ja' | 'en';

// SBOMs and components
export type {
  CheckResult as QualityCheckT,
  ComponentFailure as QualityComponentFailureT,
  FixItem as QualityFixT,
  QualityReport as QualityReportT,
} from '../../../src/core/sbom/quality/quality-report.js';
export type {
  ComponentChange as ComponentChangeT,
  DiffComponentRef as DiffComponentRefT,
  FieldChange as FieldChangeT,
  PrimaryComponentDiff as PrimaryComponentDiffT,
  SbomDiff as SbomDiffT,
} from '../../../src/core/sbom/diff.js';
export type SbomSummaryT = z.infer<typeof SbomSummary>;
export type SbomDetailT = z.infer<typeof SbomDetail>;
export type SbomDiagnosticT = z.infer<typeof SbomDiagnostic>;
export type ComponentT = z.infer<typeof ComponentView>;
export type ComponentPageT = z.infer<typeof ComponentPage>;
export type ComponentCreateT = z.input<typeof ComponentCreate>;
export type ComponentPatchT = z.input<typeof ComponentPatch>;
export type ComponentSortT = z.infer<typeof ComponentListQuery>['sort'];
export type ComponentTypeT = ComponentT['type'];
export type ComponentQueryT = {
  q?: string;
  type?: ComponentTypeT;
  origin?: ComponentT['origin'];
  sort?: ComponentSortT;
  direction?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
};
export type QualityProfileT = z.infer<typeof QualityProfileSummary>;
export type ExportFormatT = NonNullable<z.input<typeof ExportQuery>['format']>;
export type ExportVariantT = NonNullable<z.input<typeof ExportQuery>['variant']>;
