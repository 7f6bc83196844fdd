/** Vulnerabilities and findings: types from the zod contract, calls through the shared request(). */
import type { z } from 'zod';
import type {
  AffectedBy,
  AnalysisSummary,
  FeedsStatus,
  Finding,
  FindingDecision,
  FindingEvent,
  FindingPage,
  PortfolioPage,
  PortfolioRow,
  RefreshSummary,
  ReleaseFinding,
  SeverityHistory,
  UnevaluatedComponent,
  VulnerabilityDetail,
  VulnerabilityPage,
  VulnerabilitySummary,
} from '../../../src/contract/findings.js';
import { request } from './client.js';

export type SeverityT = 'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown';
export const severityOrder: readonly SeverityT[] = ['critical', 'high', 'medium', 'low', 'none', 'unknown'];
export type FindingStatusT = z.infer<typeof Finding>['status'];
export type FeedsStatusT = z.infer<typeof FeedsStatus>;
export type FindingT = z.infer<typeof Finding>;
export type ReleaseFindingT = z.infer<typeof ReleaseFinding>;
export type FindingDecisionT = z.infer<typeof FindingDecision>;
export type FindingPageT = z.infer<typeof FindingPage>;
export type FindingEventT = z.infer<typeof FindingEvent>;
export type UnevaluatedT = z.infer<typeof UnevaluatedComponent>;
export type AnalysisSummaryT = z.infer<typeof AnalysisSummary>;
export type RefreshSummaryT = z.infer<typeof RefreshSummary>;
export type VulnerabilitySummaryT = z.infer<typeof VulnerabilitySummary>;
export type VulnerabilityPageT = z.infer<typeof VulnerabilityPage>;
export type VulnerabilityDetailT = z.infer<typeof VulnerabilityDetail>;
export type PortfolioRowT = z.infer<typeof PortfolioRow>;
export type AffectedByT = z.infer<typeof AffectedBy>;
export type SeverityHistoryT = z.infer<typeof SeverityHistory>;

export interface FindingQueryT {
  severity?: string;
  kev?: 'true' | 'false';
  status?: FindingStatusT | 'all';
  q?: string;
  /** Comma-separated applied triage decisions: undecided or VEX states. */
  decision?: string;
  limit?: number;
  offset?: number;
}

/** Archived products and releases in a list: left out, included (marked) or alone. */
export type ArchivedT = 'exclude' | 'include' | 'only';
/** A page of a portfolio question. */
export interface PortfolioQueryT {
  archived?: ArchivedT;
  limit?: number;
  offset?: number;
}
export type PortfolioPageT = z.infer<typeof PortfolioPage>;

const enc = encodeURIComponent;

export const vulnsApi = {
  listFindings: (releaseId: string, query: FindingQueryT) =>
    request<FindingPageT>('GET', `/releases/${enc(releaseId)}/findings`, { query: { ...query } }),
  listUnevaluated: (releaseId: string) =>
    request<{ items: UnevaluatedT[] }>('GET', `/releases/${enc(releaseId)}/findings/unevaluated`),
  analyze: (releaseId: string) => request<AnalysisSummaryT>('POST', `/releases/${enc(releaseId)}/analyze`),
  refresh: () => request<RefreshSummaryT>('POST', '/findings/refresh'),
  listVulnerabilities: (query: { q?: string; severity?: string; kev?: 'true' | 'false'; archived?: ArchivedT; limit?: number; offset?: number }) =>
    request<VulnerabilityPageT>('GET', '/vulnerabilities', { query: { ...query } }),
  getVulnerability: (id: string) => request<VulnerabilityDetailT>('GET', `/vulnerabilities/${enc(id)}`),
  affectedBy: (id: string, query: PortfolioQueryT) => request<AffectedByT>('GET', `/affected-by/${enc(id)}`, { query: { ...query } }),
  kevInField: (query: PortfolioQueryT) => request<PortfolioPageT>('GET', '/kev-in-field', { query: { ...query } }),
  newSince: (since: string, query: PortfolioQueryT) => request<PortfolioPageT>('GET', '/new-since', { query: { since, ...query } }),
  severityHistory: (releaseId?: string) =>
    request<SeverityHistoryT>('GET', '/severity-history', { query: { releaseId } }),
};
