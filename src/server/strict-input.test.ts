/**
 * Request bodies and query strings are strict: a field or parameter the contract does not name is
 * refused with 400 request.invalid and one issue per unknown name, instead of being dropped while
 * the request succeeds with another meaning. The Dependency-Track compatibility layer (/bom) is the
 * exception: DT's CI plugins send fields mamori does not use.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ZodRegistry, type $ZodType } from 'zod/v4/core';
import { strictInput } from '../contract/strict.js';
import { createServiceContext } from '../services/context.js';
import { openStore } from '../store/connect.js';
import type { RouteInfo } from './app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { loginAs, postSbom, seedRelease, testApp, tokenFor, type BrowserSession } from '../../test/support/app.js';
import { seedTenant, smallSbom, unique, type Tenant } from '../../test/support/fixtures.js';

interface ProblemBody {
  code: string;
  detail: string;
  issues?: { path: string; message: string }[];
}

describeEachDialect('strict request input', (env) => {
  let app: FastifyInstance;
  let t: Tenant;
  let editor: BrowserSession;
  let productId: string;
  let releaseId: string;

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx));
    t = await seedTenant(env().ctx);
    editor = await loginAs(app, t, 'editor');
    ({ productId, releaseId } = await seedRelease(app, editor));
  });
  afterAll(async () => app.close());

  describe('bodies', () => {
    it('refuses an unknown field, names it and suggests the field meant; nothing changes', async () => {
      const res = await editor.request('PATCH', `/api/v1/products/${productId}`, { nmae: 'Renamed pump' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const body = res.json<ProblemBody>();
      expect(body.code).toBe('request.invalid');
      expect(body.detail).toBe('The request body has an unknown field: nmae.');
      expect(body.issues).toEqual([{ path: 'nmae', message: 'Unknown field; did you mean "name"?' }]);
      const after = await editor.request('GET', `/api/v1/products/${productId}`);
      expect(after.json<{ name: string }>().name).not.toBe('Renamed pump');
    });

    it('names every unknown field, beside the other problems of the same body', async () => {
      const res = await editor.request('POST', `/api/v1/products/${productId}/releases`, { verison: '2.0.0', stgae: 'support', xyzzy: 1 });
      expect(res.statusCode).toBe(400);
      const issues = res.json<ProblemBody>().issues ?? [];
      expect(issues).toContainEqual({ path: 'verison', message: 'Unknown field; did you mean "version"?' });
      expect(issues).toContainEqual({ path: 'stgae', message: 'Unknown field; did you mean "stage"?' });
      expect(issues).toContainEqual({ path: 'xyzzy', message: 'Unknown field; the fields here are: version, releaseDate, stage, endOfLife, endOfSupport, notes.' });
      // The missing required field is reported in the same answer.
      expect(issues.some((i) => i.path === 'version')).toBe(true);
      expect(res.json<ProblemBody>().detail).toBe('The request body is invalid.');
    });

    it('refuses unknown fields in nested objects, including shared (registered) schemas', async () => {
      const res = await editor.request('PUT', `/api/v1/products/${productId}/vulnerability-settings`, {
        cpeMatching: 'all',
        componentOverrides: [{ component: 'openssl', cpeMatching: 'on', cpeMatchng: 'off' }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<ProblemBody>().issues).toEqual([{ path: 'componentOverrides.0.cpeMatchng', message: 'Unknown field; did you mean "cpeMatching"?' }]);
      const ok = await editor.request('PUT', `/api/v1/products/${productId}/vulnerability-settings`, { cpeMatching: 'all', componentOverrides: [{ component: 'openssl', cpeMatching: 'on' }] });
      expect(ok.statusCode).toBe(200);
    });

    it('refuses a JSON body on a route that takes none', async () => {
      const res = await editor.request('POST', `/api/v1/releases/${releaseId}/archive`, { reason: 'superseded' });
      expect(res.statusCode).toBe(400);
      expect(res.json<ProblemBody>()).toMatchObject({ code: 'request.invalid', issues: [{ path: 'reason', message: 'Unknown field; this request takes no body.' }] });
      expect(res.json<ProblemBody>().detail).toBe('The request body has an unknown field: reason.');
      const release = await editor.request('GET', `/api/v1/releases/${releaseId}`);
      expect(release.json<{ archivedAt: string | null }>().archivedAt).toBeNull();
      // No body, or an empty object, is what such a route takes.
      expect((await editor.request('POST', `/api/v1/releases/${releaseId}/archive`)).statusCode).toBe(200);
      expect((await editor.request('POST', `/api/v1/releases/${releaseId}/restore`, {})).statusCode).toBe(200);
    });

    it('still accepts the raw file bodies of uploads', async () => {
      const other = (await editor.request('POST', `/api/v1/products/${productId}/releases`, { version: '1.1.0' })).json<{ id: string }>().id;
      const res = await postSbom(app, editor, other, smallSbom);
      expect(res.statusCode).toBe(201);
    });
  });

  describe('query strings', () => {
    it('refuses an unknown query parameter instead of ignoring the filter', async () => {
      const res = await editor.request('GET', `/api/v1/releases/${releaseId}/findings?serverity=high`);
      expect(res.statusCode).toBe(400);
      const body = res.json<ProblemBody>();
      expect(body.code).toBe('request.invalid');
      expect(body.detail).toBe('The query string has an unknown parameter: serverity.');
      expect(body.issues).toEqual([{ path: 'querystring.serverity', message: 'Unknown query parameter; did you mean "severity"?' }]);
      expect((await editor.request('GET', `/api/v1/releases/${releaseId}/findings?severity=high`)).statusCode).toBe(200);
    });

    it('refuses query parameters on a route that takes none', async () => {
      const res = await editor.request('GET', `/api/v1/products/${productId}?fields=name`);
      expect(res.statusCode).toBe(400);
      expect(res.json<ProblemBody>().issues).toEqual([{ path: 'querystring.fields', message: 'Unknown query parameter; this request takes none.' }]);
    });
  });

  it('answers health checks whatever parameters a monitor adds', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/health?_=1764547200000' });
    expect(res.statusCode, res.body).toBe(200);
  });

  describe('Dependency-Track compatibility stays lenient', () => {
    it('PUT /api/v1/bom accepts the fields DT clients send beside the ones mamori reads', async () => {
      const token = await tokenFor(env().ctx, t.editor);
      const productName = unique('DT lenient');
      const res = await app.inject({
        method: 'PUT',
        url: '/api/v1/bom',
        headers: { 'x-api-key': token },
        payload: {
          projectName: productName,
          projectVersion: '1.0.0',
          autoCreate: true,
          bom: smallSbom.toString('base64'),
          // Sent by DT 4.8+ clients (parent project), 4.12+ (tags, latest version) and by plugins that fill every field.
          parentUUID: '5341f53c-611b-4388-9d9c-731026dc5eec',
          parentName: 'Parent',
          parentVersion: '1',
          projectTags: [{ name: 'ci' }],
          isLatest: true,
          someFutureField: 'x',
        },
      });
      expect(res.statusCode).toBe(200);
      const status = await app.inject({ method: 'GET', url: `/api/v1/bom/token/${res.json<{ token: string }>().token}?cacheBust=1`, headers: { 'x-api-key': token } });
      expect(status.statusCode).toBe(200);
    });

    it('POST /api/v1/bom accepts every multipart field DT clients send', async () => {
      const token = await tokenFor(env().ctx, t.editor);
      const boundary = 'mamori-dt-boundary';
      const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const body = Buffer.concat([
        Buffer.from(
          [
            field('projectName', unique('DT multipart')),
            field('projectVersion', '2.0.0'),
            field('autoCreate', 'true'),
            field('parentUUID', '5341f53c-611b-4388-9d9c-731026dc5eec'),
            field('parentName', 'Parent'),
            field('parentVersion', '1'),
            field('projectTags', 'ci,release'),
            field('isLatest', 'true'),
            field('someFutureField', 'x'),
            field('anotherFutureField', 'y'),
          ].join(''),
        ),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="bom"; filename="bom.json"\r\nContent-Type: application/json\r\n\r\n`),
        smallSbom,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await app.inject({ method: 'POST', url: '/api/v1/bom?cacheBust=1', headers: { 'x-api-key': token, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
      expect(res.statusCode).toBe(200);
    });
  });
});

type Json = Record<string, unknown>;

/**
 * Every object schema in `node` (following $refs into the components) with what it says about other
 * keys: `false` (closed), `open` (a schema for them: loose objects, records) or `absent`.
 */
function objectNodes(node: unknown, components: Record<string, Json>, path = '$', out: string[] = []): string[] {
  if (typeof node !== 'object' || node === null) return out;
  const n = node as Json;
  if (typeof n.$ref === 'string') return objectNodes(components[n.$ref.replace('#/components/schemas/', '')], components, path, out);
  if (n.type === 'object' || typeof n.properties === 'object') {
    const ap = n.additionalProperties;
    out.push(`${path} ${ap === false ? 'false' : ap === undefined ? 'absent' : 'open'}`);
  }
  for (const [k, v] of Object.entries((n.properties ?? {}) as Json)) objectNodes(v, components, `${path}.${k}`, out);
  for (const key of ['items', 'additionalProperties']) objectNodes(n[key], components, `${path}.${key}`, out);
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'])
    if (Array.isArray(n[key])) (n[key] as unknown[]).forEach((x, i) => objectNodes(x, components, `${path}.${key}[${i}]`, out));
  return out;
}

describe('the OpenAPI document says which request bodies are strict', () => {
  it('for every route, the documented body is the schema the validator enforces (strictInput)', async () => {
    const store = openStore('sqlite::memory:');
    const routes: RouteInfo[] = [];
    const { buildApp } = await import('./app.js');
    const app = await buildApp(
      { cookieSecure: false, trustProxy: false, loginAttemptsPerMinute: 10, webRoot: '/nonexistent', logLevel: 'silent', sbomMaxBytes: 1024 },
      createServiceContext(store),
      { logger: false, onRoute: (r) => routes.push(r) },
    );
    await app.ready();
    const doc = app.swagger() as unknown as { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };
    // The library's own conversion, with no registered components: everything inline.
    const inlineTransform = createJsonSchemaTransform({ schemaRegistry: new $ZodRegistry() });
    const withBody = routes.filter((r) => r.url.startsWith('/api/v1/') && r.schema?.body);
    expect(withBody.length).toBeGreaterThan(50);
    for (const route of withBody) {
      const path = route.url.replace(/:([a-zA-Z]+)/g, '{$1}');
      const documented = (doc.paths[path]![route.method.toLowerCase()]!.requestBody as { content: Record<string, { schema: Json }> }).content['application/json']!.schema;
      const enforced = (inlineTransform({ schema: { body: strictInput(route.schema!.body as $ZodType) }, url: route.url, openapiObject: { openapi: '3.1.0' } } as never) as { schema: { body: Json } }).schema.body;
      expect(objectNodes(documented, doc.components.schemas), `${route.method} ${route.url}`).toEqual(objectNodes(enforced, {}));
    }
    await app.close();
    await store.close();
  });


  it('closes request body objects (additionalProperties: false) and leaves the Dependency-Track body open', async () => {
    const doc = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>>;
      components: { schemas: Record<string, Record<string, unknown>> };
    };
    const body = (path: string, method: string) => doc.paths[path]![method]!.requestBody!.content['application/json']!.schema;
    expect(body('/api/v1/products', 'post')).toMatchObject({ type: 'object', additionalProperties: false });
    expect(body('/api/v1/products/{id}', 'patch')).toMatchObject({ additionalProperties: false });
    expect(body('/api/v1/products/{id}/vulnerability-settings', 'put')).toMatchObject({ additionalProperties: false });
    expect(doc.components.schemas.ComponentCpeOverrideInput).toMatchObject({ additionalProperties: false });
    expect(body('/api/v1/bom', 'put')).toMatchObject({ type: 'object', additionalProperties: {} });
  });
});
