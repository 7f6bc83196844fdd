import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, problemResponses } from '../../contract/common.js';
import { AuditEntry, AuditQuery } from '../../contract/audit.js';
import { listAudit } from '../../services/audit.js';
import type { ServiceContext } from '../../services/context.js';
import { sendResult } from '../problem.js';

export function auditRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        schema: { tags: ['audit'], summary: "Your organisation's audit log, newest first", querystring: AuditQuery, response: { 200: pageOf(AuditEntry), ...problemResponses } },
      },
      async (request, reply) => {
        const { limit, offset, entityType, entityId, action } = request.query;
        return sendResult(reply, await listAudit(ctx, request.auth!.actor, { entityType, entityId, action }, { limit, offset }));
      },
    );
  };
}
