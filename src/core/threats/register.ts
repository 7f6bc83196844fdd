/**
 * Controls, security requirements and verification tests (IEC 81001-5-1 clauses 7.4, 5.2.1, 5.2.2,
 * 5.7.1–5.7.5). Each is a record of a product; links are by id (control → threats, requirement →
 * controls, test → requirements and threats).
 */
import type { Issue } from '../result.js';

export const controlTypes = ['design', 'defense_in_depth', 'compensating', 'information_for_users'] as const;
export type ControlType = (typeof controlTypes)[number];

export const controlStatuses = ['planned', 'implemented', 'verified'] as const;

export const requirementReviewStatuses = ['draft', 'in_review', 'approved', 'rejected'] as const;
export type RequirementReviewStatus = (typeof requirementReviewStatuses)[number];

/** IEC 81001-5-1 5.7.1 security requirement testing, 5.7.2 threat mitigation, 5.7.3 vulnerability, 5.7.4 penetration. */
export const testKinds = ['security_requirement', 'threat_mitigation', 'vulnerability', 'penetration'] as const;
export type TestKind = (typeof testKinds)[number];

export const testResults = ['not_run', 'passed', 'failed', 'inconclusive'] as const;
export type TestResult = (typeof testResults)[number];

/**
 * Tester independence (5.7.5, after IEC 62443-4-1 SVV-5): the same person as the developer, another
 * person in the same team, another department, or another organisation.
 */
export const independenceLevels = ['none', 'different_person', 'different_department', 'different_organization'] as const;
export type IndependenceLevel = (typeof independenceLevels)[number];

export interface Control {
  readonly id: string;
  readonly productId: string;
  readonly ref: string;
  readonly title: string;
  readonly description: string;
  readonly type: ControlType;
  readonly status: (typeof controlStatuses)[number];
  readonly threatIds: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RequirementReview {
  readonly status: RequirementReviewStatus;
  readonly by: string;
  readonly at: string;
  readonly comment: string;
}

export interface SecurityRequirement {
  readonly id: string;
  readonly productId: string;
  readonly ref: string;
  readonly title: string;
  readonly text: string;
  readonly controlIds: readonly string[];
  readonly reviewStatus: RequirementReviewStatus;
  /** Every review decision, oldest first (5.2.2 review and approval records). */
  readonly reviews: readonly RequirementReview[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface VerificationTest {
  readonly id: string;
  readonly productId: string;
  readonly ref: string;
  readonly title: string;
  readonly kind: TestKind;
  readonly procedure: string;
  readonly requirementIds: readonly string[];
  readonly threatIds: readonly string[];
  readonly result: TestResult;
  readonly executedOn: string | null;
  readonly tester: string;
  readonly independence: IndependenceLevel;
  readonly notes: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function testIssues(t: Pick<VerificationTest, 'result' | 'executedOn' | 'tester'>): Issue[] {
  const issues: Issue[] = [];
  if (t.result !== 'not_run' && !t.executedOn)
    issues.push({ path: 'executedOn', message: 'A test with a result needs the date it was run.' });
  if (t.result !== 'not_run' && !t.tester.trim())
    issues.push({ path: 'tester', message: 'A test with a result needs the tester.' });
  return issues;
}
