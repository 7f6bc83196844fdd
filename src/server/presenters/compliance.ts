/** Compliance records as the API shows them. */
import type { Assessment } from '../../core/compliance/assessment.js';
import { gapAnalysisView } from '../../core/compliance/gap.js';
import type { ComplianceReport } from '../../services/compliance.js';

export function presentAssessment(a: Assessment) {
  return { ...a, applicable: a.status !== 'not_applicable' };
}

export function presentGapAnalysis(report: ComplianceReport) {
  return gapAnalysisView(report.analysis, report.profile?.route ?? null);
}
