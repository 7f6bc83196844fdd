/**
 * Builds the Fastify application: plugins (errors, security headers, auth, OpenAPI, web app) and
 * the /api/v1 routes. Handlers stay thin: parse (zod), call one use-case, send its result.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Permission } from '../core/domain/role.js';
import type { ServiceContext } from '../services/context.js';
import { registerAuth } from './plugins/auth.js';
import { registerRefusalAudit } from './plugins/audit-refusals.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerSecurityHeaders } from './plugins/security.js';
import { registerStrictInput } from './plugins/strict-input.js';
import { registerWeb } from './plugins/web.js';
import { auditRoutes } from './routes/audit.js';
import { healthRoutes } from './routes/health.js';
import { meRoutes } from './routes/me.js';
import { organizationRoutes } from './routes/organization.js';
import { productRoutes } from './routes/products.js';
import { releaseRoutes } from './routes/releases.js';
import { sessionRoutes } from './routes/session.js';
import { userRoutes } from './routes/users.js';
import { sbomRoutes } from './routes/sboms.js';
import { dependencyTrackRoutes } from './routes/dependency-track.js';
import { findingRoutes } from './routes/findings.js';
import { vulnerabilityRoutes } from './routes/vulnerabilities.js';
import { complianceRoutes } from './routes/compliance.js';
import { threatRoutes } from './routes/threats.js';
import { triageRoutes } from './routes/triage.js';
import { annexFRoutes } from './routes/annex-f.js';
import { orgRecordRoutes } from './routes/org-records.js';
import { vulnDbSource, type VulnDbSource } from '../services/vulndb-source.js';
import { findingsMonitor, type FindingsMonitor } from '../services/findings-monitor.js';
import './types.js';

export type AppConfig = Pick<
  Config,
  'cookieSecure' | 'trustProxy' | 'loginAttemptsPerMinute' | 'webRoot' | 'logLevel' | 'sbomMaxBytes'
>
  & Partial<Pick<Config, 'vulnDbPath' | 'autoAnalysis' | 'feedCheckSeconds'>>;

export interface RouteInfo {
  readonly method: string;
  readonly url: string;
  readonly public: boolean;
  /** What a state-changing route needs (config.permission); undefined for reads and public routes. */
  readonly permission?: Permission | null;
  /** The route's schemas as declared (zod). */
  readonly schema?: FastifySchema;
}

export async function buildApp(
  config: AppConfig,
  ctx: ServiceContext,
  options: { logger?: boolean; onRoute?: (route: RouteInfo) => void; vulnDb?: VulnDbSource; monitor?: FindingsMonitor } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'req.headers["x-csrf-token"]'] },
    trustProxy: config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });
  // Requests are validated strictly (unknown fields and parameters refused); responses as declared.
  registerStrictInput(app);
  app.setSerializerCompiler(serializerCompiler);

  // Everything outside /api is the static web app: public by definition, and it carries no data.
  // A state-changing route under /api says which permission it needs (config.permission), so the
  // auth plugin can refuse a role without it before reading the body; a route that does not say is a
  // programming error, found at start-up.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) route.config = { ...route.config, public: true };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const writes = !['GET', 'HEAD', 'OPTIONS'].includes(method) && route.config?.public !== true;
      if (writes && route.config?.permission === undefined)
        throw new Error(`${method} ${route.url} changes state but declares no config.permission`);
      options.onRoute?.({
        method,
        url: route.url,
        public: route.config?.public === true,
        ...(writes ? { permission: route.config!.permission! } : {}),
        ...(route.schema ? { schema: route.schema } : {}),
      });
    }
  });

  registerErrorHandling(app);
  await registerSecurityHeaders(app, { https: config.cookieSecure });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'auth.rate_limited',
      message: `Too many attempts; try again in ${context.after}.`,
    }),
  });
  registerAuth(app, ctx, { cookieSecure: config.cookieSecure });
  registerRefusalAudit(app, ctx);
  await registerOpenApi(app);

  // The vulnerability database is opened read-only on first use; a missing file means no feeds yet.
  const vulnDb = options.vulnDb ?? vulnDbSource(config.vulnDbPath ?? '(not configured)', { log: app.log });
  // Analysis after uploads and after feed imports (ADR 0015). Off unless the configuration says so
  // (`serve` passes the loaded configuration, where it is on by default).
  const monitor =
    options.monitor ??
    findingsMonitor(ctx, vulnDb, { automatic: config.autoAnalysis === true, checkSeconds: config.feedCheckSeconds ?? 60, log: app.log });
  app.addHook('onReady', async () => monitor.start());
  // The running analysis ends before the database it reads is closed.
  app.addHook('onClose', async () => {
    await monitor.stop();
    if (!options.vulnDb) vulnDb.close();
  });
  await app.register(
    async (api) => {
      await api.register(healthRoutes(ctx));
      await api.register(
        sessionRoutes(ctx, { cookieSecure: config.cookieSecure, loginAttemptsPerMinute: config.loginAttemptsPerMinute }),
      );
      await api.register(meRoutes(ctx));
      await api.register(organizationRoutes(ctx));
      await api.register(userRoutes(ctx));
      await api.register(productRoutes(ctx));
      await api.register(releaseRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(sbomRoutes(ctx, { maxBytes: config.sbomMaxBytes, monitor }));
      await api.register(dependencyTrackRoutes(ctx, { maxBytes: config.sbomMaxBytes, monitor, vulnDb }));
      await api.register(findingRoutes(ctx, vulnDb, monitor));
      await api.register(vulnerabilityRoutes(ctx, vulnDb, monitor));
      await api.register(
        complianceRoutes(ctx, { vulnDbPath: options.vulnDb?.path ?? config.vulnDbPath ?? null, feeds: () => vulnDb.reader()?.feedStates?.() ?? null }),
      );
      await api.register(threatRoutes(ctx));
      await api.register(triageRoutes(ctx));
      await api.register(orgRecordRoutes(ctx));
      await api.register(annexFRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );

  await registerWeb(app, config.webRoot);
  return app;
}
