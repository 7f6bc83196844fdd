/** One place that turns every failure into application/problem+json with a stable code. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { $ZodType } from 'zod/v4/core';
import type { AppError } from '../../core/result.js';
import { fieldsAt } from '../../contract/strict.js';
import { sendProblem } from '../problem.js';
import { unknownFieldIssues, unknownFieldsDetail } from '../unknown-fields.js';

const isZod = (schema: unknown): schema is $ZodType => typeof schema === 'object' && schema !== null && '_zod' in schema;

/** Bytes as MiB with one decimal, as the web app shows a size limit. */
function mebibytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * A body over the route's limit: the limit, and the body's size when the request declared it
 * (Content-Length; a chunked body is refused while it arrives, its size unknown), in the message and
 * in `details` (`limitBytes`, `sizeBytes`) for a screen to say in its language.
 */
function tooLarge(limit: number, contentLength: string | undefined): AppError {
  const size = contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) : null;
  const accepts = `this server accepts at most ${limit} bytes (${mebibytes(limit)}; MAMORI_SBOM_MAX_MB for SBOM uploads)`;
  return {
    code: 'request.too_large',
    message:
      size === null
        ? `The request body is larger than ${accepts}.`
        : `The request body is ${size} bytes (${mebibytes(size)}); ${accepts}.`,
    details: size === null ? { limitBytes: limit } : { limitBytes: limit, sizeBytes: size },
  };
}

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
      return sendProblem(reply, tooLarge(request.routeOptions.bodyLimit, request.headers['content-length']));
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
