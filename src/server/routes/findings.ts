import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PageQuery, problemResponses } from '../../contract/common.js';
import { AnalysisSummary, FindingEventPage, FindingListQuery, FindingPage, RefreshSummary, UnevaluatedComponent, VulnSettings, VulnSettingsPut, VulnSettingsResult } from '../../contract/findings.js';
import { mapResult } from '../../core/result.js';
import type { ServiceContext } from '../../services/context.js';
import { analyzeRelease, feedsStatus, listReleaseFindings, listUnevaluated, reanalyzeProduct, refreshFindings, releaseEvents } from '../../services/findings.js';
import { getVulnSettings, setVulnSettings } from '../../services/vuln-settings.js';
import type { FindingsMonitor } from '../../services/findings-monitor.js';
import type { VulnDbSource } from '../../services/vulndb-source.js';
import { presentReleaseFinding } from '../presenters/findings.js';
import { sendResult } from '../problem.js';

/**
 * Findings per release: list with filters, unevaluated components, events; analysis and re-analysis.
 * Analyses started here wait for the monitor's queue, so they never interleave with automatic ones.
 */
export function findingRoutes(ctx: ServiceContext, vulnDb: VulnDbSource, monitor: FindingsMonitor): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['findings'];
    app.get(
      '/releases/:id/findings',
      { schema: { tags, summary: 'Vulnerability findings of a release (KEV first, then by severity), with the last analysis and the feeds status', params: IdParams, querystring: FindingListQuery, response: { 200: FindingPage, ...problemResponses } } },
      async (request, reply) => {
        const { limit, offset, severity, kev, status, q, decision } = request.query;
        const result = await listReleaseFindings(ctx, request.auth!.actor, request.params.id, { severity, kev, status, q, decision }, { limit, offset });
        return sendResult(reply, mapResult(result, (v) => ({ ...v.page, items: v.page.items.map(presentReleaseFinding), analysis: v.analysis && { ...v.analysis }, analysisPending: monitor.pending(request.params.id), feeds: feedsStatus(vulnDb, request.auth!.actor, monitor, ctx.clock()) })));
      },
    );
    app.get(
      '/releases/:id/findings/unevaluated',
      { schema: { tags, summary: 'Components of a release that could not be evaluated, with the reason', params: IdParams, response: { 200: z.object({ items: z.array(UnevaluatedComponent) }), ...problemResponses } } },
      async (request, reply) => sendResult(reply, mapResult(await listUnevaluated(ctx, request.auth!.actor, request.params.id), (items) => ({ items }))),
    );
    app.get(
      '/releases/:id/findings/events',
      { schema: { tags, summary: 'Finding events of a release (new, changed, withdrawn, gone), oldest first', params: IdParams, querystring: PageQuery, response: { 200: FindingEventPage, ...problemResponses } } },
      async (request, reply) => sendResult(reply, mapResult(await releaseEvents(ctx, request.auth!.actor, request.params.id, request.query), (page) => ({ ...page, items: page.items.map((e) => ({ ...e, detail: { ...e.detail } })) }))),
    );
    app.post(
      '/releases/:id/analyze',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Analyse the current inventory of a release against the vulnerability database', params: IdParams, response: { 200: AnalysisSummary, ...problemResponses } } },
      async (request, reply) => sendResult(reply, await monitor.run(() => analyzeRelease(ctx, request.auth!.actor, vulnDb, request.params.id))),
    );
    app.get(
      '/products/:id/vulnerability-settings',
      { schema: { tags, summary: 'The product’s vulnerability matching settings (CPE matching mode)', params: IdParams, response: { 200: VulnSettings, ...problemResponses } } },
      async (request, reply) => sendResult(reply, await getVulnSettings(ctx, request.auth!.actor, request.params.id)),
    );
    app.put(
      '/products/:id/vulnerability-settings',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Set the product’s CPE matching mode; releases analysed before are analysed again at once', params: IdParams, body: VulnSettingsPut, response: { 200: VulnSettingsResult, ...problemResponses } } },
      async (request, reply) => {
        const actor = request.auth!.actor;
        const saved = await setVulnSettings(ctx, actor, request.params.id, request.body);
        if (!saved.ok) return sendResult(reply, saved);
        const again = await monitor.run(() => reanalyzeProduct(ctx, actor, vulnDb, request.params.id));
        return sendResult(reply, mapResult(again, (r) => ({ ...saved.value, reanalysedReleases: r.releases })));
      },
    );
    app.post(
      '/findings/refresh',
      { config: { permission: 'product.write' }, schema: { tags, summary: 'Re-analyse after feed changes: only components of packages the change log touched since the last refresh', response: { 200: RefreshSummary, ...problemResponses } } },
      async (request, reply) => sendResult(reply, await monitor.run(() => refreshFindings(ctx, request.auth!.actor, vulnDb))),
    );
  };
}
