import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids.js';

const format = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('has the UUID version 7 layout with the time in the first 48 bits', () => {
    const t = Date.UTC(2026, 10, 29, 7, 40, 0, 123);
    const id = uuidv7(t);
    expect(id).toMatch(format);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(t);
  });

  it('is unique and strictly increasing across many ids in the same millisecond, and across milliseconds', () => {
    const t = Date.UTC(2030, 0, 1);
    const ids = [
      ...Array.from({ length: 10_000 }, () => uuidv7(t)),
      ...Array.from({ length: 10 }, (_, i) => uuidv7(t + 5 + i)),
    ];
    for (const id of ids) expect(id).toMatch(format);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++)
      expect(ids[i]! > ids[i - 1]!, `${ids[i - 1]} < ${ids[i]}`).toBe(true);
  });

  it('keeps increasing when the clock goes backwards', () => {
    const t = Date.UTC(2031, 0, 1);
    const a = uuidv7(t);
    const b = uuidv7(t - 1000);
    expect(b > a).toBe(true);
  });
});
