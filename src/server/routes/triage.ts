/**
 * Triage of findings, clinical-impact profile, FDA risk decisions, VEX export and import with the
 * review of proposed decisions (issue #6). Writes need product.write (viewers read only); every
 * write leaves an audit entry (services/triage.ts, services/vex.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, problemResponses } from '../../contract/common.js';
import {
  BulkTriageBody,
  BulkTriageResult,
  ClinicalProfile,
  ClinicalProfileBody,
  FindingTriage,
  ProposalListQuery,
  ProposalReviewBody,
  ProposalReviewResult,
  RiskDecisionBody,
  RiskDecisionResult,
  TriageBody,
  TriagedFinding,
  TriageProposal,
  TriageQueue,
  TriageQueueQuery,
  VexDocumentBody,
  VexExportQuery,
  VexImportQuery,
  VexImportSummary,
} from '../../contract/triage.js';
import type { Actor } from '../../core/domain/actor.js';
import { mapResult } from '../../core/result.js';
import type { ServiceContext } from '../../services/context.js';
import * as s from '../../services/triage.js';
import { exportVex, importVex } from '../../services/vex.js';
import { presentFinding } from '../presenters/findings.js';
import { sendProblem, sendResult } from '../problem.js';
import { sendDownload } from '../download.js';

/** VEX documents above this size are refused. */
export const vexMaxBytes = 50 * 1024 * 1024;

const presentTriaged = (t: s.TriagedFinding) => ({
  ...t,
  finding: presentFinding(t.finding),
  decision: t.decision && { ...t.decision, responses: [...t.decision.responses] },
  clocks: t.clocks.map((c) => ({ ...c })),
  priority: { ...t.priority, inputs: { ...t.priority.inputs }, terms: { ...t.priority.terms }, reasons: [...t.priority.reasons] },
});
const presentProposal = (p: s.TriageProposalRecord) => ({ ...p, findingIds: [...p.findingIds], statement: { ...p.statement } as Record<string, unknown> });

export function triageRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    const r = problemResponses;
    const tags = ['triage'];
    const actor = (request: { auth?: { actor: Actor } | null }) => request.auth!.actor;

    app.get(
      '/findings/:id/triage',
      { schema: { tags, summary: 'The decision that applies to a finding (own, carried forward or component-wide), its priority with inputs, FDA clocks and full history', params: IdParams, response: { 200: FindingTriage, ...r } } },
      async (req, reply) =>
        sendResult(
          reply,
          mapResult(await s.getFindingTriage(ctx, actor(req), req.params.id), (v) => ({
            current: presentTriaged(v.current),
            history: v.history.map((h) => ({ ...h, responses: [...h.responses] })),
            riskHistory: v.riskHistory.map((x) => ({ ...x })),
          })),
        ),
    );
    app.post(
      '/findings/:id/triage',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Record a triage decision (CycloneDX analysis vocabulary); appended to the history', params: IdParams, body: TriageBody, response: { 201: TriagedFinding, ...r } } },
      async (req, reply) => sendResult(reply, mapResult(await s.setTriage(ctx, actor(req), req.params.id, req.body), presentTriaged), 201),
    );
    app.post(
      '/triage/bulk',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'One decision for many findings', body: BulkTriageBody, response: { 201: BulkTriageResult, ...r } } },
      async (req, reply) => {
        const { findingIds, ...input } = req.body;
        return sendResult(reply, await s.bulkTriage(ctx, actor(req), findingIds, input), 201);
      },
    );
    app.get(
      '/releases/:id/triage-queue',
      { schema: { tags, summary: 'Active findings of a release by clinical-impact priority, a page at a time (closed decisions left out unless includeClosed=true; filters by band, severity, KEV and text)', params: IdParams, querystring: TriageQueueQuery, response: { 200: TriageQueue, ...r } } },
      async (req, reply) => {
        const { limit, offset, includeClosed, band, severity, kev, q } = req.query;
        return sendResult(reply, mapResult(await s.triageQueue(ctx, actor(req), req.params.id, { includeClosed, band, severity, kev, q }, { limit, offset }), (page) => ({ ...page, items: page.items.map(presentTriaged) })));
      },
    );
    app.post(
      '/findings/:id/risk-decision',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Record the FDA postmarket decision controlled / uncontrolled risk; returns the due dates', params: IdParams, body: RiskDecisionBody, response: { 201: RiskDecisionResult, ...r } } },
      async (req, reply) => sendResult(reply, await s.setRiskDecision(ctx, actor(req), req.params.id, req.body), 201),
    );
    app.get(
      '/products/:id/clinical-profile',
      { schema: { tags, summary: 'Clinical-impact rubric answers and exposure of a product (defaults until saved)', params: IdParams, response: { 200: ClinicalProfile, ...r } } },
      async (req, reply) => sendResult(reply, await s.getClinicalProfile(ctx, actor(req), req.params.id)),
    );
    app.put(
      '/products/:id/clinical-profile',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Replace the clinical-impact rubric answers and exposure', params: IdParams, body: ClinicalProfileBody, response: { 200: ClinicalProfile, ...r } } },
      async (req, reply) => sendResult(reply, await s.putClinicalProfile(ctx, actor(req), req.params.id, req.body)),
    );
    app.get(
      '/products/:id/vex',
      { schema: { tags: ['vex'], summary: 'Download VEX (CycloneDX, embedded in the SBOM, OpenVEX) or CSAF (csaf_vex, csaf_security_advisory) per release or vulnerability', params: IdParams, querystring: VexExportQuery, response: { 200: z.any(), ...r } } },
      async (req, reply) => {
        const q = req.query;
        const result = await exportVex(ctx, actor(req), { productId: req.params.id, releaseId: q.releaseId ?? null, vulnerabilityId: q.vulnerabilityId ?? null, format: q.format, lang: q.lang, namespace: q.namespace ?? null, variant: q.variant });
        if (!result.ok) return sendProblem(reply, result.error);
        return sendDownload(ctx, req, reply, {
          document: 'vex',
          entityType: q.releaseId ? 'release' : 'product',
          entityId: q.releaseId ?? req.params.id,
          productId: req.params.id,
          format: q.format,
          options: { lang: q.lang, variant: q.variant, ...(q.vulnerabilityId ? { vulnerabilityId: q.vulnerabilityId } : {}), ...(q.namespace ? { namespace: q.namespace } : {}) },
          fileName: result.value.fileName,
          mediaType: result.value.mediaType,
          body: result.value.body,
        });
      },
    );
    app.post(
      '/products/:id/vex',
      { config: { permission: 'product.write' }, bodyLimit: vexMaxBytes, schema: { tags: ['vex'], summary: 'Import a CycloneDX, OpenVEX or CSAF document as proposed decisions awaiting review', params: IdParams, querystring: VexImportQuery, body: VexDocumentBody, response: { 201: VexImportSummary, ...r } } },
      async (req, reply) => sendResult(reply, mapResult(await importVex(ctx, actor(req), req.params.id, JSON.stringify(req.body), req.query.sourceName), (v) => ({ ...v, warnings: [...v.warnings] })), 201),
    );
    app.get(
      '/products/:id/triage-proposals',
      { schema: { tags: ['vex'], summary: 'Proposed decisions from imported VEX documents', params: IdParams, querystring: ProposalListQuery, response: { 200: z.object({ items: z.array(TriageProposal) }), ...r } } },
      async (req, reply) =>
        sendResult(reply, mapResult(await s.listTriageProposals(ctx, actor(req), req.params.id, req.query.status === 'all' ? null : req.query.status), (items) => ({ items: items.map(presentProposal) }))),
    );
    app.post(
      '/triage-proposals/:id/review',
      { config: { permission: 'product.write' }, schema: { tags: ['vex'], summary: 'Accept (records the decision on the matched findings) or reject a proposed decision', params: IdParams, body: ProposalReviewBody, response: { 200: ProposalReviewResult, ...r } } },
      async (req, reply) => sendResult(reply, mapResult(await s.reviewProposal(ctx, actor(req), req.params.id, req.body.verdict, req.body.note), (v) => ({ ...v, proposal: presentProposal(v.proposal) }))),
    );
  };
}
