/** OpenAPI 3.1 generated from the zod contract, served at /api/openapi.json with browsable docs at /api/docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { version } from '../../version.js';

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
          'Errors are application/problem+json with a stable `code`.',
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
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { deepLinking: true, docExpansion: 'list' },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
