/**
 * What a quality check is. A profile (one file per source document) is an ordered list of checks;
 * `evaluate-quality.ts` runs them. A check is pure: it reads the document (or one component of it)
 * and the optional context, and says pass, fail or not applicable, with a short language-neutral
 * detail (the offending value, the missing property name) when it fails.
 *
 * Texts are our own plain paraphrases in English and Japanese, never quotations of the standards.
 */
import type { Component, SbomDocument } from '../model.js';

export interface LocalizedText {
  readonly en: string;
  readonly ja: string;
}

/**
 * A source document's name as the UI language writes it: the same words in both for a document in
 * English (NTIA, CISA, FDA, BSI, OASIS), the issuer's name in the reader's language for one in
 * Japanese (`MHLW` / `厚生労働省`, the title kept as issued).
 */
export function sameInBothLanguages(text: string): LocalizedText {
  return { en: text, ja: text };
}

/**
 * Where a requirement comes from: the document's title (as the UI language writes it, see
 * `sameInBothLanguages`) and the section or data field in it, as the document names it.
 */
export interface CheckSource {
  readonly document: LocalizedText;
  readonly section: string;
}

export type CheckLevel = 'document' | 'component';

/** `required`: failing it fails the profile's verdict. `recommended`: it only lowers the score. */
export type CheckSeverity = 'required' | 'recommended';

/**
 * Facts that are not inside the SBOM and that the caller knows (services fill it from the store).
 * Checks that need a fact that was not given fail with detail `context.missing`.
 */
export interface QualityContext {
  /**
   * A vulnerability assessment (VEX / VDR, or an FDA known-vulnerabilities table) covering this
   * SBOM's components exists and is linked to the release. FDA asks for it next to the SBOM; BSI
   * forbids putting it inside the SBOM, so it is always a separate document.
   */
  readonly vulnerabilityAssessmentLinked?: boolean;
  /** The SBOM carries (or is shipped with) a digital signature of its author. */
  readonly authorSignaturePresent?: boolean;
  /**
   * The time of the evaluation (ISO 8601), from the caller's clock (core reads none): a document
   * timestamp more than `timestampClockSkewMs` after it fails `document.timestamp`. Absent: the
   * timestamp is only checked for its form.
   */
  readonly now?: string;
}

/** How far a document timestamp may lie after `QualityContext.now` (clocks that differ a little): one day. */
export const timestampClockSkewMs = 24 * 60 * 60 * 1000;

export type CheckStatus = 'pass' | 'fail' | 'not-applicable';

export interface CheckOutcome {
  readonly status: CheckStatus;
  /** Language-neutral fact about a failure (a value, a property name, a code); null when passing. */
  readonly detail: string | null;
}

interface CheckBase {
  /** Stable id, unique within a profile, e.g. `component.supplier`. */
  readonly id: string;
  readonly severity: CheckSeverity;
  readonly title: LocalizedText;
  /** Why it matters, in plain words. */
  readonly explanation: LocalizedText;
  readonly source: CheckSource;
  /** What to do to pass. */
  readonly fix: LocalizedText;
}

export interface DocumentCheck extends CheckBase {
  readonly level: 'document';
  evaluate(doc: SbomDocument, context: QualityContext): CheckOutcome;
}

export interface ComponentCheck extends CheckBase {
  readonly level: 'component';
  evaluate(component: Component, doc: SbomDocument, context: QualityContext): CheckOutcome;
}

export type QualityCheck = DocumentCheck | ComponentCheck;

export const qualityProfileIds = ['ntia-2021', 'cisa-2026', 'fda', 'jp-mhlw', 'bsi-tr-03183-2'] as const;
export type QualityProfileId = (typeof qualityProfileIds)[number];

export interface QualityProfile {
  readonly id: QualityProfileId;
  readonly title: LocalizedText;
  /** The document the profile follows (issuer, title, edition), as the UI language writes it. */
  readonly source: LocalizedText;
  /** Date (YYYY-MM-DD) of the edition of the source the profile follows. */
  readonly versionDate: string;
  readonly checks: readonly QualityCheck[];
}

export const pass: CheckOutcome = { status: 'pass', detail: null };
export const notApplicable: CheckOutcome = { status: 'not-applicable', detail: null };
export function fail(detail: string): CheckOutcome {
  return { status: 'fail', detail };
}
export function outcome(ok: boolean, detailWhenFailing: string): CheckOutcome {
  return ok ? pass : fail(detailWhenFailing);
}
