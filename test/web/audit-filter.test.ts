/** The audit page's day range becomes local midnights, the last day included (to is exclusive). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditApiFilter, localMidnight } from '../../web/src/pages/audit-filter.js';

describe('audit page filter', () => {
  const tz = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'Asia/Tokyo';
  });
  afterEach(() => {
    process.env.TZ = tz;
  });

  it('turns a day into the local midnight, as UTC', () => {
    expect(localMidnight('2026-03-01')).toBe('2026-02-28T15:00:00.000Z');
    expect(localMidnight('2026-03-31', 1)).toBe('2026-03-31T15:00:00.000Z');
    expect(localMidnight('2026-02-28', 1)).toBe('2026-02-28T15:00:00.000Z');
    expect(localMidnight('')).toBeUndefined();
    expect(localMidnight('March')).toBeUndefined();
  });

  it('leaves out empty filters and includes the last day', () => {
    expect(
      auditApiFilter({
        entityType: '',
        actorUserId: 'u1',
        action: ' sbom. ',
        fromDay: '2026-03-01',
        toDay: '2026-03-31',
      }),
    ).toEqual({
      entityType: undefined,
      actorUserId: 'u1',
      action: 'sbom.',
      from: '2026-02-28T15:00:00.000Z',
      to: '2026-03-31T15:00:00.000Z',
    });
    expect(
      auditApiFilter({ entityType: 'product', actorUserId: '', action: '', fromDay: '', toDay: '' }),
    ).toEqual({
      entityType: 'product',
      actorUserId: undefined,
      action: undefined,
      from: undefined,
      to: undefined,
    });
  });
});
