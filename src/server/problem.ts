import type { FastifyReply } from 'fastify';
import { errorKind, type ErrorKind } from '../core/errors.js';
import type { AppError, Result } from '../core/result.js';

const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  check_failed: 409,
  rate_limited: 429,
  too_large: 413,
  internal: 500,
};

const titleOf: Record<ErrorKind, string> = {
  invalid: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  check_failed: 'Check failed',
  rate_limited: 'Too many requests',
  too_large: 'Content too large',
  internal: 'Internal error',
};

/**
 * The problem document of an error. Where the server's files lie is the operator's business (as in
 * the feeds status): an error naming a server path is told with the path only to admins (`admin`),
 * to every other role as its `withoutServerPaths` form: same code and status, no path.
 */
export function problemBody(error: AppError, admin = false) {
  const kind = errorKind(error.code);
  const hidden = admin ? undefined : error.withoutServerPaths;
  const details = hidden ? hidden.details : error.details;
  return {
    type: `urn:mamori:problem:${error.code}`,
    title: titleOf[kind],
    status: statusOf[kind],
    code: error.code,
    detail: hidden ? hidden.message : error.message,
    ...(error.issues ? { issues: [...error.issues] } : {}),
    ...(details ? { details: { ...details } } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const body = problemBody(error, reply.request.auth?.actor.role === 'admin');
  return reply.code(body.status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/** Sends a use-case result: the value on success, problem details on an expected failure. */
export function sendResult<T>(reply: FastifyReply, result: Result<T>, status = 200): FastifyReply {
  if (!result.ok) return sendProblem(reply, result.error);
  return reply.code(status).send(result.value);
}
