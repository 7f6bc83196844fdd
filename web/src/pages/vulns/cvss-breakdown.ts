/**
 * A CVSS vector as the vulnerability page lists it: its metrics grouped as the specification groups
 * them (base; v2/v3 temporal, v4 threat; environmental; v4 supplemental), each metric and value
 * named in the UI language with the names of its own CVSS version (src/core/vulns/cvss/metrics.ts
 * holds the metric tables).
 *
 * The names differ between versions: `S` is Scope in CVSS 3.x and Safety in CVSS 4.0 (a supplemental
 * metric, the one that says whether exploitation can harm people); `E` is Exploitability (v2),
 * Exploit Code Maturity (v3) or Exploit Maturity (v4). So the i18n keys are per family:
 * `vulns.cvss.v2|v3|v4.metric.<name>` and `….value.<name>_<value>`.
 *
 * Metrics set to Not Defined (`X`, v2 `ND`) outside the base group are not listed among the others
 * but in `notDefined`, except Safety in a CVSS 4.0 vector, which is always listed (as Not defined
 * when the vector does not set it): for a medical device it is the metric that matters most.
 */
import type { TFunction } from 'i18next';
import {
  type CvssMetricGroup,
  type CvssVersion,
  cvssMetricDefinitions,
  notDefinedValue,
} from '../../../../src/core/vulns/cvss/metrics.js';
import { cvssVersionOf, parseCvssVector } from '../../../../src/core/vulns/cvss/vector.js';

export type CvssFamily = 'v2' | 'v3' | 'v4';

export interface CvssMetricRow {
  /** Abbreviation as in the vector, e.g. `AV`. */
  readonly metric: string;
  /** Value abbreviation as in the vector (`X` for a Safety the vector leaves out). */
  readonly value: string;
  readonly label: string;
  readonly valueLabel: string;
  /** The vector sets a value other than Not Defined. */
  readonly defined: boolean;
  /** Listed whatever its value, and set apart (CVSS 4.0 Safety). */
  readonly highlight: boolean;
}

export interface CvssMetricGroupRows {
  readonly group: CvssMetricGroup;
  readonly title: string;
  readonly rows: readonly CvssMetricRow[];
}

export interface CvssBreakdown {
  readonly family: CvssFamily | null;
  readonly groups: readonly CvssMetricGroupRows[];
  /** Metrics the vector sets to Not Defined, listed apart. */
  readonly notDefined: readonly CvssMetricRow[];
}

export function cvssFamily(version: CvssVersion): CvssFamily {
  return version === '2.0' ? 'v2' : version === '4.0' ? 'v4' : 'v3';
}

/**
 * Metrics whose values are named by another metric's entries: a modified metric takes its base
 * metric's value names (MAV → AV), the three requirements share theirs. CVSS 4.0's modified
 * subsequent-system metrics have their own (Negligible, Safety).
 */
const valueNamesOf: Readonly<Record<CvssFamily, Readonly<Record<string, string>>>> = {
  v2: { IR: 'CR', AR: 'CR' },
  v3: { IR: 'CR', AR: 'CR', MAV: 'AV', MAC: 'AC', MPR: 'PR', MUI: 'UI', MS: 'S', MC: 'C', MI: 'I', MA: 'A' },
  v4: {
    IR: 'CR',
    AR: 'CR',
    MAV: 'AV',
    MAC: 'AC',
    MAT: 'AT',
    MPR: 'PR',
    MUI: 'UI',
    MVC: 'VC',
    MVI: 'VI',
    MVA: 'VA',
    MSA: 'MSI',
  },
};

/** The metrics listed whether or not the vector defines them. */
const alwaysShown: Readonly<Record<CvssFamily, ReadonlySet<string>>> = {
  v2: new Set(),
  v3: new Set(),
  v4: new Set(['S']),
};

function row(
  family: CvssFamily,
  notDefined: string,
  metric: string,
  value: string,
  t: TFunction,
): CvssMetricRow {
  const defined = value !== notDefined;
  const valueMetric = valueNamesOf[family][metric] ?? metric;
  return {
    metric,
    value,
    label: t(`vulns.cvss.${family}.metric.${metric}`, { defaultValue: metric }),
    valueLabel: defined
      ? t(`vulns.cvss.${family}.value.${valueMetric}_${value}`, { defaultValue: value })
      : t('vulns.cvss.notDefined'),
    defined,
    highlight: alwaysShown[family].has(metric),
  };
}

/** `CVSS:3.1/AV:N/AC:L/…` → [['AV','N'], …] (CVSS v2 vectors have no prefix). */
export function vectorMetrics(vector: string): [string, string][] {
  return vector
    .split('/')
    .filter((part) => !part.startsWith('CVSS:') && part.includes(':'))
    .map((part) => part.split(':', 2) as [string, string]);
}

export function cvssBreakdown(vector: string, t: TFunction): CvssBreakdown {
  const parsed = parseCvssVector(vector);
  if (!parsed.ok) {
    // A vector the parser refuses is still shown metric by metric, named where the names are known.
    const version = cvssVersionOf(vector);
    const rows = vectorMetrics(vector).map(([metric, value]) =>
      version
        ? row(cvssFamily(version), notDefinedValue(version), metric, value, t)
        : { metric, value, label: metric, valueLabel: value, defined: true, highlight: false },
    );
    return {
      family: version ? cvssFamily(version) : null,
      groups: [{ group: 'base', title: t('vulns.cvss.group.base'), rows }],
      notDefined: [],
    };
  }
  const { version, metrics } = parsed.value;
  const family = cvssFamily(version);
  const nd = notDefinedValue(version);
  const grouped = new Map<CvssMetricGroup, CvssMetricRow[]>();
  const notDefined: CvssMetricRow[] = [];
  for (const definition of cvssMetricDefinitions[version]) {
    const given = metrics[definition.name];
    const always = alwaysShown[family].has(definition.name);
    if (given === undefined && !always) continue;
    const r = row(family, nd, definition.name, given ?? nd, t);
    if (!r.defined && !always && definition.group !== 'base') notDefined.push(r);
    else grouped.set(definition.group, [...(grouped.get(definition.group) ?? []), r]);
  }
  const groups = [...grouped].map(([group, rows]) => ({
    group,
    title: t(`vulns.cvss.group.${group}`),
    rows,
  }));
  return { family, groups, notDefined };
}
