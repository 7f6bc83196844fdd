/**
 * Organisation-level records as compliance evidence ("assess once, report many"): the register of a
 * kind answers for the organisation-level entries of IEC 81001-5-1 and the Japanese instruments that
 * ask for it, whichever product's report shows them.
 *
 *   org_committee         ← IEC 4.1.2 (responsibilities), MHLW guidance 4.2 (an organisation for the
 *                           whole life cycle), MHLW 2023-05-23 existing.organization
 *   org_raci              ← IEC 4.1.2, MHLW guidance 4.3 (shared responsibility), existing.organization
 *   org_training          ← IEC 4.1.4 (security expertise: training and competence records)
 *   org_contact_points    ← IEC 9.2 (receiving notifications), MHLW guidance 6.3.policy (a published
 *                           disclosure policy acknowledging receipt in a set time), existing.organization
 *   org_isao_memberships  ← MHLW guidance 4.4 and 4.4.isao (information sharing, ISAO participation),
 *                           6.5.cve-jpcert (sharing with JPCERT/CC and ISAOs), existing.organization
 *   org_process_reviews   ← IEC 4.1.6 (continuous improvement), 4.1.8 (periodic review of security
 *                           defect management)
 *
 * Evidence without a recordId follows the register as it stands when read; with one, it pins a record.
 */
import { findCatalog } from '../catalogs/index.js';
import { IEC, MHLW_0523, MHLW_GUIDANCE } from '../catalogs/keys.js';
import { currentRecord, type CurrentRecord, type EvidenceRecordType } from '../core/compliance/evidence.js';
import { dayOf, orgRecordStatuses, type AnyOrgRecord, type OrgRecordKind } from '../core/domain/org-records.js';
import type { Db } from '../store/database.js';
import { findOrgRecord, listOrgRecords } from '../store/repositories/org-records.js';

export const orgRecordEvidenceKinds = {
  org_committee: 'committee_member',
  org_raci: 'raci_assignment',
  org_training: 'training_record',
  org_contact_points: 'contact_point',
  org_isao_memberships: 'isao_membership',
  org_process_reviews: 'process_review',
} as const satisfies Partial<Record<EvidenceRecordType, OrgRecordKind>>;
export type OrgRecordEvidenceType = keyof typeof orgRecordEvidenceKinds;

export const isOrgRecordEvidenceType = (t: string | null): t is OrgRecordEvidenceType =>
  t !== null && Object.prototype.hasOwnProperty.call(orgRecordEvidenceKinds, t);

/** The catalog entries each register answers for (catalog key, entry id). */
export const orgRecordEvidenceEntries: Readonly<Record<OrgRecordEvidenceType, readonly (readonly [string, string])[]>> = {
  org_committee: [[IEC, '4.1.2'], [MHLW_GUIDANCE, '4.2'], [MHLW_0523, 'existing.organization']],
  org_raci: [[IEC, '4.1.2'], [MHLW_GUIDANCE, '4.3'], [MHLW_0523, 'existing.organization']],
  org_training: [[IEC, '4.1.4']],
  org_contact_points: [[IEC, '9.2'], [MHLW_GUIDANCE, '6.3.policy'], [MHLW_0523, 'existing.organization']],
  org_isao_memberships: [[MHLW_GUIDANCE, '4.4'], [MHLW_GUIDANCE, '4.4.isao'], [MHLW_GUIDANCE, '6.5.cve-jpcert'], [MHLW_0523, 'existing.organization']],
  org_process_reviews: [[IEC, '4.1.6'], [IEC, '4.1.8']],
};

const titles: Readonly<Record<OrgRecordEvidenceType, { readonly ja: string; readonly en: string }>> = {
  org_committee: { ja: 'セキュリティ委員会の構成員', en: 'Security committee members' },
  org_raci: { ja: 'セキュリティ活動の RACI', en: 'RACI chart of security activities' },
  org_training: { ja: 'セキュリティ教育訓練と力量の記録', en: 'Security training and competence records' },
  org_contact_points: { ja: '脆弱性の報告窓口', en: 'Vulnerability contact points' },
  org_isao_memberships: { ja: 'ISAO への参加', en: 'ISAO memberships' },
  org_process_reviews: { ja: 'プロセスの定期レビュー', en: 'Periodic process reviews' },
};

function label(r: AnyOrgRecord): string {
  switch (r.kind) {
    case 'committee_member':
      return `${r.name} (${r.role})`;
    case 'raci_assignment':
      return `${r.activity}: ${r.party} ${r.assignment}`;
    case 'training_record':
      return `${r.person}: ${r.course} ${r.completedOn}`;
    case 'contact_point':
      return `${r.channel} ${r.address}`;
    case 'isao_membership':
      return r.organizationName;
    case 'process_review':
      return `${r.process} ${r.reviewedOn}`;
  }
}

interface RegisterState {
  readonly live: number;
  readonly attention: number;
  readonly latest: string | null;
}

async function registerState(db: Db, organizationId: string, kind: OrgRecordKind, today: string): Promise<RegisterState> {
  const records = (await listOrgRecords(db, kind, organizationId, { includeArchived: false })) as AnyOrgRecord[];
  const statuses = orgRecordStatuses(records, today);
  let attention = 0;
  let live = 0;
  for (const r of records) {
    const s = statuses.get(r.id);
    if (s === 'overdue' || s === 'expired' || s === 'failed') attention += 1;
    if (s !== 'ended' && s !== 'superseded' && s !== 'expired' && s !== 'failed') live += 1;
  }
  const latest = kind === 'process_review' ? records.map((r) => (r.kind === 'process_review' ? r.reviewedOn : '')).sort().at(-1) ?? null : null;
  return { live, attention, latest };
}

/**
 * What an org-record evidence link points at: a pinned record, or the register (its records that are
 * not archived). Null when the register is empty or the pinned record is gone. The label names no
 * date-dependent status, so the same evidence reads the same in every report of the day.
 */
export async function orgRecordCurrent(
  db: Db,
  organizationId: string,
  type: OrgRecordEvidenceType,
  recordId: string | null,
): Promise<CurrentRecord | null> {
  const kind = orgRecordEvidenceKinds[type];
  if (recordId) {
    const r = (await findOrgRecord(db, kind, organizationId, recordId)) as AnyOrgRecord | undefined;
    return r ? currentRecord(type, r.id, { ja: `${label(r)}${r.archivedAt ? '（アーカイブ済み）' : ''}`, en: `${label(r)}${r.archivedAt ? ' (archived)' : ''}` }) : null;
  }
  const records = (await listOrgRecords(db, kind, organizationId, { includeArchived: false })) as AnyOrgRecord[];
  if (records.length === 0) return null;
  const latest = records.map((r) => (r.kind === 'process_review' ? r.reviewedOn : r.kind === 'training_record' ? r.completedOn : '')).sort().at(-1);
  const n = records.length;
  return currentRecord(type, `${type}:${organizationId}`, {
    ja: `${titles[type].ja}: ${n} 件${latest ? `、最新 ${latest}` : ''}`,
    en: `${titles[type].en}: ${n} record${n === 1 ? '' : 's'}${latest ? `, latest ${latest}` : ''}`,
  });
}

/** A pinned record must exist in the organisation; a register link needs nothing. */
export async function checkOrgRecordEvidence(db: Db, organizationId: string, type: OrgRecordEvidenceType, recordId: string | null): Promise<string | null> {
  if (recordId === null) return null;
  const found = await findOrgRecord(db, orgRecordEvidenceKinds[type], organizationId, recordId);
  return found ? null : `No ${orgRecordEvidenceKinds[type].replace('_', ' ')} ${recordId} in this organisation.`;
}

const reasons: Readonly<Record<OrgRecordEvidenceType, (s: RegisterState) => { ja: string; en: string }>> = {
  org_committee: (s) => ({
    ja: `セキュリティ委員会の構成員と役割（現任 ${s.live} 名）の記録。責任の明確化と、ライフサイクル全体を担う体制を示す。`,
    en: `The security committee's members and roles (${s.live} serving) show who is responsible and that an organisation carries security through the life cycle.`,
  }),
  org_raci: (s) => ({
    ja: `活動ごとの RACI（${s.live} 件）は、各セキュリティ活動の実行責任者・説明責任者・協議先・報告先を示す。`,
    en: `The RACI chart (${s.live} assignments) names who is responsible, accountable, consulted and informed for each security activity.`,
  }),
  org_training: (s) => ({
    ja: `教育訓練と力量の記録（有効 ${s.live} 件${s.attention ? `、期限切れ ${s.attention} 件` : ''}）は、セキュリティ担当者の専門能力を示す。`,
    en: `Training and competence records (${s.live} valid${s.attention ? `, ${s.attention} expired` : ''}) demonstrate the security expertise of the people in security roles.`,
  }),
  org_contact_points: (s) => ({
    ja: `脆弱性の報告窓口（${s.live} 件、公開 URL と受領確認までの日数を含む）は、外部からの脆弱性通知を受け付ける手段を示す。`,
    en: `The vulnerability contact points (${s.live}, with published URL and acknowledgement time) show how vulnerability reports from outside are received.`,
  }),
  org_isao_memberships: (s) => ({
    ja: `ISAO 等への参加記録（参加中 ${s.live} 件）は、脅威・脆弱性情報の共有体制を示す。`,
    en: `ISAO memberships (${s.live} active) record participation in sharing threat and vulnerability information.`,
  }),
  org_process_reviews: (s) => ({
    ja: `プロセスの定期レビュー（${s.live} 件${s.latest ? `、直近 ${s.latest}` : ''}${s.attention ? `、期限超過 ${s.attention} 件` : ''}）は、継続的改善と欠陥管理の見直しの記録になる。`,
    en: `Periodic process reviews (${s.live}${s.latest ? `, last on ${s.latest}` : ''}${s.attention ? `, ${s.attention} overdue` : ''}) record continuous improvement and the review of defect management.`,
  }),
};

const noneYet: { ja: string; en: string } = {
  ja: 'まだ記録がない（なし）。「組織の記録」の画面で登録すると提案される。',
  en: 'No records yet (none). They are suggested once entered on the organisation records page.',
};

export interface OrgRecordSuggestion {
  readonly catalog: string;
  readonly entry: string;
  readonly recordType: OrgRecordEvidenceType;
  readonly title: { readonly ja: string; readonly en: string };
  readonly available: boolean;
  readonly reason: { readonly ja: string; readonly en: string };
}

/**
 * Per register and entry: the suggestion, available when the register holds a record in force.
 * `onlyLevel: 'both'` keeps the entries a product may also assess itself (e.g. IEC 9.2), for the
 * product-scope suggestions.
 */
export async function orgRecordSuggestions(db: Db, organizationId: string, now: Date, onlyLevel?: 'both'): Promise<OrgRecordSuggestion[]> {
  const out: OrgRecordSuggestion[] = [];
  const today = dayOf(now);
  const levelOf = (catalog: string, entry: string) => findCatalog(catalog)?.entries.find((e) => e.id === entry)?.level;
  for (const type of Object.keys(orgRecordEvidenceKinds) as OrgRecordEvidenceType[]) {
    const entries = orgRecordEvidenceEntries[type].filter(([catalog, entry]) => onlyLevel === undefined || levelOf(catalog, entry) === onlyLevel);
    if (entries.length === 0) continue;
    const s = await registerState(db, organizationId, orgRecordEvidenceKinds[type], today);
    const available = s.live > 0;
    for (const [catalog, entry] of entries)
      out.push({ catalog, entry, recordType: type, title: titles[type], available, reason: available ? reasons[type](s) : noneYet });
  }
  return out;
}
