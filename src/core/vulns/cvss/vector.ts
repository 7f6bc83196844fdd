/**
 * Parsing and validation of CVSS vector strings (v2.0, v3.0, v3.1, v4.0).
 *
 * Rules, by source:
 * - Prefix: v3.x vectors begin `CVSS:3.0/` or `CVSS:3.1/` (v3.1 spec §6), v4.0 vectors `CVSS:4.0/`
 *   (v4.0 spec §7); v2 vectors have no prefix (v2 guide §2.4).
 * - Every Base metric is mandatory; other metrics are optional; a metric may appear only once
 *   (v3.1 spec §6: "each metric must be specified at most once"; v4.0 spec §7).
 * - Order: v2 and v3.x vectors are accepted in any order (v3.1 spec §6 lets consumers accept other
 *   orderings; the FIRST v2/v3 JSON schema patterns are order-insensitive). v4.0 vectors must list
 *   metrics in specification order (the FIRST cvss-v4.0.json pattern is fixed-order).
 * - Values are case-sensitive abbreviations from the metric tables (metrics.ts).
 *
 * Vectors come from feeds, so input is untrusted: length is capped and nothing but validated metric
 * names becomes an object key.
 */
import type { Result } from '../../result.js';
import { type CvssMetricDefinition, type CvssVersion, cvssMetricDefinitions, notDefinedValue } from './metrics.js';

/** Longest real vector (v4.0 with every metric) is about 230 characters. */
export const maxCvssVectorLength = 512;

export interface CvssVector {
  readonly version: CvssVersion;
  /** Canonical form: prefix, then the metrics as given, in specification order. */
  readonly vectorString: string;
  /** Metric name → value abbreviation, only for metrics present in the vector. */
  readonly metrics: Readonly<Record<string, string>>;
}

export type CvssVectorErrorCode =
  | 'cvss.empty'
  | 'cvss.too_long'
  | 'cvss.unsupported_version'
  | 'cvss.malformed_metric'
  | 'cvss.unknown_metric'
  | 'cvss.unknown_value'
  | 'cvss.duplicate_metric'
  | 'cvss.missing_metric'
  | 'cvss.out_of_order';

export interface CvssVectorError {
  readonly code: CvssVectorErrorCode;
  readonly message: string;
  readonly metric?: string;
  readonly value?: string;
}

function fail(code: CvssVectorErrorCode, message: string, extra: { metric?: string; value?: string } = {}): Result<never, CvssVectorError> {
  return { ok: false, error: { code, message, ...extra } };
}

const prefixPattern = /^CVSS:(\d+\.\d+)\//;

/** Which version a vector string claims, without validating it. */
export function cvssVersionOf(text: string): CvssVersion | undefined {
  const m = prefixPattern.exec(text.trim());
  if (!m) return /^\(?AV:[LAN]\//.test(text.trim()) ? '2.0' : undefined;
  const v = m[1];
  return v === '3.0' || v === '3.1' || v === '4.0' ? v : undefined;
}

export function parseCvssVector(input: string): Result<CvssVector, CvssVectorError> {
  if (typeof input !== 'string' || input.trim() === '') return fail('cvss.empty', 'the vector string is empty');
  if (input.length > maxCvssVectorLength) {
    return fail('cvss.too_long', `the vector string is longer than ${maxCvssVectorLength} characters`);
  }
  const text = input.trim();
  let version: CvssVersion;
  let body: string;
  const prefix = prefixPattern.exec(text);
  if (prefix) {
    const v = prefix[1];
    if (v !== '3.0' && v !== '3.1' && v !== '4.0') {
      return fail('cvss.unsupported_version', `CVSS version ${v ?? '?'} is not supported (2.0, 3.0, 3.1, 4.0 are)`, { value: v });
    }
    version = v;
    body = text.slice(prefix[0].length);
  } else if (text.startsWith('CVSS:')) {
    return fail('cvss.unsupported_version', 'the CVSS: prefix must be followed by a version and a slash, e.g. CVSS:3.1/');
  } else {
    version = '2.0';
    body = text;
  }

  const definitions = cvssMetricDefinitions[version];
  const byName = new Map<string, { def: CvssMetricDefinition; index: number }>();
  definitions.forEach((def, index) => byName.set(def.name, { def, index }));

  const values = new Map<string, string>();
  let lastIndex = -1;
  for (const segment of body.split('/')) {
    const parts = segment.split(':');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
      return fail('cvss.malformed_metric', `"${segment}" is not a metric:value pair`, { value: segment });
    }
    const [name, value] = parts as [string, string];
    const known = byName.get(name);
    if (!known) return fail('cvss.unknown_metric', `${name} is not a CVSS ${version} metric`, { metric: name });
    if (values.has(name)) return fail('cvss.duplicate_metric', `metric ${name} appears more than once`, { metric: name });
    if (!known.def.values.includes(value)) {
      return fail('cvss.unknown_value', `${value} is not a value of ${name} in CVSS ${version} (allowed: ${known.def.values.join(', ')})`, {
        metric: name,
        value,
      });
    }
    if (version === '4.0' && known.index < lastIndex) {
      return fail('cvss.out_of_order', `metric ${name} is out of order: CVSS 4.0 vectors list metrics in specification order`, {
        metric: name,
      });
    }
    lastIndex = known.index;
    values.set(name, value);
  }

  const missing = definitions.filter((d) => d.group === 'base' && !values.has(d.name)).map((d) => d.name);
  if (missing.length > 0) {
    return fail('cvss.missing_metric', `mandatory base metric${missing.length > 1 ? 's' : ''} missing: ${missing.join(', ')}`, {
      metric: missing[0],
    });
  }

  const metrics: Record<string, string> = {};
  const ordered: string[] = [];
  for (const def of definitions) {
    const value = values.get(def.name);
    if (value === undefined) continue;
    metrics[def.name] = value;
    ordered.push(`${def.name}:${value}`);
  }
  const vectorString = (version === '2.0' ? '' : `CVSS:${version}/`) + ordered.join('/');
  return { ok: true, value: { version, vectorString, metrics } };
}

/** True when the vector sets any metric of `group` to a value other than Not Defined. */
export function definesGroup(vector: CvssVector, group: CvssMetricDefinition['group']): boolean {
  const nd = notDefinedValue(vector.version);
  return cvssMetricDefinitions[vector.version].some((d) => {
    const value = vector.metrics[d.name];
    return d.group === group && value !== undefined && value !== nd;
  });
}

/**
 * The vector with its Base metrics only, in specification order (`CVSS:3.1/AV:N/…/A:H`; v2.0
 * without prefix): what a base score is the score of. Threat, temporal, environmental and
 * supplemental metrics are dropped.
 */
export function baseVectorString(vector: CvssVector): string {
  const base = cvssMetricDefinitions[vector.version]
    .filter((d) => d.group === 'base' && vector.metrics[d.name] !== undefined)
    .map((d) => `${d.name}:${vector.metrics[d.name]}`);
  return (vector.version === '2.0' ? '' : `CVSS:${vector.version}/`) + base.join('/');
}
