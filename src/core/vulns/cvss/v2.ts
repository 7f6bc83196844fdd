/**
 * CVSS v2.0 equations, written out because ae-cvss-calculator rounds binary floating-point
 * products (9.0 × 0.95 = 8.549999… → 8.5 instead of 8.6) where the guide's round_to_1_decimal is
 * meant on the decimal value. Source: "A Complete Guide to the Common Vulnerability Scoring System
 * Version 2.0" §3.2.1 (base), §3.2.2 (temporal), §3.2.3 (environmental); metric weights from §3.2.
 */
import type { CvssVector } from './vector.js';

const weights: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { L: 0.395, A: 0.646, N: 1.0 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  C: { N: 0, P: 0.275, C: 0.66 },
  I: { N: 0, P: 0.275, C: 0.66 },
  A: { N: 0, P: 0.275, C: 0.66 },
  E: { U: 0.85, POC: 0.9, F: 0.95, H: 1.0, ND: 1.0 },
  RL: { OF: 0.87, TF: 0.9, W: 0.95, U: 1.0, ND: 1.0 },
  RC: { UC: 0.9, UR: 0.95, C: 1.0, ND: 1.0 },
  CDP: { N: 0, L: 0.1, LM: 0.3, MH: 0.4, H: 0.5, ND: 0 },
  TD: { N: 0, L: 0.25, M: 0.75, H: 1.0, ND: 1.0 },
  CR: { L: 0.5, M: 1.0, H: 1.51, ND: 1.0 },
  IR: { L: 0.5, M: 1.0, H: 1.51, ND: 1.0 },
  AR: { L: 0.5, M: 1.0, H: 1.51, ND: 1.0 },
};

/** round_to_1_decimal, half up, on the decimal value (binary noise removed at 10 places first). */
export function roundToOneDecimal(x: number): number {
  const cleaned = Number(x.toFixed(10));
  const r = Math.round(cleaned * 10) / 10;
  return r === 0 ? 0 : r;
}

export interface CvssV2Scores {
  readonly base: number;
  readonly temporal: number;
  readonly environmental: number;
}

/** Base, temporal and environmental scores of a valid v2 vector (undefined metrics = ND). */
export function cvssV2Scores(vector: CvssVector): CvssV2Scores {
  const w = (metric: string): number => weights[metric]?.[vector.metrics[metric] ?? 'ND'] ?? 1;
  const exploitability = 20 * w('AV') * w('AC') * w('Au');
  const baseFrom = (impact: number) => roundToOneDecimal((0.6 * impact + 0.4 * exploitability - 1.5) * (impact === 0 ? 0 : 1.176));
  const temporalFactor = (score: number) => roundToOneDecimal(score * w('E') * w('RL') * w('RC'));

  const impact = 10.41 * (1 - (1 - w('C')) * (1 - w('I')) * (1 - w('A')));
  const base = baseFrom(impact);
  const temporal = temporalFactor(base);

  const adjustedImpact = Math.min(
    10,
    10.41 * (1 - (1 - w('C') * w('CR')) * (1 - w('I') * w('IR')) * (1 - w('A') * w('AR'))),
  );
  const adjustedTemporal = temporalFactor(baseFrom(adjustedImpact));
  const environmental = roundToOneDecimal((adjustedTemporal + (10 - adjustedTemporal) * w('CDP')) * w('TD'));
  return { base, temporal, environmental };
}
