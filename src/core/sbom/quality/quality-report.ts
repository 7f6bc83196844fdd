/**
 * The result of evaluating an SBOM against a quality profile. Plain data, deterministic order:
 * checks in profile order, components in document order (depth-first, nested ones after their
 * parent), fixes in impact order (see evaluate-quality.ts).
 */
import type {
  CheckLevel,
  CheckSeverity,
  CheckSource,
  CheckStatus,
  LocalizedText,
  QualityProfileId,
} from './check.js';

export interface ComponentFailure {
  readonly bomRef: string;
  /** npm scope, Maven groupId and the like (CycloneDX `group`): "@babel" of "@babel/types". */
  readonly group: string | null;
  readonly name: string;
  readonly version: string | null;
  readonly detail: string | null;
}

export interface CheckResult {
  readonly id: string;
  readonly level: CheckLevel;
  readonly severity: CheckSeverity;
  readonly title: LocalizedText;
  readonly explanation: LocalizedText;
  readonly source: CheckSource;
  readonly fix: LocalizedText;
  /** Component checks: `fail` when at least one component fails, `not-applicable` when none was applicable. */
  readonly status: CheckStatus;
  /** Document checks: what was missing or wrong. Component checks: null (see failingComponents). */
  readonly detail: string | null;
  /** Component checks: components the check applied to, passed and failed. Document checks: 0. */
  readonly evaluated: number;
  readonly passed: number;
  readonly failed: number;
  /** The first `maxListedComponents` failing components, in document order; `failed` is the full count. */
  readonly failingComponents: readonly ComponentFailure[];
  /** Share of this check that passes, 0–100 (document check: 0 or 100); null when not applicable. */
  readonly score: number | null;
}

export interface ComponentCheckResult {
  readonly checkId: string;
  readonly status: CheckStatus;
  readonly detail: string | null;
}

export interface ComponentResult {
  readonly bomRef: string;
  readonly group: string | null;
  readonly name: string;
  readonly version: string | null;
  /** Nesting depth (0 for top-level components). */
  readonly depth: number;
  /** `fail` when any required component check fails for this component. */
  readonly status: 'pass' | 'fail';
  readonly failedRequired: readonly string[];
  readonly failedRecommended: readonly string[];
  readonly results: readonly ComponentCheckResult[];
}

export interface FixItem {
  readonly checkId: string;
  readonly level: CheckLevel;
  readonly severity: CheckSeverity;
  readonly title: LocalizedText;
  readonly fix: LocalizedText;
  /** Component checks: how many components this fix repairs. Document checks: null. */
  readonly componentsRepaired: number | null;
  /** Points the overall score would gain if this check passed everywhere. */
  readonly scoreGain: number;
}

export interface QualityScore {
  /** Weighted over all applicable checks, 0–100, one decimal. */
  readonly overall: number;
  /** Weighted over the applicable document checks; null when there are none. */
  readonly document: number | null;
  /** Weighted over the applicable component checks; null when there are none (e.g. no components). */
  readonly components: number | null;
}

export interface QualityReport {
  readonly profile: {
    readonly id: QualityProfileId;
    readonly title: LocalizedText;
    readonly source: LocalizedText;
    readonly versionDate: string;
  };
  /** `fail` when any required check fails. */
  readonly verdict: 'pass' | 'fail';
  readonly score: QualityScore;
  readonly counts: {
    readonly components: number;
    readonly componentsFailing: number;
    readonly checks: number;
    readonly requiredFailed: number;
    readonly recommendedFailed: number;
  };
  readonly checks: readonly CheckResult[];
  readonly components: readonly ComponentResult[];
  readonly fixes: readonly FixItem[];
}
