/** One place that turns every failure into application/problem+json with a stable code. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { sendProblem } from '../problem.js';

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      return sendProblem(reply, {
        code: 'request.invalid',
        message: `The request ${where} is invalid.`,
        issues: error.validation.map((v) => ({
          path: [where === 'body' ? '' : where, ...v.instancePath.split('/').filter(Boolean)]
            .filter(Boolean)
            .join('.'),
          message: v.message ?? 'invalid',
        })),
      });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413)
      return sendProblem(reply, { code: 'request.too_large', message: 'The request body is larger than this server accepts (MAMORI_SBOM_MAX_MB for SBOM uploads).' });
    if (error.statusCode === 429)
      return sendProblem(reply, { code: 'auth.rate_limited', message: error.message });
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, body too large, unsupported media type …
      return sendProblem(reply, { code: 'request.invalid', message: error.message, details: { fastifyCode: error.code } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, { code: 'internal.error', message: 'Something went wrong on the server; it has been logged.' });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, { code: 'request.not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` }),
  );
}
