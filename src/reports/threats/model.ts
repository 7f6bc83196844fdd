/** What the security risk report is rendered from (gathered by export.ts from the threat services). */
import type { Product } from '../../core/domain/product.js';
import type { ThreatModelVersion } from '../../core/threats/model.js';
import type { SecurityContext } from '../../core/threats/security-context.js';
import type { TraceabilityMatrix } from '../../core/threats/traceability.js';
import type { RiskRegister } from '../../services/threats.js';

export interface ThreatReportData {
  readonly organization: { readonly id: string; readonly name: string };
  readonly product: Product;
  readonly context: SecurityContext;
  readonly version: ThreatModelVersion;
  readonly register: RiskRegister;
  readonly matrix: TraceabilityMatrix;
  readonly generatedAt: string;
  /** Who generated the document (the compliance documents' author line): `山田 太郎 <yamada@example.jp>`, or the operator / token name. */
  readonly generatedBy: string;
}
