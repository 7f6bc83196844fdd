import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../contract/common.js';
import {
  AffectedBy,
  NewSinceQuery,
  PortfolioPage,
  PortfolioQuery,
  SeverityHistory,
  SeverityHistoryQuery,
  VulnerabilityDetail,
  VulnerabilityIdParams,
  VulnerabilityListQuery,
  VulnerabilityPage,
} from '../../contract/findings.js';
import { mapResult } from '../../core/result.js';
import type { ServiceContext } from '../../services/context.js';
import { affectedBy, feedsStatus, findingsCurrency, getVulnerability, kevInField, listVulnerabilities, newSince, severityHistory } from '../../services/findings.js';
import type { FindingsMonitor } from '../../services/findings-monitor.js';
import type { VulnDbSource } from '../../services/vulndb-source.js';
import { sendResult } from '../problem.js';

/** Vulnerabilities of the organisation and the portfolio questions. */
export function vulnerabilityRoutes(ctx: ServiceContext, vulnDb: VulnDbSource, monitor: FindingsMonitor): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['vulnerabilities'];
    app.get(
      '/vulnerabilities',
      { schema: { tags, summary: 'Vulnerabilities with active findings in the organisation (KEV first, then by severity)', querystring: VulnerabilityListQuery, response: { 200: VulnerabilityPage, ...problemResponses } } },
      async (request, reply) => {
        const { limit, offset, q, severity, kev, archived } = request.query;
        const result = await listVulnerabilities(ctx, request.auth!.actor, { q, severity, kev, archived }, { limit, offset });
        if (!result.ok) return sendResult(reply, result);
        const current = await findingsCurrency(ctx, request.auth!.actor);
        return sendResult(reply, mapResult(current, (findingsCurrent) => ({ ...result.value, items: [...result.value.items], feeds: feedsStatus(vulnDb, request.auth!.actor, monitor, ctx.clock()), findingsCurrent })));
      },
    );
    app.get(
      '/vulnerabilities/:id',
      {
        schema: {
          tags,
          summary: 'One vulnerability by any id: aliases, references, CVSS, EPSS, KEV, and the releases it affects',
          description:
            'Also an id with no record of its own that records name as related (an OSV upstream list naming several vulnerabilities, a JVN record naming several CVEs): `records` empty, `relatedBy` naming those records, `affected` the releases affected through them (`via`), with the KEV entry and EPSS score of the id when the database has them. An id that neither the vulnerability database nor any finding of the organisation knows is 404 vulnerability.not_found.',
          params: VulnerabilityIdParams,
          response: { 200: VulnerabilityDetail, ...problemResponses },
        },
      },
      async (request, reply) =>
        sendResult(
          reply,
          mapResult(await getVulnerability(ctx, request.auth!.actor, vulnDb, request.params.id, monitor), (d) => ({
            ...d,
            publishedFrom: d.publishedFrom && { ...d.publishedFrom },
            aliases: [...d.aliases],
            cvss: d.cvss.map((c) => ({ ...c })),
            cwes: [...d.cwes],
            references: d.references.map((r) => ({ ...r })),
            records: d.records.map((r) => ({ ...r })),
            relatedBy: [...d.relatedBy],
            affected: [...d.affected],
          })),
        ),
    );
    app.get(
      '/affected-by/:id',
      {
        schema: {
          tags,
          summary: 'Products and releases affected by a vulnerability (CVE, GHSA or any alias), a page at a time',
          description: 'Also the releases affected through the records that name the id as related (an OSV upstream list naming several vulnerabilities, a JVN record naming several CVEs), each such row with `via`. An id that neither the vulnerability database nor any finding of the organisation knows is 404 vulnerability.not_found; a known id that affects nothing gives an empty list. Archived products and releases are left out unless archived=include or only.',
          params: VulnerabilityIdParams,
          querystring: PortfolioQuery,
          response: { 200: AffectedBy, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { limit, offset, archived } = request.query;
        return sendResult(reply, mapResult(await affectedBy(ctx, request.auth!.actor, vulnDb, request.params.id, { limit, offset }, archived), (v) => ({ id: v.id, ids: [...v.ids], relatedBy: [...v.relatedBy], ...v.page, items: [...v.page.items] })));
      },
    );
    app.get(
      '/kev-in-field',
      { schema: { tags, summary: 'Known-exploited (CISA KEV) findings in releases on the market (support or limited support; archived ones only when asked for), earliest due date first, a page at a time', querystring: PortfolioQuery, response: { 200: PortfolioPage, ...problemResponses } } },
      async (request, reply) => {
        const { limit, offset, archived } = request.query;
        return sendResult(reply, mapResult(await kevInField(ctx, request.auth!.actor, { limit, offset }, archived), (page) => ({ ...page, items: [...page.items] })));
      },
    );
    app.get(
      '/new-since',
      { schema: { tags, summary: 'Findings that became new since a date (still active), newest first, a page at a time (one row per finding, at its latest `new` event)', querystring: NewSinceQuery, response: { 200: PortfolioPage, ...problemResponses } } },
      async (request, reply) => {
        const { since, limit, offset, archived } = request.query;
        return sendResult(reply, mapResult(await newSince(ctx, request.auth!.actor, since, { limit, offset }, archived), (page) => ({ ...page, items: [...page.items] })));
      },
    );
    app.get(
      '/severity-history',
      { schema: { tags, summary: 'Active findings per severity over time (from the finding events), for one release or the organisation', querystring: SeverityHistoryQuery, response: { 200: SeverityHistory, ...problemResponses } } },
      async (request, reply) => sendResult(reply, mapResult(await severityHistory(ctx, request.auth!.actor, request.query.releaseId ?? null), (points) => ({ points: points.map((p) => ({ date: p.date, counts: { ...p.counts } })) }))),
    );
  };
}
