import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health } from '../../contract/session.js';
import { version } from '../../version.js';
import type { ServiceContext } from '../../services/context.js';

export function healthRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        // Load balancers and uptime monitors add parameters of their own (cache busters): ignored.
        config: { public: true, lenientInput: 'health checks: monitoring tools add parameters of their own' },
        schema: { tags: ['system'], summary: 'Liveness and database check', security: [], response: { 200: Health } },
      },
      async () => {
        await ctx.store.db.selectFrom('audit_head').select('seq').executeTakeFirst();
        return { status: 'ok' as const, version, database: ctx.store.dialect };
      },
    );
  };
}
