/** The Annex F workflow of a product on the Annex F route, under /products/:id/compliance/annex-f. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnnexFGap, AnnexFGapParams, AnnexFGapPut, AnnexFRecord, AnnexFRecordPut, AnnexFState } from '../../contract/annex-f.js';
import { IdParams, problemResponses } from '../../contract/common.js';
import { createGap, decideAnnexF, deleteGap, getAnnexF, proposeAnnexFGaps, saveAnnexFRecord, updateGap } from '../../services/annex-f.js';
import type { ServiceContext } from '../../services/context.js';
import { sendResult } from '../problem.js';

export function annexFRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['compliance'];
    const base = '/products/:id/compliance/annex-f';

    /** Re-reads the whole state after a write, so the UI gets the new readiness in the same round trip. */
    const state = async (actor: Parameters<typeof getAnnexF>[1], productId: string) => getAnnexF(ctx, actor, productId);

    app.get(
      base,
      {
        schema: {
          tags,
          summary: 'The Annex F workflow of a product: record, gap list, entries that need a gap, readiness per step',
          description: 'Refused with 409 annex_f.wrong_route when the product follows the full conformity route.',
          params: IdParams,
          response: { 200: AnnexFState, ...problemResponses },
        },
      },
      async (request, reply) => sendResult(reply, await state(request.auth!.actor, request.params.id)),
    );

    app.put(
      `${base}/record`,
      {
        config: { permission: 'product.write' },
        schema: {
          tags,
          summary: 'Save the Annex F record: versions in scope, rationale for continued use, components not upgraded, communication of residual risk, post-release plan',
          description: 'Saving withdraws a recorded decision: record it again after the readiness check.',
          params: IdParams,
          body: AnnexFRecordPut,
          response: { 200: AnnexFRecord, ...problemResponses },
        },
      },
      async (request, reply) => sendResult(reply, await saveAnnexFRecord(ctx, request.auth!.actor, request.params.id, request.body)),
    );

    app.post(
      `${base}/gaps`,
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Add a gap against an IEC 81001-5-1 entry', params: IdParams, body: AnnexFGapPut, response: { 201: AnnexFGap.omit({ entryTitle: true, control: true }), ...problemResponses } } },
      async (request, reply) => sendResult(reply, await createGap(ctx, request.auth!.actor, request.params.id, request.body), 201),
    );

    app.post(
      `${base}/gaps/propose`,
      {
        config: { permission: 'product.write' },
        schema: {
          tags,
          summary: 'Create draft gaps for every IEC 81001-5-1 entry assessed as not implemented that has no gap yet',
          params: IdParams,
          response: { 201: z.array(AnnexFGap.omit({ entryTitle: true, control: true })), ...problemResponses },
        },
      },
      async (request, reply) => sendResult(reply, await proposeAnnexFGaps(ctx, request.auth!.actor, request.params.id), 201),
    );

    app.put(
      `${base}/gaps/:gapId`,
      {
        config: { permission: 'product.write' },
        schema: {
          tags,
          summary: 'Replace a gap: decision, closure action, compensating measures, residual risk and its acceptance',
          description: 'An acceptance stands while what was accepted is unchanged; changing the decision, measures, control, residual level or rationale records it anew with the editor and time (or withdraws it when accepted is false).',
          params: AnnexFGapParams,
          body: AnnexFGapPut,
          response: { 200: AnnexFGap.omit({ entryTitle: true, control: true }), ...problemResponses },
        },
      },
      async (request, reply) => sendResult(reply, await updateGap(ctx, request.auth!.actor, request.params.id, request.params.gapId, request.body)),
    );

    app.delete(
      `${base}/gaps/:gapId`,
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Delete a gap (the audit log keeps it)', params: AnnexFGapParams, response: { 200: z.object({ id: z.string() }), ...problemResponses } } },
      async (request, reply) => sendResult(reply, await deleteGap(ctx, request.auth!.actor, request.params.id, request.params.gapId)),
    );

    app.post(
      `${base}/decision`,
      {
        config: { permission: 'product.write' },
        schema: {
          tags,
          summary: 'Record the Annex F decision (who and when) once every step is complete',
          description: 'Refused with 409 annex_f.not_ready, listing every remaining problem, while the readiness check fails.',
          params: IdParams,
          response: { 200: AnnexFRecord, ...problemResponses },
        },
      },
      async (request, reply) => sendResult(reply, await decideAnnexF(ctx, request.auth!.actor, request.params.id)),
    );
  };
}
