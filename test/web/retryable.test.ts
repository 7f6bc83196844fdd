/** When an error message offers "retry" (web/src/format.ts isRetryable, used by ErrorAlert). */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api/client.js';
import { FormInvalid, isRetryable } from '../../web/src/format.js';

const api = (status: number, code: string) => new ApiError(status, code, '');

describe('isRetryable', () => {
  it.each([
    [api(0, 'network.unreachable'), true],
    [api(500, 'internal.error'), true],
    [api(502, 'http.error'), true],
    [api(429, 'auth.rate_limited'), true],
    // QA: a 404 for an unknown vulnerability offered "retry", which cannot help.
    [api(404, 'vulnerability.not_found'), false],
    [api(400, 'request.invalid'), false],
    [api(403, 'auth.forbidden'), false],
    [api(409, 'vulndb.missing'), false],
    [new FormInvalid(2), false],
    [new Error('bug'), true],
  ])('%o → %s', (error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});
