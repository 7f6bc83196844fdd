/**
 * CVSS scoring backed by ae-cvss-calculator (metaeffekt), the implementation of the core
 * `CvssScorer` interface. Vectors are validated by core's `parseCvssVector` first; the library only
 * ever sees canonical, valid vectors. Agreement with reference scores is proven by
 * test/conformance/cvss.test.ts (every vector in ../shared/conformance/cvss).
 */
import { createRequire } from 'node:module';
import type aeModule from 'ae-cvss-calculator';
import type { Result } from '../core/result.js';
import type { CvssScorer, CvssScores } from '../core/vulns/cvss/scores.js';
import { cvssSeverity } from '../core/vulns/cvss/severity.js';
import { cvssV2Scores } from '../core/vulns/cvss/v2.js';
import { type CvssVector, type CvssVectorError, definesGroup, parseCvssVector } from '../core/vulns/cvss/vector.js';

const require = createRequire(import.meta.url);

/**
 * The library, loaded on first use: a scan that finds its scores already computed in the
 * vulnerability database never loads it (about 60 ms of `mamori scan`'s start).
 */
let loaded: typeof aeModule | null = null;
const ae = (): typeof aeModule => (loaded ??= require('ae-cvss-calculator') as typeof aeModule);

/**
 * Which scorer produced a score: the library's version and this module's revision (raise it when a
 * change here changes any score). The vulnerability database stores scores computed at import
 * (src/vulndb/alias-groups.ts) with this id and does not use them when it differs.
 */
export const cvssScorerId = `ae-cvss-calculator ${(require('ae-cvss-calculator/package.json') as { version: string }).version}; mamori 1`;

/**
 * v2.0 is scored by core's own equations (core/vulns/cvss/v2.ts): the library rounds binary
 * floating-point products and misses 1 of the 758 reference vectors (9.0 × 0.95 → 8.5, not 8.6).
 */
function libraryScores(vector: CvssVector): { base?: number; temporal?: number; environmental?: number } {
  if (vector.version === '2.0') return cvssV2Scores(vector);
  const { Cvss3P0, Cvss3P1 } = ae();
  const calc = vector.version === '3.0' ? new Cvss3P0(vector.vectorString) : new Cvss3P1(vector.vectorString);
  return calc.calculateScores();
}

/** The library's own v2.0 result, kept for the conformance comparison. */
export function libraryCvssV2Scores(vector: CvssVector): { base?: number; temporal?: number; environmental?: number } {
  return new (ae().Cvss2)(vector.vectorString).calculateScores();
}

function scoreV2V3(vector: CvssVector): CvssScores {
  const s = libraryScores(vector);
  const baseScore = s.base ?? 0;
  const temporal = definesGroup(vector, 'temporal');
  const environmental = definesGroup(vector, 'environmental');
  const temporalScore = temporal ? (s.temporal ?? baseScore) : undefined;
  const environmentalScore = environmental ? (s.environmental ?? temporalScore ?? baseScore) : undefined;
  const score = environmentalScore ?? temporalScore ?? baseScore;
  return {
    version: vector.version,
    vectorString: vector.vectorString,
    baseScore,
    baseSeverity: cvssSeverity(vector.version, baseScore),
    ...(temporalScore !== undefined ? { temporalScore } : {}),
    ...(environmentalScore !== undefined ? { environmentalScore } : {}),
    score,
    severity: cvssSeverity(vector.version, score),
    nomenclature: environmental ? 'environmental' : temporal ? 'temporal' : 'base',
  };
}

function scoreV4(vector: CvssVector): CvssScores {
  const s = new (ae().Cvss4P0)(vector.vectorString).calculateScores();
  const score = s.overall;
  const baseScore = s.baseMetricsOnly ?? score;
  const threat = definesGroup(vector, 'threat');
  const environmental = definesGroup(vector, 'environmental');
  return {
    version: '4.0',
    vectorString: vector.vectorString,
    baseScore,
    baseSeverity: cvssSeverity('4.0', baseScore),
    score,
    severity: cvssSeverity('4.0', score),
    nomenclature: `CVSS-B${threat ? 'T' : ''}${environmental ? 'E' : ''}`,
  };
}

export const cvssScorer: CvssScorer = {
  score(vector: CvssVector): CvssScores {
    return vector.version === '4.0' ? scoreV4(vector) : scoreV2V3(vector);
  },
};

const scoredCache = new Map<string, Result<CvssScores, CvssVectorError>>();
const scoredCacheLimit = 20_000;

/**
 * Parse, validate and score a vector string in one step. Memoised (a bounded map, dropped whole when
 * full): scoring costs 0.5–1.5 ms per vector and the same vectors recur across advisories and scans.
 * The results are frozen, so sharing them is safe.
 */
export function scoreCvssVector(text: string): Result<CvssScores, CvssVectorError> {
  const hit = scoredCache.get(text);
  if (hit !== undefined) return hit;
  const parsed = parseCvssVector(text);
  const result: Result<CvssScores, CvssVectorError> = parsed.ok
    ? Object.freeze({ ok: true as const, value: Object.freeze(cvssScorer.score(parsed.value)) })
    : Object.freeze(parsed);
  if (scoredCache.size >= scoredCacheLimit) scoredCache.clear();
  scoredCache.set(text, result);
  return result;
}
