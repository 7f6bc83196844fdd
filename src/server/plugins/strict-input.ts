/**
 * Strict request input, in one place for every route: a body field or query parameter the contract
 * does not name is refused (400 request.invalid, one issue per unknown name) rather than dropped.
 *
 * - Bodies and query strings are validated with `strictInput()` of the route's zod schema
 *   (src/contract/strict.ts); responses keep the declared schemas.
 * - A route under /api/v1 without a query string schema takes no query parameters; one without a
 *   body schema takes no JSON fields (raw uploads and multipart bodies are not JSON objects and pass).
 * - `config.lenientInput` (with the reason) turns those two defaults off for a route. The
 *   Dependency-Track-compatible routes use it, and declare their own schemas open
 *   (`z.looseObject`): DT's CI plugins send fields mamori does not read.
 * - openapi.ts closes the request body objects of the OpenAPI document by the same rule.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import { strictInput } from '../../contract/strict.js';
import { sendProblem } from '../problem.js';
import { unknownFieldsProblem } from '../unknown-fields.js';

const isZod = (schema: unknown): schema is $ZodType => typeof schema === 'object' && schema !== null && '_zod' in schema;

/** The query string of a route that declares none. */
const NoQuery = z.object({});

/** A route that declares no body takes no JSON fields. */
const refuseJsonFields: preValidationAsyncHookHandler = async (request: FastifyRequest, reply: FastifyReply) => {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) return;
  const keys = Object.keys(body);
  if (keys.length > 0) return sendProblem(reply, unknownFieldsProblem('body', keys.map((key) => ({ path: [key], fields: [] }))));
};

export function registerStrictInput(app: FastifyInstance): void {
  app.setValidatorCompiler<$ZodType>((route) =>
    validatorCompiler({ ...route, schema: (route.httpPart === 'body' || route.httpPart === 'querystring') && isZod(route.schema) ? strictInput(route.schema) : route.schema }),
  );

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/') || route.config?.lenientInput) return;
    const schema = route.schema ?? {};
    if (schema.querystring === undefined) route.schema = { ...schema, querystring: NoQuery };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (schema.body === undefined && methods.some((m) => m !== 'GET' && m !== 'HEAD' && m !== 'OPTIONS')) {
      const existing = route.preValidation === undefined ? [] : Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation];
      route.preValidation = [...existing, refuseJsonFields];
    }
  });
}
