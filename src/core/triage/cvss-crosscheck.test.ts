/**
 * The triage environmental CVSS (pure, src/core/triage/cvss.ts) agrees with the platform scorer
 * (src/vulns/cvss.ts, ae-cvss-calculator, proven against the reference vectors) on every combination
 * of clinical requirements and modified attack vector for a spread of base vectors.
 */
import { describe, expect, it } from 'vitest';
import { scoreCvssVector } from '../../vulns/cvss.js';
import { cvss3BaseScore, cvss3EnvironmentalScore, environmentalVector, parseCvss3, type AttackVector, type Requirement } from './cvss.js';

const vectors = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N',
  'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N',
  'CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:C/C:L/I:N/A:H',
  'CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:L/A:L',
  'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
];
const levels: Requirement[] = ['L', 'M', 'H'];
const mavs: (AttackVector | null)[] = [null, 'A', 'L', 'P'];

describe('environmental CVSS cross-check', () => {
  it('matches the platform scorer for every requirement and MAV combination', () => {
    let compared = 0;
    for (const vector of vectors) {
      const v = parseCvss3(vector)!;
      const base = scoreCvssVector(vector);
      if (!base.ok) throw new Error(vector);
      expect(cvss3BaseScore(v), vector).toBe(base.value.baseScore);
      for (const CR of levels)
        for (const IR of levels)
          for (const AR of levels)
            for (const MAV of mavs) {
              const m = { CR, IR, AR, MAV };
              const full = environmentalVector(vector, m);
              const ref = scoreCvssVector(full);
              if (!ref.ok) throw new Error(full);
              expect(cvss3EnvironmentalScore(v, m), full).toBe(ref.value.environmentalScore);
              compared += 1;
            }
    }
    expect(compared).toBe(vectors.length * 27 * 4);
  });
});
