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

export function problemBody(error: AppError) {
  const kind = errorKind(error.code);
  return {
    type: `urn:mamori:problem:${error.code}`,
    title: titleOf[kind],
    status: statusOf[kind],
    code: error.code,
    detail: error.message,
    ...(error.issues ? { issues: [...error.issues] } : {}),
    ...(error.details ? { details: { ...error.details } } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const body = problemBody(error);
  return reply.code(body.status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/** Sends a use-case result: the value on success, problem details on an expected failure. */
export function sendResult<T>(reply: FastifyReply, result: Result<T>, status = 200): FastifyReply {
  if (!result.ok) return sendProblem(reply, result.error);
  return reply.code(status).send(result.value);
}
