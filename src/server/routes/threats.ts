import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, problemResponses } from '../../contract/common.js';
import {
  Control,
  ControlCreate,
  ControlPatch,
  Deleted,
  DiffQuery,
  ExportQuery,
  Requirement,
  RequirementCreate,
  RequirementPatch,
  RequirementReviewBody,
  RiskAcceptanceBody,
  RiskEntry,
  RiskInput,
  RiskParams,
  RiskRegister,
  RiskScales,
  RiskScalesRecord,
  SecurityContext,
  SecurityContextRecord,
  StrideSuggestion,
  TestCreate,
  TestPatch,
  ThreatDragonDocument,
  ThreatDragonImportQuery,
  ThreatModelCreate,
  ThreatModelDiff,
  ThreatModelImported,
  ThreatModelSave,
  ThreatModelVersion,
  ThreatModelVersionInfo,
  ThreatReportQuery,
  ThreatSummary,
  Traceability,
  VerificationTest,
} from '../../contract/threats.js';
import type { Actor } from '../../core/domain/actor.js';
import type { Result as R } from '../../core/result.js';
import { traceabilityCsv } from '../../core/threats/traceability.js';
import type { ServiceContext } from '../../services/context.js';
import * as s from '../../services/threats.js';
import { exportThreatReport } from '../../reports/threats/export.js';
import { sendProblem, sendResult } from '../problem.js';
import { sendDownload } from '../download.js';

/** Threat Dragon files above this size are refused (the largest public sample is about 100 KB). */
export const threatDragonMaxBytes = 20 * 1024 * 1024;

export function threatRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    const r = problemResponses;
    const actor = (request: { auth?: { actor: Actor } | null }) => request.auth!.actor;

    // Security context and scales
    {
      const tags = ['security context'];
      app.get(
        '/products/:id/security-context',
        { schema: { tags, summary: 'Product security context (IEC 81001-5-1 7.1.2); empty until first saved', params: IdParams, response: { 200: SecurityContextRecord, ...r } } },
        async (req, reply) => sendResult(reply, await s.getSecurityContext(ctx, actor(req), req.params.id)),
      );
      app.put(
        '/products/:id/security-context',
        { config: { permission: 'product.write' }, schema: { tags, summary: 'Replace the product security context', params: IdParams, body: SecurityContext, response: { 200: SecurityContextRecord, ...r } } },
        async (req, reply) => sendResult(reply, await s.putSecurityContext(ctx, actor(req), req.params.id, req.body)),
      );
      app.get(
        '/risk-scales',
        { schema: { tags: ['risks'], summary: "The organisation's likelihood and impact scales and acceptability matrix (defaults until set)", response: { 200: RiskScalesRecord, ...r } } },
        async (req, reply) => sendResult(reply, await s.getRiskScales(ctx, actor(req))),
      );
      app.put(
        '/risk-scales',
        { config: { permission: 'organization.write' }, schema: { tags: ['risks'], summary: 'Replace the risk scales (admin)', body: RiskScales, response: { 200: RiskScalesRecord, ...r } } },
        async (req, reply) => sendResult(reply, await s.putRiskScales(ctx, actor(req), req.body)),
      );
    }

    // Threat model versions
    {
      const tags = ['threat models'];
      app.get(
        '/products/:id/threat-models',
        { schema: { tags, summary: 'Versions of the threat model, newest first (without the model)', params: IdParams, response: { 200: z.object({ items: z.array(ThreatModelVersionInfo) }), ...r } } },
        async (req, reply) => {
          const result = await s.listThreatModelVersions(ctx, actor(req), req.params.id);
          return result.ok ? reply.send({ items: result.value }) : sendProblem(reply, result.error);
        },
      );
      app.post(
        '/products/:id/threat-models',
        {
          config: { permission: 'product.write' },
          schema: {
            tags,
            summary: 'Make a new version (copy of the current one unless a model is given); the previous version is frozen',
            params: IdParams,
            body: ThreatModelCreate,
            response: { 201: ThreatModelVersion, ...r },
          },
        },
        async (req, reply) => sendResult(reply, await s.createThreatModelVersion(ctx, actor(req), req.params.id, req.body), 201),
      );
      app.get(
        '/products/:id/threat-models/current',
        { schema: { tags, summary: 'The newest version with its model', params: IdParams, response: { 200: ThreatModelVersion, ...r } } },
        async (req, reply) => sendResult(reply, await s.getCurrentThreatModel(ctx, actor(req), req.params.id)),
      );
      app.post(
        '/products/:id/threat-models/import',
        {
          config: { permission: 'product.write' },
          bodyLimit: threatDragonMaxBytes,
          schema: {
            tags,
            summary: 'Import an OWASP Threat Dragon v2 model file as a new version',
            params: IdParams,
            querystring: ThreatDragonImportQuery,
            body: ThreatDragonDocument,
            response: { 201: ThreatModelImported, ...r },
          },
        },
        async (req, reply) =>
          sendResult(reply, await s.importThreatDragonModel(ctx, actor(req), req.params.id, req.body, { label: req.query.label, releaseId: req.query.releaseId }), 201),
      );
      app.get(
        '/threat-models/:id',
        { schema: { tags, summary: 'One version with its model', params: IdParams, response: { 200: ThreatModelVersion, ...r } } },
        async (req, reply) => sendResult(reply, await s.getThreatModelVersion(ctx, actor(req), req.params.id)),
      );
      app.put(
        '/threat-models/:id',
        { config: { permission: 'product.write' }, bodyLimit: threatDragonMaxBytes, schema: { tags, summary: 'Replace the model of the newest version (409 threat_model.frozen for older ones)', params: IdParams, body: ThreatModelSave, response: { 200: ThreatModelVersion, ...r } } },
        async (req, reply) => sendResult(reply, await s.saveThreatModel(ctx, actor(req), req.params.id, req.body)),
      );
      app.get(
        '/threat-models/:id/export',
        { schema: { tags, summary: 'Download as Threat Dragon v2 JSON or mamori JSON', params: IdParams, querystring: ExportQuery, response: { 200: z.any(), ...r } } },
        async (req, reply) => {
          const result = await s.exportThreatModel(ctx, actor(req), req.params.id, req.query.format);
          if (!result.ok) return sendProblem(reply, result.error);
          return sendDownload(ctx, req, reply, {
            document: 'threat_model',
            entityType: 'threat_model',
            entityId: req.params.id,
            productId: result.value.productId,
            format: req.query.format,
            fileName: result.value.fileName,
            mediaType: 'application/json',
            body: `${JSON.stringify(result.value.document, null, 2)}\n`,
          });
        },
      );
      app.get(
        '/threat-models/:id/diff',
        { schema: { tags, summary: 'What changed from another version (?against=) to this one', params: IdParams, querystring: DiffQuery, response: { 200: ThreatModelDiff, ...r } } },
        async (req, reply) => sendResult(reply, await s.diffThreatModelVersions(ctx, actor(req), req.params.id, req.query.against)),
      );
      app.get(
        '/threat-models/:id/stride-suggestions',
        { schema: { tags, summary: 'STRIDE-per-element categories no threat covers yet', params: IdParams, response: { 200: z.object({ items: z.array(StrideSuggestion) }), ...r } } },
        async (req, reply) => {
          const result = await s.strideSuggestions(ctx, actor(req), req.params.id);
          return result.ok ? reply.send({ items: result.value }) : sendProblem(reply, result.error);
        },
      );
    }

    // Risk register
    {
      const tags = ['risks'];
      app.get(
        '/products/:id/risks',
        { schema: { tags, summary: 'Risk register: every threat of the current model with its estimate and evaluation', params: IdParams, response: { 200: RiskRegister, ...r } } },
        async (req, reply) => sendResult(reply, await s.getRiskRegister(ctx, actor(req), req.params.id)),
      );
      app.put(
        '/products/:id/risks/:threatId',
        { config: { permission: 'product.write' }, schema: { tags, summary: 'Record the risk estimate of a threat (a changed estimate clears an acceptance)', params: RiskParams, body: RiskInput, response: { 200: RiskEntry, ...r } } },
        async (req, reply) => sendResult(reply, await s.putRisk(ctx, actor(req), req.params.id, req.params.threatId, req.body)),
      );
      app.post(
        '/products/:id/risks/:threatId/acceptance',
        { config: { permission: 'product.write' }, schema: { tags, summary: 'Accept the residual risk (who and when are recorded)', params: RiskParams, body: RiskAcceptanceBody, response: { 200: RiskEntry, ...r } } },
        async (req, reply) => sendResult(reply, await s.acceptResidualRisk(ctx, actor(req), req.params.id, req.params.threatId, req.body.rationale)),
      );
    }

    // Controls, requirements, tests: the same five routes each.
    type A = ReturnType<typeof actor>;
    const crud = (
      plural: string,
      tag: string,
      schemas: { create: z.ZodType; patch: z.ZodType; out: z.ZodType },
      fns: {
        list: (c: ServiceContext, a: A, productId: string) => Promise<R<unknown[]>>;
        get: (c: ServiceContext, a: A, id: string) => Promise<R<unknown>>;
        // Bodies are validated by the schemas above; `never` lets each kind's service take its own input type.
        create: (c: ServiceContext, a: A, productId: string, body: never) => Promise<R<unknown>>;
        update: (c: ServiceContext, a: A, id: string, body: never) => Promise<R<unknown>>;
        remove: (c: ServiceContext, a: A, id: string) => Promise<R<{ id: string }>>;
      },
    ) => {
      const tags = [tag];
      app.get(
        `/products/:id/${plural}`,
        { schema: { tags, summary: `List the ${tag} of a product (by ref)`, params: IdParams, response: { 200: z.object({ items: z.array(schemas.out) }), ...r } } },
        async (req, reply) => {
          const result = await fns.list(ctx, actor(req), req.params.id);
          return result.ok ? reply.send({ items: result.value }) : sendProblem(reply, result.error);
        },
      );
      app.post(
        `/products/:id/${plural}`,
        { config: { permission: 'product.write' }, schema: { tags, summary: `Create one of the ${tag}`, params: IdParams, body: schemas.create, response: { 201: schemas.out, ...r } } },
        async (req, reply) => sendResult(reply, await fns.create(ctx, actor(req), req.params.id, req.body as never), 201),
      );
      app.get(
        `/${plural}/:id`,
        { schema: { tags, summary: `One of the ${tag}`, params: IdParams, response: { 200: schemas.out, ...r } } },
        async (req, reply) => sendResult(reply, await fns.get(ctx, actor(req), req.params.id)),
      );
      app.patch(
        `/${plural}/:id`,
        { config: { permission: 'product.write' }, schema: { tags, summary: `Change one of the ${tag}`, params: IdParams, body: schemas.patch, response: { 200: schemas.out, ...r } } },
        async (req, reply) => sendResult(reply, await fns.update(ctx, actor(req), req.params.id, req.body as never)),
      );
      app.delete(
        `/${plural}/:id`,
        { config: { permission: 'product.write' }, schema: { tags, summary: `Delete one of the ${tag} (links to it are dropped from the matrix)`, params: IdParams, response: { 200: Deleted, ...r } } },
        async (req, reply) => sendResult(reply, await fns.remove(ctx, actor(req), req.params.id)),
      );
    };
    crud('controls', 'security controls', { create: ControlCreate, patch: ControlPatch, out: Control }, {
      list: s.listControls,
      get: s.getControl,
      create: s.createControl,
      update: s.updateControl,
      remove: s.deleteControl,
    });
    crud('security-requirements', 'security requirements', { create: RequirementCreate, patch: RequirementPatch, out: Requirement }, {
      list: s.listRequirements,
      get: s.getRequirement,
      create: s.createRequirement,
      update: s.updateRequirement,
      remove: s.deleteRequirement,
    });
    crud('verification-tests', 'verification tests', { create: TestCreate, patch: TestPatch, out: VerificationTest }, {
      list: s.listTests,
      get: s.getTest,
      create: s.createTest,
      update: s.updateTest,
      remove: s.deleteTest,
    });
    app.post(
      '/security-requirements/:id/reviews',
      { config: { permission: 'product.write' }, schema: { tags: ['security requirements'], summary: 'Record a review decision (5.2.2): in_review, approved or rejected', params: IdParams, body: RequirementReviewBody, response: { 200: Requirement, ...r } } },
      async (req, reply) => sendResult(reply, await s.reviewRequirement(ctx, actor(req), req.params.id, req.body)),
    );

    // Traceability and evidence
    {
      const tags = ['traceability'];
      app.get(
        '/products/:id/traceability',
        { schema: { tags, summary: 'Traceability matrix threat → risk → control → requirement → test → result, with gaps', params: IdParams, response: { 200: Traceability, ...r } } },
        async (req, reply) => sendResult(reply, await s.getTraceability(ctx, actor(req), req.params.id)),
      );
      app.get(
        '/products/:id/traceability.csv',
        { schema: { tags, summary: 'The traceability matrix as CSV (one line per path)', params: IdParams, response: { 200: z.any(), ...r } } },
        async (req, reply) => {
          const result = await s.getTraceability(ctx, actor(req), req.params.id);
          if (!result.ok) return sendProblem(reply, result.error);
          return sendDownload(ctx, req, reply, {
            document: 'traceability_matrix',
            entityType: 'product',
            entityId: req.params.id,
            format: 'csv',
            fileName: `traceability-${req.params.id}.csv`,
            mediaType: 'text/csv; charset=utf-8',
            body: traceabilityCsv(result.value.matrix),
          });
        },
      );
      app.get(
        '/products/:id/threat-report',
        { schema: { tags, summary: 'The security risk report (security context, threat model, risk register, traceability matrix) as HTML or PDF, or the register / the matrix as CSV, in Japanese or English', params: IdParams, querystring: ThreatReportQuery, response: { 200: z.any(), ...r } } },
        async (req, reply) => {
          const result = await exportThreatReport(ctx, actor(req), req.params.id, req.query);
          if (!result.ok) return sendProblem(reply, result.error);
          const { format, lang, part } = req.query;
          return sendDownload(ctx, req, reply, {
            document: 'threat_report',
            entityType: 'product',
            entityId: req.params.id,
            format,
            options: { lang, ...(format === 'csv' ? { part } : {}) },
            fileName: result.value.fileName,
            mediaType: result.value.mediaType,
            body: result.value.bytes,
          });
        },
      );
      app.get(
        '/products/:id/threat-summary',
        { schema: { tags, summary: 'Evidence records (security context, threat model version, risk register, traceability matrix) with stable ids for the compliance engine', params: IdParams, response: { 200: ThreatSummary, ...r } } },
        async (req, reply) => sendResult(reply, await s.getThreatSummary(ctx, actor(req), req.params.id)),
      );
    }
  };
}
