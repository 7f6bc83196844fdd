/** Compliance calls: types from the zod contract, JSON through the shared request(). */
import type { z } from 'zod';
import type {
  ApplicabilityAnswers,
  ApplicabilityProposal,
  ComplianceAssessmentBulkResult,
  ComplianceAssessmentResult,
  ComplianceCatalogEntries,
  ComplianceCatalogSummary,
  ComplianceEntryEvidence,
  ComplianceEvidence,
  ComplianceGapAnalysis,
  ComplianceProfile,
  ComplianceSuggestion,
} from '../../../../src/contract/compliance.js';
import { api, ApiError, request } from '../../api/client.js';

export type GapAnalysisT = z.infer<typeof ComplianceGapAnalysis>;
export type GapRowT = GapAnalysisT['catalogs'][number]['rows'][number];
export type EvidenceT = z.infer<typeof ComplianceEvidence>;
export type EntryEvidenceT = z.infer<typeof ComplianceEntryEvidence>;
export type SuggestionT = z.infer<typeof ComplianceSuggestion>;
export type ProfileT = z.infer<typeof ComplianceProfile>;
export type CatalogSummaryT = z.infer<typeof ComplianceCatalogSummary>;
export type AssessmentResultT = z.infer<typeof ComplianceAssessmentResult>;
export type BulkResultT = z.infer<typeof ComplianceAssessmentBulkResult>;
export type CatalogEntriesT = z.infer<typeof ComplianceCatalogEntries>;
export type AnswersT = z.input<typeof ApplicabilityAnswers>;
export type ProposalT = z.infer<typeof ApplicabilityProposal>;
export type StatusT = NonNullable<GapRowT['status']>;
export const statuses: readonly StatusT[] = ['not_started', 'in_progress', 'implemented', 'verified', 'not_applicable'];

const enc = encodeURIComponent;

/** Catalog data is frozen per edition: each catalog's entries are fetched once per page load. */
const entriesCache = new Map<string, Promise<CatalogEntriesT>>();

export const complianceApi = {
  gaps: (productId: string) => request<GapAnalysisT>('GET', `/compliance/${enc(productId)}/gaps`),
  profile: (productId: string) => request<ProfileT>('GET', `/compliance/${enc(productId)}/profile`),
  catalogs: () => request<CatalogSummaryT[]>('GET', '/compliance/catalogs'),
  catalogEntries: (catalog: string): Promise<CatalogEntriesT> => {
    let p = entriesCache.get(catalog);
    if (!p) {
      p = request<CatalogEntriesT>('GET', `/compliance/catalogs/${enc(catalog)}/entries`);
      p.catch(() => entriesCache.delete(catalog));
      entriesCache.set(catalog, p);
    }
    return p;
  },
  applicability: (productId: string, body: AnswersT) => request<ProposalT>('POST', `/compliance/${enc(productId)}/applicability`, { body }),
  setProfile: (productId: string, body: { route: ProfileT['route']; catalogs: string[]; answers: AnswersT | null }) =>
    request<ProfileT>('PUT', `/compliance/${enc(productId)}/profile`, { body }),
  setAssessment: (productId: string, catalog: string, entry: string, body: { status: StatusT; justification?: string; owner?: string; dueDate?: string | null; notes?: string }) =>
    request<AssessmentResultT>('PUT', `/compliance/${enc(productId)}/assessments/${enc(catalog)}/${enc(entry)}`, { body }),
  /** Many statuses in one transaction: all stored, or none (the problem names each invalid item). */
  setAssessments: (scope: string, items: { catalog: string; entry: string; status: StatusT; justification?: string }[]) =>
    request<BulkResultT>('POST', `/compliance/${enc(scope)}/assessments/bulk`, { body: { items } }),
  evidence: (scope: string, catalog: string, entry: string) =>
    request<EvidenceT[]>('GET', `/compliance/${enc(scope)}/evidence`, { query: { catalog, entry } }),
  /** Every item behind the entry's evidence count in the scope's gap analysis, with where it is recorded. */
  entryEvidence: (scope: string, catalog: string, entry: string) =>
    request<EntryEvidenceT>('GET', `/compliance/${enc(scope)}/evidence/${enc(catalog)}/${enc(entry)}`),
  suggestions: (productId: string) => request<SuggestionT[]>('GET', `/compliance/${enc(productId)}/suggestions`),
  /** Links a suggestion under its title in the screen's language (the title reports cite). */
  link: (productId: string, s: SuggestionT, lang: 'ja' | 'en') =>
    request<EvidenceT>('POST', `/compliance/${enc(productId)}/evidence/${enc(s.catalog)}/${enc(s.entry)}`, { body: { recordType: s.recordType, recordId: s.recordId, title: s.title[lang] } }),
  approve: (id: string) => request<EvidenceT>('POST', `/evidence/${enc(id)}/approve`),
  /** New title (document name) and version (number/revision); a change withdraws the approval. */
  updateEvidence: (id: string, body: { title: string; version: string }) => request<EvidenceT>('PATCH', `/evidence/${enc(id)}`, { body }),
  exportUrl: (productId: string, format: 'html' | 'csv' | 'pdf', lang: 'ja' | 'en', document: 'gap' | 'annex-f' = 'gap') =>
    `/api/v1/compliance/${enc(productId)}/export?format=${format}&lang=${lang}&document=${document}`,
  fileUrl: (id: string) => `/api/v1/evidence/${enc(id)}/file`,
  /** Uploads the file as the raw body, with the session's CSRF token. */
  async upload(scope: string, catalog: string, entry: string, file: File, meta: { title: string; version: string } = { title: '', version: '' }): Promise<EvidenceT> {
    const session = await api.getSession();
    const query = `fileName=${enc(file.name || 'evidence')}&title=${enc(meta.title.trim())}&version=${enc(meta.version.trim())}`;
    // Without a type from the browser the server tells it from the file's first bytes and name.
    const res = await fetch(`/api/v1/compliance/${enc(scope)}/evidence/${enc(catalog)}/${enc(entry)}/file?${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream', 'x-csrf-token': session.csrfToken ?? '' },
      body: file,
    });
    const body = (await res.json().catch(() => null)) as { code?: string; detail?: string } | null;
    if (!res.ok) throw new ApiError(res.status, body?.code ?? 'http.error', body?.detail ?? `HTTP ${res.status}`, [], {});
    return body as EvidenceT;
  },
};
