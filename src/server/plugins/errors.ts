/** One place that turns every failure into application/problem+json with a stable code. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { $ZodType } from 'zod/v4/core';
import { fieldsAt } from '../../contract/strict.js';
import { sendProblem } from '../problem.js';
import { unknownFieldIssues, unknownFieldsDetail } from '../unknown-fields.js';

const isZod = (schema: unknown): schema is $ZodType => typeof schema === 'object' && schema !== null && '_zod' in schema;

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const issues: { path: string; message: string }[] = [];
      const unknownKeys: string[] = [];
      for (const v of error.validation) {
        const segments = v.instancePath.split('/').filter(Boolean);
        // Unknown body fields and query parameters (strict input): one issue per name.
        if (v.keyword === 'unrecognized_keys' && (where === 'body' || where === 'querystring')) {
          const schema: unknown = request.routeOptions.schema?.[where];
          const fields = isZod(schema) ? fieldsAt(schema, segments) : null;
          const keys = (v.params as { keys?: string[] }).keys ?? [];
          issues.push(...unknownFieldIssues(where, keys.map((key) => ({ path: [...segments, key], fields }))));
          unknownKeys.push(...keys.map((key) => [...segments, key].join('.')));
          continue;
        }
        issues.push({ path: [where === 'body' ? '' : where, ...segments].filter(Boolean).join('.'), message: v.message ?? 'invalid' });
      }
      const onlyUnknown = unknownKeys.length === issues.length && (where === 'body' || where === 'querystring');
      return sendProblem(reply, {
        code: 'request.invalid',
        message: onlyUnknown ? unknownFieldsDetail(where, unknownKeys) : `The request ${where} is invalid.`,
        issues,
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
