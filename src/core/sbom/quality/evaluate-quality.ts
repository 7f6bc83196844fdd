/**
 * Runs a quality profile over an SBOM.
 *
 * Components: every component in `doc.components`, nested ones included (walkComponents). The
 * primary component (metadata.component) is judged by the document checks, not by the component
 * checks, matching countComponents.
 *
 * Score (0–100, one decimal):
 * - each applicable check gets a ratio: a document check 1 (pass) or 0 (fail); a component check
 *   passed / evaluated over the components it applies to (not-applicable ones are left out);
 * - each check has a weight: 2 when `required`, 1 when `recommended`;
 * - score = 100 × Σ(weight × ratio) / Σ(weight) over the applicable checks. `overall` uses all of
 *   them, `document` and `components` only their level (null when none applies).
 * A check that applies to nothing (no components, or no purl/CPE to validate) leaves the score alone.
 *
 * Verdict: `fail` when any required check fails (document check failing, or any component
 * failing a required component check).
 *
 * Fix-it list: one entry per failing check, ordered by (1) required before recommended, because
 * only those change the verdict; (2) impact: for component checks the number of components the
 * fix repairs, and a document check counts as touching every component (it is one edit that
 * affects the whole SBOM); (3) score gain; (4) profile order.
 */
import { walkComponents, type SbomDocument } from '../model.js';
import type { CheckSeverity, CheckStatus, QualityCheck, QualityContext, QualityProfileId } from './check.js';
import { getProfile } from './profiles.js';
import type {
  CheckResult,
  ComponentCheckResult,
  ComponentFailure,
  ComponentResult,
  FixItem,
  QualityReport,
} from './quality-report.js';

export const defaultMaxListedComponents = 20;

export interface EvaluateQualityOptions {
  /** How many failing components each check lists (the count is always complete). Default 20. */
  readonly maxListedComponents?: number;
}

export const checkWeight: Readonly<Record<CheckSeverity, number>> = { required: 2, recommended: 1 };

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

interface Tally {
  evaluated: number;
  passed: number;
  failed: number;
  failing: ComponentFailure[];
}

export function evaluateQuality(
  doc: SbomDocument,
  profileId: QualityProfileId,
  context: QualityContext = {},
  options: EvaluateQualityOptions = {},
): QualityReport {
  const profile = getProfile(profileId);
  const cap = Math.max(0, options.maxListedComponents ?? defaultMaxListedComponents);
  const componentChecks = profile.checks.filter((c) => c.level === 'component');
  const tallies = new Map<string, Tally>(
    componentChecks.map((c) => [c.id, { evaluated: 0, passed: 0, failed: 0, failing: [] }]),
  );

  const components: ComponentResult[] = [];
  for (const { component, parents } of walkComponents(doc.components)) {
    const results: ComponentCheckResult[] = [];
    const failedRequired: string[] = [];
    const failedRecommended: string[] = [];
    for (const check of componentChecks) {
      const result = check.evaluate(component, doc, context);
      results.push({ checkId: check.id, status: result.status, detail: result.detail });
      if (result.status === 'not-applicable') continue;
      const tally = tallies.get(check.id)!;
      tally.evaluated += 1;
      if (result.status === 'pass') {
        tally.passed += 1;
      } else {
        tally.failed += 1;
        if (tally.failing.length < cap) {
          tally.failing.push({
            bomRef: component.bomRef,
            group: component.group,
            name: component.name,
            version: component.version,
            detail: result.detail,
          });
        }
        (check.severity === 'required' ? failedRequired : failedRecommended).push(check.id);
      }
    }
    components.push({
      bomRef: component.bomRef,
      group: component.group,
      name: component.name,
      version: component.version,
      depth: parents.length,
      status: failedRequired.length > 0 ? 'fail' : 'pass',
      failedRequired,
      failedRecommended,
      results,
    });
  }

  const checks: CheckResult[] = profile.checks.map((check) =>
    resultFor(check, doc, context, tallies.get(check.id)),
  );

  const weighted = (level: 'document' | 'component' | null) => {
    let num = 0;
    let den = 0;
    for (const r of checks) {
      const ratio = exactScore(r);
      if (ratio === null || (level !== null && r.level !== level)) continue;
      num += checkWeight[r.severity] * ratio;
      den += checkWeight[r.severity];
    }
    return { num, den };
  };
  const all = weighted(null);
  const docPart = weighted('document');
  const compPart = weighted('component');
  const score = {
    overall: all.den === 0 ? 100 : round1(all.num / all.den),
    document: docPart.den === 0 ? null : round1(docPart.num / docPart.den),
    components: compPart.den === 0 ? null : round1(compPart.num / compPart.den),
  };

  const order = new Map(profile.checks.map((c, i) => [c.id, i]));
  const fixes: FixItem[] = checks
    .filter((r) => r.status === 'fail')
    .map((r) => ({
      checkId: r.id,
      level: r.level,
      severity: r.severity,
      title: r.title,
      fix: r.fix,
      componentsRepaired: r.level === 'component' ? r.failed : null,
      scoreGain:
        all.den === 0 ? 0 : round1((checkWeight[r.severity] * (100 - (exactScore(r) ?? 0))) / all.den),
    }));
  const impact = (f: FixItem) => f.componentsRepaired ?? components.length;
  fixes.sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'required' ? -1 : 1) ||
      impact(b) - impact(a) ||
      b.scoreGain - a.scoreGain ||
      order.get(a.checkId)! - order.get(b.checkId)!,
  );

  const failedOf = (severity: CheckSeverity) =>
    checks.filter((r) => r.status === 'fail' && r.severity === severity).length;
  const requiredFailed = failedOf('required');
  return {
    profile: {
      id: profile.id,
      title: profile.title,
      source: profile.source,
      versionDate: profile.versionDate,
    },
    verdict: requiredFailed > 0 ? 'fail' : 'pass',
    score,
    counts: {
      components: components.length,
      componentsFailing: components.filter((c) => c.status === 'fail').length,
      checks: checks.length,
      requiredFailed,
      recommendedFailed: failedOf('recommended'),
    },
    checks,
    components,
    fixes,
  };
}

function resultFor(
  check: QualityCheck,
  doc: SbomDocument,
  context: QualityContext,
  tally: Tally | undefined,
): CheckResult {
  const base = {
    id: check.id,
    level: check.level,
    severity: check.severity,
    title: check.title,
    explanation: check.explanation,
    source: check.source,
    fix: check.fix,
  };
  if (check.level === 'document') {
    const result = check.evaluate(doc, context);
    const score = result.status === 'not-applicable' ? null : result.status === 'pass' ? 100 : 0;
    return {
      ...base,
      status: result.status,
      detail: result.detail,
      evaluated: 0,
      passed: 0,
      failed: 0,
      failingComponents: [],
      score,
    };
  }
  const t = tally ?? { evaluated: 0, passed: 0, failed: 0, failing: [] };
  const status: CheckStatus = t.evaluated === 0 ? 'not-applicable' : t.failed > 0 ? 'fail' : 'pass';
  return {
    ...base,
    status,
    detail: null,
    evaluated: t.evaluated,
    passed: t.passed,
    failed: t.failed,
    failingComponents: t.failing,
    score: t.evaluated === 0 ? null : round1((100 * t.passed) / t.evaluated),
  };
}

/** The unrounded 0–100 share of a check, so rounding happens once, on the totals. */
function exactScore(r: CheckResult): number | null {
  if (r.score === null) return null;
  return r.level === 'document' ? r.score : (100 * r.passed) / r.evaluated;
}
