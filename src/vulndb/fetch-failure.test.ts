/**
 * The reason a download failed (QA air-gap report 6: every failure said only "fetch failed"): the
 * code and message Node's fetch keeps in `error.cause`, in plain words. Errors shaped as Node 20's
 * fetch (undici) rejects with them; the refused connection and the untrusted certificates are also
 * tested against real servers in sync.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { fetchFailureText } from './fetch-failure.js';

/** `TypeError: fetch failed` with a cause, as `fetch` rejects. */
function fetchFailed(cause: unknown): Error {
  return new TypeError('fetch failed', { cause });
}
function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('fetchFailureText', () => {
  it.each([
    [
      'a host name DNS does not know',
      systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND mirror.example.invalid'),
      'the host name was not found (DNS) (ENOTFOUND: getaddrinfo ENOTFOUND mirror.example.invalid)',
    ],
    [
      'a connection that times out',
      systemError('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'),
      'the connection timed out: the host does not answer, or a firewall drops the traffic (UND_ERR_CONNECT_TIMEOUT: Connect Timeout Error)',
    ],
    [
      'every address of a host refused (AggregateError)',
      Object.assign(
        new AggregateError(
          [
            systemError('ECONNREFUSED', 'connect ECONNREFUSED ::1:8080'),
            systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8080'),
          ],
          '',
        ),
        {},
      ),
      'the connection was refused: nothing listens on this host and port, or a firewall refuses it (ECONNREFUSED: connect ECONNREFUSED ::1:8080)',
    ],
    [
      'an https:// URL of a plain HTTP server (OpenSSL message shortened)',
      systemError(
        'ERR_SSL_WRONG_VERSION_NUMBER',
        '80CC2593E47F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n',
      ),
      'the server does not speak TLS on this port (ERR_SSL_WRONG_VERSION_NUMBER: wrong version number); use http:// if the server is a plain HTTP server',
    ],
    [
      'a blocked port (fetch refuses it before connecting)',
      new Error('bad port'),
      'the port is one that fetch never connects to (a blocked port such as 1, 25 or 6000) (bad port); serve the mirror on another port',
    ],
    [
      'a code without plain words',
      systemError('EWEIRD', 'something odd'),
      'fetch failed: EWEIRD: something odd',
    ],
  ])('%s', (_name, cause, text) => {
    expect(fetchFailureText(fetchFailed(cause))).toBe(text);
  });

  it('reads a cause one level deeper, and keeps the message of an error without a cause', () => {
    expect(
      fetchFailureText(
        new TypeError('terminated', {
          cause: new Error('wrapped', { cause: systemError('UND_ERR_SOCKET', 'other side closed') }),
        }),
      ),
    ).toBe('the server or a proxy closed the connection (UND_ERR_SOCKET: other side closed)');
    expect(fetchFailureText(new Error('socket hang up'))).toBe('socket hang up');
    expect(fetchFailureText('not an error')).toBe('not an error');
  });
});
