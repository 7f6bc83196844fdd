/**
 * Dependency-Track-compatible BOM upload, so the CI plugins people already use (DT's Jenkins,
 * GitHub Actions and Maven/Gradle plugins) upload to mamori unchanged: `PUT /api/v1/bom` with a
 * JSON body carrying the base64 BOM, `POST /api/v1/bom` as multipart/form-data, the API key in
 * `X-Api-Key`. The BOM is stored before the answer; the token (the SBOM's id) reads as processing
 * while the automatic analysis of its release (ADR 0015) is waiting or running, so a plugin that
 * waits for the token and then asks for findings gets the new ones. The token is polled at
 * `GET /api/v1/event/token/{token}` (Dependency-Track 4.11 and later) or `GET /api/v1/bom/token/{token}`.
 * `GET /api/v1/project/lookup?name=&version=` gives the release as a project (uuid, name, version).
 * For the plugins' synchronous publishing, which reads them to apply failure thresholds,
 * `GET /api/v1/finding/project/{uuid}` gives the release's current findings as DT Findings
 * (unsuppressed ones unless `suppressed=true`) and `GET /api/v1/metrics/project/{uuid}/current` their
 * counts as DT ProjectMetrics (services/dependency-track-findings.ts; the triage decisions as DT
 * analysis states: core/vulns/dependency-track.ts). Both read with the API key's read permission and
 * answer 404 for a release of another organisation, as for one that does not exist.
 *
 * These routes are the one exception to strict request input (plugins/strict-input.ts): they accept
 * body fields, form fields and query parameters mamori does not read, because DT clients send them
 * (see DtBomUpload in contract/sboms.ts).
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../contract/common.js';
import {
  DtBomProcessing,
  DtBomToken,
  DtBomUpload,
  DtFindingList,
  DtFindingsQuery,
  DtProject,
  DtProjectLookup,
  DtProjectMetrics,
  DtProjectParams,
} from '../../contract/sboms.js';
import { defaultSbomLimits } from '../../core/sbom/diagnostics.js';
import type { ServiceContext } from '../../services/context.js';
import { dtProjectFindings, dtProjectMetrics } from '../../services/dependency-track-findings.js';
import type { FindingsMonitor } from '../../services/findings-monitor.js';
import type { VulnDbSource } from '../../services/vulndb-source.js';
import { dependencyTrackFileName, lookupProject, uploadSbomForProject } from '../../services/dependency-track-upload.js';
import { getSbom } from '../../services/sboms.js';
import { sendProblem } from '../problem.js';

const truthy = (v: unknown) => v === true || v === 'true';
const lenientInput = 'Dependency-Track compatibility: DT clients send fields and parameters mamori does not read';

export function dependencyTrackRoutes(ctx: ServiceContext, options: { maxBytes: number; monitor: FindingsMonitor; vulnDb: VulnDbSource }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['dependency-track'];
    const limits = { ...defaultSbomLimits, maxBytes: options.maxBytes };
    // base64 makes the body a third larger than the file.
    const jsonLimit = Math.ceil(options.maxBytes * 1.4) + 4096;

    app.put(
      '/bom',
      {
        bodyLimit: jsonLimit,
        config: { permission: 'product.write', lenientInput },
        schema: { tags, summary: 'Upload a BOM the Dependency-Track way (JSON body, base64 BOM)', body: DtBomUpload, response: { 200: DtBomToken, ...problemResponses } },
      },
      async (request, reply) => {
        const { bom, project, projectName, projectVersion, autoCreate } = request.body;
        const bytes = Buffer.from(bom, 'base64');
        if (bytes.length === 0) return sendProblem(reply, { code: 'sbom.unreadable', message: 'The "bom" field is empty or not base64.' });
        const result = await uploadSbomForProject(ctx, request.auth!.actor, { project, projectName, projectVersion, autoCreate: truthy(autoCreate) }, new Uint8Array(bytes), dependencyTrackFileName(projectName, projectVersion), limits);
        if (result.ok) {
          options.monitor.analyseSoon(request.auth!.actor.organizationId, result.value.releaseId);
          return { token: result.value.id };
        }
        // Base64 decoding skips what is not base64, so a BOM sent as plain text reads as garbage: say so
        // (looked for only when the upload failed, not in every large body).
        const stray = /[^A-Za-z0-9+/=_\-\s]/.exec(bom);
        if (stray && (result.error.code === 'sbom.unreadable' || result.error.code === 'sbom.unsupported'))
          return sendProblem(reply, {
            code: 'sbom.unreadable',
            message: `The "bom" field is not base64 (character ${JSON.stringify(stray[0])} at position ${stray.index}): send the file base64-encoded, as for Dependency-Track.`,
          });
        return sendProblem(reply, result.error);
      },
    );

    await app.register(async (mp) => {
      // fields: room for every DT form field (project, projectName, projectVersion, autoCreate, parent*,
      // projectTags, isLatest, bom as text) and for those of later DT versions.
      await mp.register(multipart, { limits: { fileSize: options.maxBytes, files: 1, fields: 32, fieldSize: options.maxBytes } });
      mp.post(
        '/bom',
        {
          bodyLimit: jsonLimit,
          config: { permission: 'product.write', lenientInput },
          schema: { tags, summary: 'Upload a BOM the Dependency-Track way (multipart/form-data: project or projectName + projectVersion, autoCreate, bom; other DT fields are ignored)', response: { 200: DtBomToken, ...problemResponses } },
        },
        async (request, reply) => {
          if (!request.isMultipart()) return sendProblem(reply, { code: 'request.invalid', message: 'Send multipart/form-data (or use PUT with a JSON body).' });
          const fields: Record<string, string> = {};
          let bom: Buffer | null = null;
          let fileName = 'bom';
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              bom = await part.toBuffer();
              fileName = part.filename || fileName;
            } else if (typeof part.value === 'string') {
              if (part.fieldname === 'bom') bom = Buffer.from(part.value, 'utf8');
              else fields[part.fieldname] = part.value;
            }
          }
          if (!bom || bom.length === 0) return sendProblem(reply, { code: 'sbom.unreadable', message: 'The form has no "bom" part.' });
          const result = await uploadSbomForProject(
            ctx,
            request.auth!.actor,
            { project: fields.project, projectName: fields.projectName, projectVersion: fields.projectVersion, autoCreate: truthy(fields.autoCreate) },
            new Uint8Array(bom),
            fileName,
            limits,
          );
          if (!result.ok) return sendProblem(reply, result.error);
          options.monitor.analyseSoon(request.auth!.actor.organizationId, result.value.releaseId);
          return { token: result.value.id };
        },
      );
    });

    // Dependency-Track 4.11 moved the token poll to /event/token/{uuid} (the same answer) and
    // deprecated /bom/token/{uuid}; current clients use either, so both are served.
    const tokenRoute = (url: string, summary: string) =>
      app.get(
        url,
        { config: { lenientInput }, schema: { tags, summary, params: z.object({ token: z.string() }), response: { 200: DtBomProcessing, ...problemResponses } } },
        async (request, reply) => {
          const found = await getSbom(ctx, request.auth!.actor, request.params.token);
          return found.ok ? { processing: options.monitor.pending(found.value.releaseId) } : sendProblem(reply, found.error);
        },
      );
    tokenRoute('/event/token/:token', 'Whether an uploaded BOM is still being processed: true while the automatic analysis of its release is waiting or running (Dependency-Track 4.11 and later)');
    // The project of a name and version (DT's lookup, which CI scripts and plugins use to find the
    // UUID, then read its findings and metrics below).
    app.get(
      '/project/lookup',
      {
        config: { lenientInput },
        schema: { tags, summary: 'The release of a product name and release version, as a Dependency-Track project (uuid, name, version)', querystring: DtProjectLookup, response: { 200: DtProject, ...problemResponses } },
      },
      async (request, reply) => {
        const found = await lookupProject(ctx, request.auth!.actor, request.query.name, request.query.version);
        return found.ok ? found.value : sendProblem(reply, found.error);
      },
    );
    app.get(
      '/finding/project/:uuid',
      {
        config: { lenientInput },
        schema: {
          tags,
          summary:
            'The current findings of a release as Dependency-Track Findings: unsuppressed ones unless suppressed=true, the triage decision as analysis state (header X-Total-Count: how many)',
          params: DtProjectParams,
          querystring: DtFindingsQuery,
          response: { 200: DtFindingList, ...problemResponses },
        },
      },
      async (request, reply) => {
        const found = await dtProjectFindings(ctx, request.auth!.actor, options.vulnDb, request.params.uuid, request.query);
        if (!found.ok) return sendProblem(reply, found.error);
        return reply.header('X-Total-Count', String(found.value.length)).send(found.value);
      },
    );
    app.get(
      '/metrics/project/:uuid/current',
      {
        config: { lenientInput },
        schema: {
          tags,
          summary: 'The current findings of a release counted as Dependency-Track ProjectMetrics (no policies: policy violation counts are 0)',
          params: DtProjectParams,
          response: { 200: DtProjectMetrics, ...problemResponses },
        },
      },
      async (request, reply) => {
        const found = await dtProjectMetrics(ctx, request.auth!.actor, request.params.uuid);
        return found.ok ? found.value : sendProblem(reply, found.error);
      },
    );
    tokenRoute('/bom/token/:token', 'Whether an uploaded BOM is still being processed (the same as /event/token/{token}; the path of Dependency-Track before 4.11)');
  };
}
