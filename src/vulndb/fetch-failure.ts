/**
 * Why a download failed, in words an operator can act on. Node's `fetch` rejects with only "fetch
 * failed"; the reason is in `error.cause` (a system error code such as `ECONNREFUSED`, a TLS code
 * such as `SELF_SIGNED_CERT_IN_CHAIN`, an undici code such as `UND_ERR_SOCKET`), sometimes one level
 * deeper, or in the `errors` of an `AggregateError` (one per address tried). The text names the
 * reason in plain words, then the code and the original message, and for an untrusted certificate
 * how to trust an internal CA (`NODE_EXTRA_CA_CERTS`).
 */

/** How to trust the CA of an internal mirror: Node reads the file at start-up. */
export const trustInternalCa =
  'to trust it, set NODE_EXTRA_CA_CERTS=/path/ca.pem (the certificate of the internal CA, or the self-signed certificate, in PEM) and run the command again';

const untrusted = `the server's TLS certificate is not trusted by this machine`;

/** Plain words for the codes a download meets; `advice` is what to do when there is something. */
const reasons: Readonly<Record<string, { words: string; advice?: string }>> = {
  SELF_SIGNED_CERT_IN_CHAIN: {
    words: `${untrusted}: its chain ends in a self-signed certificate (an internal CA?)`,
    advice: trustInternalCa,
  },
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    words: `${untrusted}: it is self-signed`,
    advice: trustInternalCa,
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
    words: `${untrusted}: it is issued by a CA this machine does not know (an internal CA?)`,
    advice: trustInternalCa,
  },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
    words: `${untrusted}: it is issued by a CA this machine does not know (an internal CA?)`,
    advice: trustInternalCa,
  },
  UNABLE_TO_GET_ISSUER_CERT: {
    words: `${untrusted}: its issuer's certificate is missing (an internal CA?)`,
    advice: trustInternalCa,
  },
  CERT_UNTRUSTED: { words: untrusted, advice: trustInternalCa },
  CERT_HAS_EXPIRED: { words: `the server's TLS certificate has expired` },
  CERT_NOT_YET_VALID: {
    words: `the server's TLS certificate is not valid yet`,
    advice: "check this machine's clock",
  },
  ERR_TLS_CERT_ALTNAME_INVALID: {
    words: `the server's TLS certificate is not issued for this host name`,
    advice: 'use the host name the certificate names',
  },
  ERR_SSL_WRONG_VERSION_NUMBER: {
    words: 'the server does not speak TLS on this port',
    advice: 'use http:// if the server is a plain HTTP server',
  },
  ECONNREFUSED: {
    words: 'the connection was refused: nothing listens on this host and port, or a firewall refuses it',
  },
  ECONNRESET: { words: 'the server or a proxy reset the connection' },
  UND_ERR_SOCKET: { words: 'the server or a proxy closed the connection' },
  ENOTFOUND: { words: 'the host name was not found (DNS)' },
  EAI_AGAIN: { words: 'the host name could not be looked up now (DNS did not answer)' },
  ETIMEDOUT: { words: 'the connection timed out: the host does not answer, or a firewall drops the traffic' },
  UND_ERR_CONNECT_TIMEOUT: {
    words: 'the connection timed out: the host does not answer, or a firewall drops the traffic',
  },
  UND_ERR_HEADERS_TIMEOUT: { words: 'the server accepted the connection but did not answer in time' },
  UND_ERR_BODY_TIMEOUT: { words: 'the server stopped sending in the middle of the answer' },
  EHOSTUNREACH: { words: 'the host cannot be reached (no route to it)' },
  ENETUNREACH: { words: 'the network cannot be reached (no route to it)' },
};

interface Cause {
  readonly code: string | null;
  readonly message: string;
}

function causeOf(e: unknown, depth = 0): Cause | null {
  if (typeof e !== 'object' || e === null || depth > 5) return null;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof err.code === 'string' && err.code !== '' ? err.code : null;
  const message = typeof err.message === 'string' ? err.message : '';
  // An AggregateError (every address of a host refused): its first error with a code says why.
  if (Array.isArray(err.errors))
    for (const inner of err.errors) {
      const c = causeOf(inner, depth + 1);
      if (c?.code) return c;
    }
  const deeper = causeOf(err.cause, depth + 1);
  if (deeper && (deeper.code || code === null)) return deeper;
  return code !== null || message !== '' ? { code, message } : null;
}

/** OpenSSL's `…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:file:line:` → its reason. */
function shortMessage(message: string): string {
  const ssl = /:error:[0-9A-Fa-f]+:[^:]*:[^:]*:([^:]+):/.exec(message);
  return (ssl ? ssl[1]! : message).replace(/\s+/g, ' ').trim();
}

/**
 * The reason a `fetch` (or the reading of its body) failed: plain words, then `(CODE: message)`,
 * then what to do when there is something; the error's own message when it has no cause.
 */
export function fetchFailureText(e: unknown): string {
  const own = e instanceof Error ? e.message : String(e);
  const cause = causeOf(e instanceof Error ? e.cause : undefined);
  if (cause === null) return own;
  const message = shortMessage(cause.message);
  // The fetch standard's blocked ports (1, 25, 6000 …): fetch refuses them before connecting.
  if (cause.code === null && message === 'bad port')
    return `the port is one that fetch never connects to (a blocked port such as 1, 25 or 6000) (bad port); serve the mirror on another port`;
  const known = cause.code !== null ? reasons[cause.code] : undefined;
  const detail = cause.code !== null ? `${cause.code}${message ? `: ${message}` : ''}` : message;
  if (!known) return detail ? `${own}: ${detail}` : own;
  return `${known.words} (${detail})${known.advice ? `; ${known.advice}` : ''}`;
}
