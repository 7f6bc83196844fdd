/** Annex F workflow calls: types from the zod contract, JSON through the shared request(). */
import type { z } from 'zod';
import type { AnnexFGapPut, AnnexFRecord, AnnexFRecordPut, AnnexFState } from '../../../../src/contract/annex-f.js';
import { request } from '../../api/client.js';

export type AnnexFStateT = z.infer<typeof AnnexFState>;
export type AnnexFGapT = AnnexFStateT['gaps'][number];
export type AnnexFRecordT = z.infer<typeof AnnexFRecord>;
export type AnnexFGapInputT = z.input<typeof AnnexFGapPut>;
export type AnnexFRecordInputT = z.input<typeof AnnexFRecordPut>;
export type ReadinessProblemT = AnnexFStateT['readiness']['warnings'][number];

const base = (productId: string) => `/products/${encodeURIComponent(productId)}/compliance/annex-f`;

export const annexFApi = {
  get: (productId: string) => request<AnnexFStateT>('GET', base(productId)),
  saveRecord: (productId: string, body: AnnexFRecordInputT) => request<AnnexFRecordT>('PUT', `${base(productId)}/record`, { body }),
  propose: (productId: string) => request<unknown[]>('POST', `${base(productId)}/gaps/propose`),
  createGap: (productId: string, body: AnnexFGapInputT) => request<unknown>('POST', `${base(productId)}/gaps`, { body }),
  updateGap: (productId: string, gapId: string, body: AnnexFGapInputT) => request<unknown>('PUT', `${base(productId)}/gaps/${encodeURIComponent(gapId)}`, { body }),
  deleteGap: (productId: string, gapId: string) => request<unknown>('DELETE', `${base(productId)}/gaps/${encodeURIComponent(gapId)}`),
  decide: (productId: string) => request<AnnexFRecordT>('POST', `${base(productId)}/decision`),
};
