import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { catalogs } from '../../catalogs/index.js';
import { IdParams, problemResponses } from '../../contract/common.js';
import {
  ApplicabilityAnswers,
  ApplicabilityProposal,
  ComplianceAssessment,
  ComplianceAssessmentBulk,
  ComplianceAssessmentBulkResult,
  ComplianceAssessmentPut,
  ComplianceAssessmentResult,
  ComplianceCatalogEntries,
  ComplianceCatalogParams,
  ComplianceCatalogSummary,
  ComplianceEntryEvidence,
  ComplianceEntryParams,
  ComplianceEvidence,
  ComplianceEvidenceLink,
  ComplianceEvidencePatch,
  ComplianceEvidenceQuery,
  ComplianceEvidenceUploadQuery,
  ComplianceExportQuery,
  ComplianceGapAnalysis,
  ComplianceGapQuery,
  ComplianceHistoryEntry,
  ComplianceProfile,
  ComplianceProfilePut,
  ComplianceScopeParams,
  ComplianceSuggestion,
} from '../../contract/compliance.js';
import { catalogKey, resolveCatalog } from '../../core/compliance/catalog.js';
import { evidenceLimits } from '../../core/compliance/evidence.js';
import { mapResult } from '../../core/result.js';
import {
  addRecordEvidence,
  approveEvidence,
  assessmentHistory,
  checkApplicability,
  complianceReport,
  entryEvidence,
  exportCompliance,
  getEvidenceFile,
  getProfile,
  listAssessments,
  listEvidence,
  removeEvidence,
  setAssessment,
  setAssessmentsBulk,
  setProfile,
  suggestEvidence,
  updateEvidence,
  suggestOrgEvidence,
  uploadEvidenceFile,
  type ComplianceOptions,
} from '../../services/compliance.js';
import type { ServiceContext } from '../../services/context.js';
import { presentAssessment, presentGapAnalysis } from '../presenters/compliance.js';
import { sendProblem, sendResult } from '../problem.js';
import { sendDownload } from '../download.js';

/** `org` addresses the organisation's own assessments; anything else is a product id. */
function productOf(scope: string): string | null {
  return scope === 'org' ? null : scope;
}

function productOnly(scope: string) {
  return scope === 'org'
    ? { code: 'compliance.invalid' as const, message: 'This works per product: use a product id instead of "org".' }
    : null;
}

export function complianceRoutes(ctx: ServiceContext, options: ComplianceOptions & { chromiumPath?: string }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['compliance'];

    app.get(
      '/compliance/catalogs',
      { schema: { tags, summary: 'The shipped compliance catalogs (IEC 81001-5-1, MHLW guidance and notices, IMDRF, FDA, EU)', response: { 200: z.array(ComplianceCatalogSummary), ...problemResponses } } },
      async () =>
        catalogs.map((c) => ({ key: catalogKey(c), id: c.id, version: c.version, title: c.title, publisher: c.publisher, kind: c.kind, entries: c.entries.length })),
    );

    app.get(
      '/compliance/catalogs/:catalog/entries',
      { schema: { tags, summary: 'Every entry of one catalog in catalog order, with its parent (the clause tree)', params: ComplianceCatalogParams, response: { 200: ComplianceCatalogEntries, ...problemResponses } } },
      async (request, reply) => {
        const c = resolveCatalog(catalogs, request.params.catalog);
        if (!c) return sendProblem(reply, { code: 'compliance.catalog_not_found', message: `Unknown catalog "${request.params.catalog}".`, details: { catalog: request.params.catalog } });
        return {
          catalog: catalogKey(c),
          title: c.title,
          entries: c.entries.map((e) => ({ id: e.id, parent: e.parent, kind: e.kind, level: e.level, normative: e.normative !== false, title: e.title, description: e.description, expectedEvidence: [...e.expectedEvidence] })),
        };
      },
    );

    app.get(
      '/compliance/:scope/assessments',
      { schema: { tags, summary: 'Assessments recorded in a scope (a product, or org)', params: ComplianceScopeParams, response: { 200: z.array(ComplianceAssessment), ...problemResponses } } },
      async (request, reply) =>
        sendResult(reply, mapResult(await listAssessments(ctx, request.auth!.actor, productOf(request.params.scope)), (list) => list.map(presentAssessment))),
    );

    app.put(
      '/compliance/:scope/assessments/:catalog/:entry',
      {
        config: { permission: 'product.write' },
        schema: {
          tags,
          summary: 'Record the assessment of one catalog entry (applicability, status, owner, due date, notes)',
          description: 'The assessment also answers for every entry it fully covers in other catalogs (equal/superset crosswalk links); `propagatesTo` lists them.',
          params: ComplianceEntryParams,
          body: ComplianceAssessmentPut,
          response: { 200: ComplianceAssessmentResult, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { scope, catalog, entry } = request.params;
        const result = await setAssessment(ctx, request.auth!.actor, { productId: productOf(scope), catalog, entry }, request.body);
        return sendResult(reply, mapResult(result, (r) => ({ assessment: presentAssessment(r.assessment), propagatesTo: [...r.propagatesTo] })));
      },
    );

    app.post(
      '/compliance/:scope/assessments/bulk',
      {
        config: { permission: 'product.write' },
        schema: {
          tags,
          summary: 'Set the status of many entries at once (all or nothing, one audit entry per entry)',
          description: 'Every item is checked first; if any is invalid nothing is stored and the problem lists each invalid item (`issues[].path` = `items.N.field`). Owner, due date and notes of existing assessments are kept.',
          params: ComplianceScopeParams,
          body: ComplianceAssessmentBulk,
          response: { 200: ComplianceAssessmentBulkResult, ...problemResponses },
        },
      },
      async (request, reply) => {
        const result = await setAssessmentsBulk(ctx, request.auth!.actor, productOf(request.params.scope), request.body.items);
        return sendResult(reply, mapResult(result, (r) => ({ items: r.items.map((x) => ({ assessment: presentAssessment(x.assessment), propagatesTo: [...x.propagatesTo] })) })));
      },
    );

    app.get(
      '/compliance/:scope/assessments/:catalog/:entry/history',
      { schema: { tags, summary: 'Every change of one entry’s assessment, newest first (from the audit log)', params: ComplianceEntryParams, response: { 200: z.array(ComplianceHistoryEntry), ...problemResponses } } },
      async (request, reply) => {
        const { scope, catalog, entry } = request.params;
        const result = await assessmentHistory(ctx, request.auth!.actor, { productId: productOf(scope), catalog, entry });
        return sendResult(reply, mapResult(result, (list) => list.map((h) => ({ seq: h.seq, at: h.at, actorName: h.actorName, action: h.action, before: h.before, after: h.after }))));
      },
    );

    app.get(
      '/compliance/:scope/evidence',
      { schema: { tags, summary: 'Evidence recorded in a scope, optionally of one entry', params: ComplianceScopeParams, querystring: ComplianceEvidenceQuery, response: { 200: z.array(ComplianceEvidence), ...problemResponses } } },
      async (request, reply) => sendResult(reply, await listEvidence(ctx, request.auth!.actor, productOf(request.params.scope), request.query, options)),
    );

    app.get(
      '/compliance/:scope/evidence/:catalog/:entry',
      {
        schema: {
          tags,
          summary: 'Every evidence item that counts for an entry in the scope’s gap analysis (its evidence count), with where each is recorded',
          params: ComplianceEntryParams,
          response: { 200: ComplianceEntryEvidence, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { scope, catalog, entry } = request.params;
        return sendResult(reply, await entryEvidence(ctx, request.auth!.actor, { productId: productOf(scope), catalog, entry }, options));
      },
    );

    app.post(
      '/compliance/:scope/evidence/:catalog/:entry',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Link a mamori record as evidence of an entry (e.g. a release’s current SBOM)', params: ComplianceEntryParams, body: ComplianceEvidenceLink, response: { 201: ComplianceEvidence, ...problemResponses } } },
      async (request, reply) => {
        const { scope, catalog, entry } = request.params;
        return sendResult(reply, await addRecordEvidence(ctx, request.auth!.actor, { productId: productOf(scope), catalog, entry }, request.body, options), 201);
      },
    );

    // The file is the raw request body, kept byte for byte with its SHA-256.
    await app.register(async (plain) => {
      const raw = plain.withTypeProvider<ZodTypeProvider>();
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: evidenceLimits.maxFileBytes }, (_req, body, done) => done(null, body));
      raw.post(
        '/compliance/:scope/evidence/:catalog/:entry/file',
        {
          config: { permission: 'product.write' },
          bodyLimit: evidenceLimits.maxFileBytes,
          schema: { tags, summary: 'Upload a file as evidence of an entry; the body is the file', params: ComplianceEntryParams, querystring: ComplianceEvidenceUploadQuery, response: { 201: ComplianceEvidence, ...problemResponses } },
        },
        async (request, reply) => {
          const body = request.body as Buffer | undefined;
          const { scope, catalog, entry } = request.params;
          const result = await uploadEvidenceFile(ctx, request.auth!.actor, { productId: productOf(scope), catalog, entry }, {
            bytes: body ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : new Uint8Array(),
            fileName: request.query.fileName,
            mediaType: typeof request.headers['content-type'] === 'string' ? request.headers['content-type'] : null,
            title: request.query.title,
            version: request.query.version,
          });
          return sendResult(reply, result, 201);
        },
      );
    });

    app.post(
      '/evidence/:id/approve',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Approve evidence (records who and when)', params: IdParams, response: { 200: ComplianceEvidence, ...problemResponses } } },
      async (request, reply) => sendResult(reply, await approveEvidence(ctx, request.auth!.actor, request.params.id)),
    );

    app.patch(
      '/evidence/:id',
      {
        config: { permission: 'product.write' },
        schema: {
          tags,
          summary: 'Change the title (document name) and version (document number/revision) of evidence; a change withdraws its approval (approve it again)',
          params: IdParams,
          body: ComplianceEvidencePatch,
          response: { 200: ComplianceEvidence, ...problemResponses },
        },
      },
      async (request, reply) => sendResult(reply, await updateEvidence(ctx, request.auth!.actor, request.params.id, request.body)),
    );

    app.delete(
      '/evidence/:id',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Remove evidence (the record is kept for the audit trail)', params: IdParams, response: { 200: ComplianceEvidence, ...problemResponses } } },
      async (request, reply) => sendResult(reply, await removeEvidence(ctx, request.auth!.actor, request.params.id)),
    );

    app.get(
      '/evidence/:id/file',
      { schema: { tags, summary: 'Download an evidence file exactly as uploaded', params: IdParams, response: { 200: z.any(), ...problemResponses } } },
      async (request, reply) => {
        const result = await getEvidenceFile(ctx, request.auth!.actor, request.params.id);
        if (!result.ok) return sendProblem(reply, result.error);
        const { evidence, bytes } = result.value;
        return sendDownload(ctx, request, reply, {
          document: 'evidence_file',
          entityType: 'compliance_evidence',
          entityId: evidence.id,
          productId: evidence.productId,
          format: null,
          options: { catalog: evidence.catalog, entry: evidence.entry },
          fileName: evidence.fileName ?? 'evidence',
          mediaType: 'application/octet-stream',
          body: bytes,
          headers: { 'x-content-sha256': evidence.sha256 ?? '' },
        });
      },
    );

    app.get(
      '/compliance/:scope/suggestions',
      { schema: { tags, summary: 'Evidence mamori already holds for this product (or, for "org", the organisation’s own records), per entry, with the reason', params: ComplianceScopeParams, response: { 200: z.array(ComplianceSuggestion), ...problemResponses } } },
      async (request, reply) => {
        if (request.params.scope === 'org') return sendResult(reply, await suggestOrgEvidence(ctx, request.auth!.actor));
        return sendResult(reply, await suggestEvidence(ctx, request.auth!.actor, request.params.scope, options));
      },
    );

    app.get(
      '/compliance/:scope/profile',
      { schema: { tags, summary: 'The product’s compliance profile: conformity route and catalogs', params: ComplianceScopeParams, response: { 200: ComplianceProfile, ...problemResponses } } },
      async (request, reply) => {
        const bad = productOnly(request.params.scope);
        if (bad) return sendProblem(reply, bad);
        return sendResult(reply, await getProfile(ctx, request.auth!.actor, request.params.scope));
      },
    );

    app.put(
      '/compliance/:scope/profile',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Set the product’s conformity route and catalogs', params: ComplianceScopeParams, body: ComplianceProfilePut, response: { 200: ComplianceProfile, ...problemResponses } } },
      async (request, reply) => {
        const bad = productOnly(request.params.scope);
        if (bad) return sendProblem(reply, bad);
        return sendResult(reply, await setProfile(ctx, request.auth!.actor, request.params.scope, request.body));
      },
    );

    app.post(
      '/compliance/:scope/applicability',
      { config: { permission: 'product.read' }, schema: { tags, summary: 'Applicability check: which catalogs and which route apply, with reasons (nothing is saved)', params: ComplianceScopeParams, body: ApplicabilityAnswers, response: { 200: ApplicabilityProposal, ...problemResponses } } },
      async (request, reply) => {
        const bad = productOnly(request.params.scope);
        if (bad) return sendProblem(reply, bad);
        return sendResult(reply, await checkApplicability(ctx, request.auth!.actor, request.params.scope, request.body));
      },
    );

    app.get(
      '/compliance/:scope/gaps',
      { schema: { tags, summary: 'Gap analysis per catalog and entry: status, evidence, gaps, dual-standard view', params: ComplianceScopeParams, querystring: ComplianceGapQuery, response: { 200: ComplianceGapAnalysis, ...problemResponses } } },
      async (request, reply) =>
        sendResult(reply, mapResult(await complianceReport(ctx, request.auth!.actor, productOf(request.params.scope), request.query, options), presentGapAnalysis)),
    );

    app.get(
      '/compliance/:scope/export',
      { schema: { tags, summary: 'Download the gap analysis (or the Annex F report) as HTML, CSV or PDF, in Japanese or English', params: ComplianceScopeParams, querystring: ComplianceExportQuery, response: { 200: z.any(), ...problemResponses } } },
      async (request, reply) => {
        const { format, lang, document, catalog } = request.query;
        const result = await exportCompliance(ctx, request.auth!.actor, productOf(request.params.scope), { format, lang, document, catalog }, options);
        if (!result.ok) return sendProblem(reply, result.error);
        const productId = productOf(request.params.scope);
        return sendDownload(ctx, request, reply, {
          document: document === 'annex-f' ? 'annex_f_report' : 'compliance_report',
          entityType: productId === null ? 'organization' : 'product',
          entityId: productId ?? request.auth!.actor.organizationId,
          format,
          options: { lang, document, ...(catalog === undefined ? {} : { catalog }) },
          fileName: result.value.fileName,
          mediaType: result.value.mediaType,
          body: result.value.bytes,
        });
      },
    );
  };
}
