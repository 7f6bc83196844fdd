import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, problemResponses } from '../../contract/common.js';
import { AuditEntry, AuditExportQuery, AuditQuery } from '../../contract/audit.js';
import { exportAudit, listAudit } from '../../services/audit.js';
import type { ServiceContext } from '../../services/context.js';
import { attachment } from '../content-disposition.js';
import { sendProblem, sendResult } from '../problem.js';

export function auditRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        schema: { tags: ['audit'], summary: "Your organisation's audit log, newest first", querystring: AuditQuery, response: { 200: pageOf(AuditEntry), ...problemResponses } },
      },
      async (request, reply) => {
        const { limit, offset, ...filter } = request.query;
        return sendResult(reply, await listAudit(ctx, request.auth!.actor, filter, { limit, offset }));
      },
    );
    app.get(
      '/audit/export',
      {
        schema: {
          tags: ['audit'],
          summary: "Download your organisation's audit log, filtered as the list is, oldest first, as CSV or JSON",
          description:
            'Every field of the hash input and each entry\'s hash, so the chain can be checked offline. CSV: UTF-8 with a byte order mark (Excel), an empty cell is null, before/after are JSON text. JSON: one document with the entries as stored.',
          querystring: AuditExportQuery,
          response: { 200: z.any(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { format, ...filter } = request.query;
        const result = exportAudit(ctx, request.auth!.actor, filter, format);
        if (!result.ok) return sendProblem(reply, result.error);
        return reply
          .type(result.value.mediaType)
          .header('content-disposition', attachment(result.value.fileName))
          .send(Readable.from(result.value.chunks));
      },
    );
  };
}
