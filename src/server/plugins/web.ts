/**
 * Serves the built web app (public: static assets carry no data) with the SPA fallback, so that a
 * reload on /products/… returns index.html.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../problem.js';

const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>mamori</title>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto">
<h1>mamori</h1><p>The web app has not been built. Run <code>npm run build</code> (it runs on <code>npm ci</code>) and restart.</p>
<p>ウェブアプリがビルドされていません。<code>npm run build</code> を実行してから再起動してください。</p></body></html>`;

export async function registerWeb(app: FastifyInstance, webRoot: string): Promise<void> {
  const index = path.join(webRoot, 'index.html');
  if (existsSync(index)) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders: (res, file) => {
        // Vite puts a content hash in asset names: cache them for good; never cache index.html.
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const spa = (url: string) => !url.startsWith('/api/') && url !== '/api';
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    const urlPath = request.url.split('?')[0]!;
    // An API path no route matched: the same answer as the API's own not-found handler (errors.ts).
    if (!spa(request.url)) return sendProblem(reply, { code: 'request.not_found', message: `No route ${request.method} ${urlPath}.` });
    if (path.extname(urlPath) !== '') return sendProblem(reply, { code: 'request.not_found', message: `No file ${urlPath}.` });
    if (!existsSync(index)) return reply.type('text/html').send(notBuilt);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', webRoot);
  });
  app.get('/', { config: { public: true }, schema: { hide: true } }, (_request, reply) => {
    if (!existsSync(index)) return reply.type('text/html').send(notBuilt);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', webRoot);
  });
}
