/**
 * The sentences under a finding's evidence and an unevaluated component, in the UI language.
 *
 * The matcher writes one English sentence per piece of evidence (`explanation`, also printed by
 * `mamori scan`) and one per unevaluated component (`detail`). The UI builds its sentence from the
 * evidence's fields instead (record, rule, range type, deciding events, version scheme, fallback),
 * in the UI language, so a Japanese reviewer reads no English for what mamori itself decided. What
 * only exists as English text is shown apart (labelled as English in Japanese):
 * - OSV evidence: the evaluation notes the matcher appends after "; " (a fallback scheme's reason,
 *   GIT ranges left to the versions list);
 * - CPE evidence: the whole original sentence (the matched criteria and the attribute-by-attribute
 *   reason), because it names CPE values that have no translation;
 * - unevaluated components: the detail (the parser's own message about the purl, CPE or version),
 *   except where the reason says everything (no identifier at all).
 * Evidence with a rule this module does not know keeps the original sentence.
 *
 * The reason a known malicious package is critical (core/vulns/malicious-package.ts), which the
 * matcher appends to every explanation of such a finding, is left out here: the evidence panel
 * states it once per finding, in the UI language (MaliciousPackageNote).
 */
import type { TFunction } from 'i18next';
import { isMaliciousPackageReason, maliciousPackageIds } from '../../../../src/core/vulns/malicious-package.js';
import type { FindingT, UnevaluatedT } from '../../api/vulns.js';

type Evidence = FindingT['evidence'][number];

export interface EvidenceText {
  /** The sentence in the UI language. */
  readonly sentence: string;
  /** English notes of the evaluation, shown apart. */
  readonly notes: readonly string[];
  /** The original English sentence when parts of it could not be rendered in the UI language. */
  readonly original: string | null;
}

/** OSV events as `introduced 0, fixed 4.17.21`, each kind in the UI language. */
function eventsText(events: Evidence['events'], t: TFunction): string {
  return events
    .flatMap((event) =>
      Object.entries(event).map(([kind, version]) =>
        t(`vulns.explain.events.${kind}`, { version, defaultValue: `${kind} ${version}` }),
      ),
    )
    .join(t('vulns.explain.listSeparator'));
}

function schemeText(e: Evidence, t: TFunction): string {
  const ordered = e.scheme ? t('vulns.explain.scheme', { scheme: e.scheme }) : '';
  return e.fallback ? `${ordered}${t('vulns.explain.fallback')}` : ordered;
}

/** The explanation without the malicious-package reason. */
function explanationOf(e: Evidence): string {
  return e.explanation
    .split('; ')
    .filter((part) => !isMaliciousPackageReason(part))
    .join('; ');
}

export function evidenceText(e: Evidence, t: TFunction): EvidenceText {
  const explanation = explanationOf(e);
  if (e.method === 'osv-purl') {
    const [, ...notes] = explanation.split('; ');
    if (e.rule === 'versions-list')
      return { sentence: t('vulns.explain.versionsList', { record: e.recordId }), notes, original: null };
    if (e.rule === 'range' || e.rule === 'fallback-scheme') {
      const events = eventsText(e.events, t);
      const range = t(events ? 'vulns.explain.range' : 'vulns.explain.rangeNoEvents', {
        record: e.recordId,
        range: e.range ?? '',
        events,
      });
      return { sentence: `${range}${schemeText(e, t)}`, notes, original: null };
    }
    return { sentence: explanation, notes: [], original: null };
  }
  if (e.rule === 'cpe-exact' || e.rule === 'cpe-range') {
    const matched = t('vulns.explain.cpe', { record: e.recordId, identifier: e.identifier });
    const how = e.rule === 'cpe-exact' ? t('vulns.explain.cpeExact') : schemeText(e, t);
    // The matcher lowers the confidence of a configuration that also needs other products (AND).
    const platforms = e.explanation.includes('the configuration also requires')
      ? t('vulns.explain.cpePlatforms')
      : '';
    return { sentence: `${matched}${how}${platforms}`, notes: [], original: explanation };
  }
  return { sentence: explanation, notes: [], original: null };
}

/** One labelled fact of a piece of evidence: `範囲：SEMVER`, `rule: range`. */
export interface EvidenceFact {
  readonly label: string;
  readonly value: string;
  /** The value is an identifier shown as code (range type, scheme), not a word in the UI language. */
  readonly code: boolean;
}

/**
 * The facts after a piece of evidence's record and identifier, each as label and value in the UI
 * language (shown as `label：value` in Japanese, `label: value` in English, with `factSeparator`):
 * the range (type or CPE bounds), the rule, the version scheme, and the confidence when below 100%.
 */
export function evidenceFacts(e: Evidence, t: TFunction): EvidenceFact[] {
  const facts: EvidenceFact[] = [];
  if (e.range) facts.push({ label: t('vulns.findings.range'), value: e.range, code: true });
  facts.push({ label: t('vulns.findings.rule'), value: t(`vulns.rules.${e.rule}`, { defaultValue: e.rule }), code: false });
  if (e.scheme) facts.push({ label: t('vulns.findings.scheme'), value: e.scheme, code: true });
  if (e.confidence < 1)
    facts.push({ label: t('vulns.findings.confidence'), value: t('vulns.findings.percent', { value: Math.round(e.confidence * 100) }), code: false });
  return facts;
}

/** A vulnerability's canonical id and aliases (a finding's, or the vulnerability page's). */
export interface VulnerabilityIds {
  readonly vulnerabilityId: string;
  readonly aliases: readonly string[];
}

/**
 * Why a finding is critical when its vulnerability is a known malicious package (an OSV `MAL-` id
 * among its ids), in the UI language; null for any other finding.
 */
export function maliciousPackageText(f: VulnerabilityIds, t: TFunction): string | null {
  const ids = maliciousPackageIds([f.vulnerabilityId, ...f.aliases]);
  if (ids.length === 0) return null;
  return t('vulns.malicious.reason', { ids: ids.join(t('vulns.explain.listSeparator')), severity: t('vulns.severity.critical') });
}

export interface UnevaluatedText {
  readonly sentence: string;
  /** The matcher's English detail, shown apart (null when the sentence says it all). */
  readonly detail: string | null;
}

/** Reasons whose detail adds nothing to the translated explanation. */
const selfExplanatory: ReadonlySet<string> = new Set(['no-identifier']);

export function unevaluatedText(u: Pick<UnevaluatedT, 'reason' | 'detail'>, t: TFunction): UnevaluatedText {
  const sentence = t(`vulns.reasonHelp.${u.reason}`, { defaultValue: '' });
  if (!sentence) return { sentence: u.detail, detail: null };
  return { sentence, detail: selfExplanatory.has(u.reason) || u.detail === '' ? null : u.detail };
}

/**
 * The empty findings list's title and body. An empty list says "no vulnerabilities" only of the
 * components that were compared: when none could be evaluated it is not a clean result.
 */
export function emptyFindingsText(
  analysis: { readonly componentCount: number; readonly unevaluatedCount: number } | null | undefined,
  filtered: boolean,
  t: TFunction,
): { readonly title: string; readonly body: string } {
  if (filtered) return { title: t('vulns.findings.noMatch'), body: '' };
  if (!analysis) return { title: t('vulns.findings.notAnalysedTitle'), body: t('vulns.findings.notAnalysedBody') };
  const { componentCount, unevaluatedCount } = analysis;
  if (componentCount > 0 && unevaluatedCount >= componentCount)
    return { title: t('vulns.findings.noneComparedTitle'), body: t('vulns.findings.noneComparedBody', { components: componentCount }) };
  if (unevaluatedCount > 0)
    return {
      title: t('vulns.findings.none'),
      body: t('vulns.findings.nonePartialBody', { evaluated: componentCount - unevaluatedCount, unevaluated: unevaluatedCount }),
    };
  return { title: t('vulns.findings.none'), body: t('vulns.findings.noneBody') };
}
