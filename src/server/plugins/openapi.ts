/** OpenAPI 3.1 generated from the zod contract, served at /api/openapi.json with browsable docs at /api/docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { version } from '../../version.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Marks the request body objects of the document closed (`additionalProperties: false`), by the rule
 * the validator applies (contract/strict.ts): every object schema that does not say what it does
 * with other keys (loose objects and records do) is closed, at any depth and in the components it
 * refers to; `allOf` (intersections) is left alone. Query parameters are listed one by one in
 * OpenAPI and cannot be marked; the description says they are strict too.
 */
export function closeRequestBodies(document: Json): Json {
  const components = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  const seen = new Set<string>();
  const close = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(close);
    if (!isObject(node)) return;
    if (typeof node.$ref === 'string') {
      const name = decodeURIComponent(node.$ref.replace('#/components/schemas/', ''));
      if (!seen.has(name)) {
        seen.add(name);
        close(components[name]);
      }
      return;
    }
    if ((node.type === 'object' || isObject(node.properties)) && !('additionalProperties' in node)) node.additionalProperties = false;
    if (isObject(node.properties)) Object.values(node.properties).forEach(close);
    for (const key of ['items', 'prefixItems', 'anyOf', 'oneOf', 'additionalProperties']) close(node[key]);
  };
  const paths = isObject(document.paths) ? document.paths : {};
  for (const operations of Object.values(paths))
    for (const operation of Object.values(isObject(operations) ? operations : {}))
      if (isObject(operation) && isObject(operation.requestBody) && isObject(operation.requestBody.content))
        for (const media of Object.values(operation.requestBody.content)) if (isObject(media)) close(media.schema);
  return document;
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'mamori API',
        version,
        description:
          'Product cybersecurity for medical devices. Authenticate with an API token ' +
          '(`Authorization: Bearer mamori_…`) or the browser session cookie plus `X-CSRF-Token`. ' +
          'Errors are application/problem+json with a stable `code`. ' +
          'Request bodies and query strings are strict: a field or parameter this document does not name is ' +
          'refused (400 `request.invalid`, one issue per unknown name), except on the Dependency-Track-compatible ' +
          '`/bom` routes, which accept and ignore what DT clients send beyond the fields mamori reads.',
      },
      components: {
        securitySchemes: {
          token: { type: 'http', scheme: 'bearer', description: 'Personal API token (mamori_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'mamori_session' },
        },
      },
      security: [{ token: [] }, { session: [] }],
    },
    transform: (args) => {
      const out = jsonSchemaTransform(args);
      // Only the versioned API belongs in the document, not the web app's static routes.
      return args.url.startsWith('/api/v1') ? out : { ...out, hide: true };
    },
    transformObject: (args) => closeRequestBodies(jsonSchemaTransformObject(args) as Json) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { deepLinking: true, docExpansion: 'list' },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
