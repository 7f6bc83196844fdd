/** The registry of quality profiles, in a fixed order. */
import {
  qualityProfileIds,
  type LocalizedText,
  type QualityProfile,
  type QualityProfileId,
} from './check.js';
import { bsiTr031832 } from './bsi-tr-03183-2.js';
import { cisa2026 } from './cisa-2026.js';
import { fda } from './fda.js';
import { jpMhlw } from './jp-mhlw.js';
import { ntia2021 } from './ntia-2021.js';

const profiles: Readonly<Record<QualityProfileId, QualityProfile>> = {
  'ntia-2021': ntia2021,
  'cisa-2026': cisa2026,
  fda,
  'jp-mhlw': jpMhlw,
  'bsi-tr-03183-2': bsiTr031832,
};

export interface QualityProfileSummary {
  readonly id: QualityProfileId;
  readonly title: LocalizedText;
  readonly source: LocalizedText;
  readonly versionDate: string;
  readonly requiredChecks: number;
  readonly recommendedChecks: number;
}

export function isQualityProfileId(value: string): value is QualityProfileId {
  return (qualityProfileIds as readonly string[]).includes(value);
}

export function getProfile(id: QualityProfileId): QualityProfile {
  return profiles[id];
}

export function listProfiles(): QualityProfileSummary[] {
  return qualityProfileIds.map((id) => {
    const p = profiles[id];
    return {
      id: p.id,
      title: p.title,
      source: p.source,
      versionDate: p.versionDate,
      requiredChecks: p.checks.filter((c) => c.severity === 'required').length,
      recommendedChecks: p.checks.filter((c) => c.severity === 'recommended').length,
    };
  });
}
