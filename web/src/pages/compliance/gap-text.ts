import type { TFunction } from 'i18next';
import type { GapRowT } from './api.js';

/** A row's gap as shown on a badge; a release without an SBOM names the releases concerned. */
export function gapText(
  t: TFunction,
  gap: GapRowT['gaps'][number],
  row: Pick<GapRowT, 'releasesWithoutSbom'>,
): string {
  if (gap === 'release_without_sbom' && row.releasesWithoutSbom.length > 0)
    return t('compliance.gap.release_without_sbom_versions', {
      versions: row.releasesWithoutSbom.join(', '),
    });
  return t(`compliance.gap.${gap}`);
}
