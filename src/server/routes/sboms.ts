import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PageQuery, pageOf, problemResponses } from '../../contract/common.js';
import {
  ComponentCreate,
  ComponentListQuery,
  ComponentPage,
  ComponentPatch,
  ComponentView,
  DiffQuery,
  ExportQuery,
  QualityProfileSummary,
  QualityQuery,
  QualityReport,
  SbomDetail,
  SbomDiff,
  SbomSummary,
  SbomUploadQuery,
  SupportQuery,
  SupportReportQuery,
  SupportTable,
} from '../../contract/sboms.js';
import { listProfiles } from '../../core/sbom/quality/profiles.js';
import { diffReleases, exportRelease, releaseQuality } from '../../services/sbom-reports.js';
import type { ServiceContext } from '../../services/context.js';
import type { FindingsMonitor } from '../../services/findings-monitor.js';
import {
  addManualComponent,
  deleteManualComponent,
  getSbom,
  getSbomOriginal,
  listComponents,
  listReleaseSboms,
  updateComponent,
  uploadSbom,
} from '../../services/sboms.js';
import { defaultSbomLimits } from '../../core/sbom/diagnostics.js';
import { presentComponent, presentSbom, presentSbomDetail, presentSupport } from '../presenters/sbom.js';
import { exportReleaseSupport, releaseSupport } from '../../services/release-support.js';
import { sendDownload } from '../download.js';
import { sendProblem, sendResult } from '../problem.js';
import { mapResult, type Result } from '../../core/result.js';

const mediaTypes: Record<string, string> = {
  'cyclonedx:json': 'application/vnd.cyclonedx+json',
  'cyclonedx:xml': 'application/vnd.cyclonedx+xml',
  'spdx:json': 'application/spdx+json',
  'spdx:tag-value': 'text/spdx; charset=utf-8',
};

export function sbomRoutes(ctx: ServiceContext, options: { maxBytes: number; monitor: FindingsMonitor }): FastifyPluginAsyncZod {
  // A release whose inventory changed is analysed again (ADR 0015). An SBOM component's edit (support
  // level, end of support) changes nothing that is matched: `matters` leaves it out.
  const changed = <T extends { releaseId: string }>(
    request: { auth?: { actor: { organizationId: string } } | null },
    result: Result<T>,
    matters: (value: T) => boolean = () => true,
  ): Result<T> => {
    if (result.ok && request.auth && matters(result.value)) options.monitor.analyseSoon(request.auth.actor.organizationId, result.value.releaseId);
    return result;
  };
  return async (app) => {
    const tags = ['sboms'];
    const limits = { ...defaultSbomLimits, maxBytes: options.maxBytes };

    // The upload takes the file as the raw request body, whatever its content type, so that the
    // original bytes are stored unchanged and browsers can report upload progress.
    await app.register(async (plain) => {
      const raw = plain.withTypeProvider<ZodTypeProvider>();
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.maxBytes }, (_req, body, done) => done(null, body));
      raw.post(
        '/releases/:id/sboms',
        {
          config: { permission: 'product.write' },
          bodyLimit: options.maxBytes,
          schema: {
            tags,
            summary: 'Upload an SBOM for a release (CycloneDX JSON/XML 1.2–1.7, SPDX 2.2/2.3 JSON or tag-value); the body is the file',
            description:
              'Send the file as the request body (any content type). Invalid documents are refused whole, with the problems listed. A body over the limit (MAMORI_SBOM_MAX_MB) is refused with 413 request.too_large, whose details give limitBytes and, when the request declared Content-Length, sizeBytes.',
            params: IdParams,
            querystring: SbomUploadQuery,
            response: { 201: SbomSummary, ...problemResponses },
          },
        },
        async (request, reply) => {
          const body = request.body as Buffer | undefined;
          if (!body || body.length === 0) return sendProblem(reply, { code: 'sbom.unreadable', message: 'The request body is empty: send the SBOM file as the body.' });
          const result = changed(request, await uploadSbom(ctx, request.auth!.actor, request.params.id, { bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), fileName: request.query.fileName, source: 'upload' }, limits));
          return sendResult(reply, mapResult(result, presentSbom), 201);
        },
      );
    });

    app.get(
      '/releases/:id/sboms',
      { schema: { tags, summary: 'SBOMs uploaded for a release, newest first (the newest is the current one)', params: IdParams, querystring: PageQuery, response: { 200: pageOf(SbomSummary), ...problemResponses } } },
      async (request, reply) => {
        const result = await listReleaseSboms(ctx, request.auth!.actor, request.params.id, request.query);
        return sendResult(reply, mapResult(result, (page) => ({ ...page, items: page.items.map(presentSbom) })));
      },
    );

    app.get(
      '/sboms/:id',
      { schema: { tags, summary: 'One SBOM with its metadata and validation warnings', params: IdParams, response: { 200: SbomDetail, ...problemResponses } } },
      async (request, reply) => sendResult(reply, mapResult(await getSbom(ctx, request.auth!.actor, request.params.id), presentSbomDetail)),
    );

    app.get(
      '/sboms/:id/original',
      { schema: { tags, summary: 'Download the SBOM file exactly as uploaded', params: IdParams, response: { 200: z.any(), ...problemResponses } } },
      async (request, reply) => {
        const result = await getSbomOriginal(ctx, request.auth!.actor, request.params.id);
        if (!result.ok) return sendProblem(reply, result.error);
        const { sbom, bytes } = result.value;
        return sendDownload(ctx, request, reply, {
          document: 'sbom_original',
          entityType: 'sbom',
          entityId: sbom.id,
          releaseId: sbom.releaseId,
          format: null,
          fileName: sbom.fileName,
          mediaType: mediaTypes[`${sbom.format}:${sbom.encoding}`] ?? 'application/octet-stream',
          body: bytes,
          headers: { 'x-content-sha256': sbom.sha256 },
        });
      },
    );

    app.get(
      '/releases/:id/components',
      {
        schema: { tags: ['components'], summary: 'The component inventory of a release (current SBOM + manual components)', params: IdParams, querystring: ComponentListQuery, response: { 200: ComponentPage, ...problemResponses } },
      },
      async (request, reply) => {
        const { limit, offset, q, type, origin, sort, direction } = request.query;
        const result = await listComponents(ctx, request.auth!.actor, request.params.id, { q, type, origin, sort, direction }, { limit, offset });
        return sendResult(
          reply,
          mapResult(result, (page) => ({ items: page.items.map(presentComponent), total: page.total, limit: page.limit, offset: page.offset, sbom: page.sbom && presentSbom(page.sbom) })),
        );
      },
    );

    app.post(
      '/releases/:id/components',
      {
        config: { permission: 'product.write' },
        schema: { tags: ['components'], summary: 'Add a manual component (commercial OS, RTOS, firmware, OTS software)', params: IdParams, body: ComponentCreate, response: { 201: ComponentView, ...problemResponses } },
      },
      async (request, reply) =>
        sendResult(reply, mapResult(changed(request, await addManualComponent(ctx, request.auth!.actor, request.params.id, request.body)), presentComponent), 201),
    );

    app.patch(
      '/components/:id',
      {
        config: { permission: 'product.write' },
        schema: { tags: ['components'], summary: 'Edit a component (manual: any field; from an SBOM: support level and end of support)', params: IdParams, body: ComponentPatch, response: { 200: ComponentView, ...problemResponses } },
      },
      async (request, reply) =>
        sendResult(reply, mapResult(changed(request, await updateComponent(ctx, request.auth!.actor, request.params.id, request.body), (c) => c.origin === 'manual'), presentComponent)),
    );

    app.delete(
      '/components/:id',
      { config: { permission: 'product.write' }, schema: { tags: ['components'], summary: 'Remove a manual component', params: IdParams, response: { 200: ComponentView, ...problemResponses } } },
      async (request, reply) =>
        sendResult(reply, mapResult(changed(request, await deleteManualComponent(ctx, request.auth!.actor, request.params.id)), presentComponent)),
    );

    app.get(
      '/sbom/profiles',
      { schema: { tags, summary: 'SBOM quality profiles (NTIA 2021, CISA 2026, FDA, JP MHLW, BSI TR-03183-2)', response: { 200: z.object({ items: z.array(QualityProfileSummary) }), ...problemResponses } } },
      () => ({ items: listProfiles().map((p) => ({ ...p })) }),
    );

    app.get(
      '/releases/:id/quality',
      { schema: { tags, summary: 'Quality report of a release inventory against a profile, with the fix-it list', params: IdParams, querystring: QualityQuery, response: { 200: QualityReport, ...problemResponses } } },
      async (request, reply) =>
        sendResult(reply, mapResult(await releaseQuality(ctx, request.auth!.actor, request.params.id, request.query.profile), (r) => ({ ...r }))),
    );

    app.get(
      '/releases/:id/diff',
      { schema: { tags, summary: 'What changed in this release’s inventory since an older release', params: IdParams, querystring: DiffQuery, response: { 200: SbomDiff, ...problemResponses } } },
      async (request, reply) =>
        sendResult(reply, mapResult(await diffReleases(ctx, request.auth!.actor, request.query.against, request.params.id), (d) => ({ ...d }))),
    );

    app.get(
      '/releases/:id/support',
      {
        schema: {
          tags,
          summary: 'The FDA support table of a release: every component with its support level, end-of-support date and status, and a summary',
          params: IdParams,
          querystring: SupportQuery,
          response: { 200: SupportTable, ...problemResponses },
        },
      },
      async (request, reply) => sendResult(reply, mapResult(await releaseSupport(ctx, request.auth!.actor, request.params.id, request.query), presentSupport)),
    );

    app.get(
      '/releases/:id/support-report',
      {
        schema: {
          tags,
          summary: 'Download the FDA support table of a release as CSV (for Excel), PDF or HTML, in Japanese or English',
          params: IdParams,
          querystring: SupportReportQuery,
          response: { 200: z.any(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { format, lang, asOf } = request.query;
        const result = await exportReleaseSupport(ctx, request.auth!.actor, request.params.id, { format, lang, asOf });
        if (!result.ok) return sendProblem(reply, result.error);
        return sendDownload(ctx, request, reply, {
          document: 'component_support',
          entityType: 'release',
          entityId: request.params.id,
          format,
          options: { lang, ...(asOf === undefined ? {} : { asOf }) },
          fileName: result.value.fileName,
          mediaType: result.value.mediaType,
          body: result.value.bytes,
        });
      },
    );

    app.get(
      '/releases/:id/export',
      {
        schema: {
          tags,
          summary: 'Download the release inventory as CycloneDX 1.6 JSON/XML or SPDX 2.3 JSON (full or hospital-facing)',
          params: IdParams,
          querystring: ExportQuery,
          response: { 200: z.any(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { format, variant, serialNumber, timestamp } = request.query;
        const result = await exportRelease(ctx, request.auth!.actor, request.params.id, { target: format, variant, serialNumber, timestamp });
        if (!result.ok) return sendProblem(reply, result.error);
        const type = format === 'spdx-2.3-json' ? 'application/spdx+json' : format.endsWith('xml') ? 'application/vnd.cyclonedx+xml' : 'application/vnd.cyclonedx+json';
        return sendDownload(ctx, request, reply, {
          document: 'sbom_export',
          entityType: 'release',
          entityId: request.params.id,
          format,
          options: { variant, ...(serialNumber === undefined ? {} : { serialNumber }), ...(timestamp === undefined ? {} : { timestamp }) },
          fileName: result.value.fileName,
          mediaType: type,
          body: result.value.text,
        });
      },
    );
  };
}
