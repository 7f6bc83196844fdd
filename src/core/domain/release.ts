/**
 * A release is one version of a product. Its stage in the total product life cycle (TPLC) decides
 * what the manufacturer still owes the field: full support, limited support (security fixes or
 * information only), or end of support (MHLW guidance: legacy devices; FDA TPLC).
 */
import type { Issue } from '../result.js';

export const tplcStages = ['development', 'support', 'limited_support', 'end_of_support'] as const;
export type TplcStage = (typeof tplcStages)[number];

export interface Release {
  readonly id: string;
  readonly productId: string;
  readonly version: string;
  /** ISO date (YYYY-MM-DD) of release to the market; null while in development. */
  readonly releaseDate: string | null;
  readonly stage: TplcStage;
  /** End of life: the date after which the product is no longer sold or supplied. */
  readonly endOfLife: string | null;
  /** End of support: the date after which no security updates or information are provided. */
  readonly endOfSupport: string | null;
  readonly notes: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archivedAt: string | null;
}

export interface ReleaseInput {
  readonly version: string;
  readonly releaseDate: string | null;
  readonly stage: TplcStage;
  readonly endOfLife: string | null;
  readonly endOfSupport: string | null;
  readonly notes: string;
}

export const releaseLimits = { version: 100, notes: 5000 };

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = isoDate.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[mo - 1] ?? 0);
}

export function releaseIssues(input: ReleaseInput): Issue[] {
  const issues: Issue[] = [];
  if (input.version.trim() === '') issues.push({ path: 'version', message: 'Version must not be empty.' });
  for (const key of ['releaseDate', 'endOfLife', 'endOfSupport'] as const) {
    const v = input[key];
    if (v !== null && !isIsoDate(v)) issues.push({ path: key, message: 'Must be a date written YYYY-MM-DD.' });
  }
  if (issues.length > 0) return issues;
  if (input.stage !== 'development' && input.releaseDate === null)
    issues.push({ path: 'releaseDate', message: 'A release on the market needs its release date.' });
  if (input.releaseDate !== null) {
    if (input.endOfLife !== null && input.endOfLife < input.releaseDate)
      issues.push({ path: 'endOfLife', message: 'End of life cannot come before the release date.' });
    if (input.endOfSupport !== null && input.endOfSupport < input.releaseDate)
      issues.push({ path: 'endOfSupport', message: 'End of support cannot come before the release date.' });
  }
  if (input.stage === 'end_of_support' && input.endOfSupport === null)
    issues.push({ path: 'endOfSupport', message: 'A release at end of support needs its end-of-support date.' });
  return issues;
}

export function normalizeReleaseInput(input: ReleaseInput): ReleaseInput {
  return { ...input, version: input.version.trim(), notes: input.notes.trim() };
}
