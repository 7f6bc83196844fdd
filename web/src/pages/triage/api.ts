/** Triage and VEX calls: types from the zod contract, calls through the shared request(). */
import type { z } from 'zod';
import type { ClinicalProfile, FindingTriage, TriageBody, TriagedFinding, TriageProposal, TriageQueue } from '../../../../src/contract/triage.js';
import { request } from '../../api/client.js';

export type TriagedFindingT = z.infer<typeof TriagedFinding>;
export type FindingTriageT = z.infer<typeof FindingTriage>;
export type ClinicalProfileT = z.infer<typeof ClinicalProfile>;
export type TriageBodyT = z.input<typeof TriageBody>;
export type TriageProposalT = z.infer<typeof TriageProposal>;
export type TriageQueueT = z.infer<typeof TriageQueue>;
/** A page of the queue, filtered on the server (band: one priority band; q: text). */
export interface TriageQueueQueryT {
  includeClosed: boolean;
  band?: string;
  q?: string;
  limit: number;
  offset: number;
}

const enc = encodeURIComponent;

export const vexFormats = ['cyclonedx', 'cyclonedx-embedded', 'openvex', 'csaf_vex', 'csaf_security_advisory'] as const;
/** The release SBOM export the VEX names (BOM-Links) or is embedded into; hospital first, the default. */
export const vexVariants = ['hospital', 'full'] as const;
export type VexVariant = (typeof vexVariants)[number];

export const triageApi = {
  queue: (releaseId: string, query: TriageQueueQueryT) =>
    request<TriageQueueT>('GET', `/releases/${enc(releaseId)}/triage-queue`, {
      query: { includeClosed: query.includeClosed ? 'true' : 'false', band: query.band || undefined, q: query.q || undefined, limit: query.limit, offset: query.offset },
    }),
  get: (findingId: string) => request<FindingTriageT>('GET', `/findings/${enc(findingId)}/triage`),
  set: (findingId: string, body: TriageBodyT) => request<TriagedFindingT>('POST', `/findings/${enc(findingId)}/triage`, { body }),
  profile: (productId: string) => request<ClinicalProfileT>('GET', `/products/${enc(productId)}/clinical-profile`),
  putProfile: (productId: string, body: Pick<ClinicalProfileT, 'answers' | 'exposure'>) =>
    request<ClinicalProfileT>('PUT', `/products/${enc(productId)}/clinical-profile`, { body }),
  proposals: (productId: string) => request<{ items: TriageProposalT[] }>('GET', `/products/${enc(productId)}/triage-proposals`),
  review: (proposalId: string, verdict: 'accept' | 'reject') =>
    request<unknown>('POST', `/triage-proposals/${enc(proposalId)}/review`, { body: { verdict, note: null } }),
  vexUrl: (productId: string, releaseId: string, format: string, lang: string, namespace: string | null = null, variant: VexVariant = 'hospital') =>
    `/api/v1/products/${enc(productId)}/vex?format=${enc(format)}&releaseId=${enc(releaseId)}&lang=${enc(lang)}&variant=${enc(variant)}${namespace ? `&namespace=${enc(namespace)}` : ''}`,
};
