import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, problemResponses } from '../../contract/common.js';
import { orgRecordContracts, OrgRecords, OrgRecordsQuery } from '../../contract/org-records.js';
import type { ServiceContext } from '../../services/context.js';
import { createOrgRecord, listOrgRecordsView, setOrgRecordArchived, updateOrgRecordFields } from '../../services/org-records.js';
import { sendResult } from '../problem.js';

/** /organization/records: the organisation's committee, RACI, training, contact points, ISAO memberships and reviews. */
export function orgRecordRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['organization'];
    app.get(
      '/organization/records',
      {
        schema: {
          tags,
          summary: 'All organisation-level records with their status today, and a summary of what an inspection would ask about',
          querystring: OrgRecordsQuery,
          response: { 200: OrgRecords, ...problemResponses },
        },
      },
      async (request, reply) =>
        sendResult(reply, await listOrgRecordsView(ctx, request.auth!.actor, { archived: request.query.archived })),
    );
    for (const c of orgRecordContracts) {
      const base = `/organization/records/${c.segment}`;
      const label = c.kind.replace('_', ' ');
      const one = { 200: c.record, ...problemResponses };
      app.post(
        base,
        { config: { permission: 'product.write' }, schema: { tags, summary: `Add a ${label}`, body: c.create, response: { 201: c.record, ...problemResponses } } },
        async (request, reply) => sendResult(reply, await createOrgRecord(ctx, request.auth!.actor, c.kind, request.body), 201),
      );
      app.patch(
        `${base}/:id`,
        { config: { permission: 'product.write' }, schema: { tags, summary: `Change a ${label}`, params: IdParams, body: c.patch, response: one } },
        async (request, reply) =>
          sendResult(reply, await updateOrgRecordFields(ctx, request.auth!.actor, c.kind, request.params.id, request.body)),
      );
      app.post(
        `${base}/:id/archive`,
        { config: { permission: 'product.write' }, schema: { tags, summary: `Archive a ${label} (kept, left out of lists and the summary)`, params: IdParams, response: one } },
        async (request, reply) => sendResult(reply, await setOrgRecordArchived(ctx, request.auth!.actor, c.kind, request.params.id, true)),
      );
      app.post(
        `${base}/:id/restore`,
        { config: { permission: 'product.write' }, schema: { tags, summary: `Restore an archived ${label}`, params: IdParams, response: one } },
        async (request, reply) => sendResult(reply, await setOrgRecordArchived(ctx, request.auth!.actor, c.kind, request.params.id, false)),
      );
    }
  };
}
