/**
 * Risk estimation scales and the acceptability matrix (IEC 81001-5-1 clause 7.3, ISO 14971 risk
 * criteria). Each organisation may replace the defaults; the defaults are documented here and in the
 * user guide.
 *
 * Defaults: likelihood / exploitability 1–5 (FDA postmarket guidance speaks of exploitability; the labels
 * follow common ISO 14971 practice), impact 1–5 with the ISO 14971 severity example names (Negligible,
 * Minor, Serious, Critical, Catastrophic). A cell of the matrix is `acceptable`, `alara` (acceptable only
 * after reducing the risk as far as possible, with a documented rationale) or `unacceptable`.
 */
import type { Issue } from '../result.js';

export const riskLevels = ['acceptable', 'alara', 'unacceptable'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export interface ScaleLevel {
  readonly value: number;
  readonly label: { readonly en: string; readonly ja: string };
  readonly description: { readonly en: string; readonly ja: string };
}

export interface RiskScales {
  readonly likelihood: readonly ScaleLevel[];
  readonly impact: readonly ScaleLevel[];
  /** matrix[likelihoodIndex][impactIndex], indices in the order of the scales above. */
  readonly matrix: readonly (readonly RiskLevel[])[];
}

const lvl = (value: number, en: string, ja: string, den: string, dja: string): ScaleLevel => ({
  value,
  label: { en, ja },
  description: { en: den, ja: dja },
});

export const defaultRiskScales: RiskScales = {
  likelihood: [
    lvl(1, 'Rare', 'まれ', 'Needs insider access or unpublished techniques; no known exploit.', '内部者のアクセスまたは未公開の手法が必要。既知のエクスプロイトなし。'),
    lvl(2, 'Unlikely', '可能性低', 'Needs physical or adjacent access and specialist skill.', '物理的または隣接ネットワークからのアクセスと専門技能が必要。'),
    lvl(3, 'Possible', '可能性あり', 'Reachable from the hospital network with moderate skill.', '病院ネットワークから中程度の技能で到達可能。'),
    lvl(4, 'Likely', '可能性高', 'Public exploit or tooling exists; reachable remotely.', '公開されたエクスプロイトまたはツールが存在し、遠隔から到達可能。'),
    lvl(5, 'Almost certain', 'ほぼ確実', 'Exploited in the wild (e.g. CISA KEV) or trivially automated.', '実際に悪用されている（CISA KEV 等）、または容易に自動化できる。'),
  ],
  impact: [
    lvl(1, 'Negligible', '無視できる', 'Inconvenience or temporary discomfort; no data exposure.', '不便または一時的な不快感。データ漏えいなし。'),
    lvl(2, 'Minor', '軽微', 'Temporary injury or impairment not needing intervention; limited data exposure.', '処置を要しない一時的な傷害。限定的なデータ漏えい。'),
    lvl(3, 'Serious', '重大', 'Injury needing professional medical intervention; patient data disclosed.', '医療的処置を要する傷害。患者データの漏えい。'),
    lvl(4, 'Critical', '致命的', 'Permanent impairment or life-threatening injury.', '恒久的な障害または生命を脅かす傷害。'),
    lvl(5, 'Catastrophic', '壊滅的', 'Patient death; many devices or patients affected.', '患者の死亡。多数の機器または患者に影響。'),
  ],
  matrix: [
    ['acceptable', 'acceptable', 'acceptable', 'alara', 'alara'],
    ['acceptable', 'acceptable', 'alara', 'alara', 'unacceptable'],
    ['acceptable', 'alara', 'alara', 'unacceptable', 'unacceptable'],
    ['alara', 'alara', 'unacceptable', 'unacceptable', 'unacceptable'],
    ['alara', 'unacceptable', 'unacceptable', 'unacceptable', 'unacceptable'],
  ],
};

export function riskScalesIssues(s: RiskScales): Issue[] {
  const issues: Issue[] = [];
  for (const axis of ['likelihood', 'impact'] as const) {
    const levels = s[axis];
    if (levels.length < 2 || levels.length > 10)
      issues.push({ path: axis, message: 'A scale needs 2 to 10 levels.' });
    const values = levels.map((l) => l.value);
    if (new Set(values).size !== values.length) issues.push({ path: axis, message: 'Scale values must be unique.' });
    if (values.some((v, i) => i > 0 && v <= values[i - 1]!))
      issues.push({ path: axis, message: 'Scale values must increase.' });
    levels.forEach((l, i) => {
      if (!l.label.en.trim() || !l.label.ja.trim())
        issues.push({ path: `${axis}.${i}.label`, message: 'Every level needs an English and a Japanese label.' });
    });
  }
  if (s.matrix.length !== s.likelihood.length)
    issues.push({ path: 'matrix', message: 'The matrix needs one row per likelihood level.' });
  s.matrix.forEach((row, i) => {
    if (row.length !== s.impact.length)
      issues.push({ path: `matrix.${i}`, message: 'Each matrix row needs one cell per impact level.' });
  });
  return issues;
}

/** The matrix cell for two scale values, or null when a value is not on the scale. */
export function riskLevel(s: RiskScales, likelihood: number, impact: number): RiskLevel | null {
  const li = s.likelihood.findIndex((l) => l.value === likelihood);
  const ii = s.impact.findIndex((l) => l.value === impact);
  if (li < 0 || ii < 0) return null;
  return s.matrix[li]?.[ii] ?? null;
}
