import { describe, expect, it } from 'vitest';
import type { CvssSummary } from '../finding.js';
import { headlineCvss } from './headline.js';

const rating = (version: CvssSummary['version'], baseScore: number, severity: CvssSummary['severity']): CvssSummary => ({
  version,
  vector: `CVSS:${version}/…`,
  baseScore,
  severity,
  source: 'test',
});

describe('headlineCvss', () => {
  it('takes the newest version even when an older one scores higher, so severity and score agree', () => {
    const v4 = rating('4.0', 5.4, 'medium');
    const v31 = rating('3.1', 7.8, 'high');
    expect(headlineCvss([v31, v4])).toBe(v4);
    expect(headlineCvss([v4, v31])).toBe(v4);
  });

  it('takes the highest score within that version, skips unscored ratings, and is null for none', () => {
    const low = rating('3.1', 3.1, 'low');
    const high = rating('3.1', 8.1, 'high');
    expect(headlineCvss([low, high, rating('2.0', 10, 'high')])).toBe(high);
    expect(headlineCvss([rating('4.0', 0, 'unknown'), low])).toBe(low);
    expect(headlineCvss([])).toBeNull();
  });
});
