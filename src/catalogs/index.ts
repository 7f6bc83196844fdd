/**
 * Every shipped catalog, crosswalk and curated gap list. Catalog and crosswalk files are frozen once
 * released; a new edition is a new file added here, never an edit of an old one.
 */
import { catalogKey, resolveCatalog, type Catalog } from '../core/compliance/catalog.js';
import { uncoveredEntries, type CoverageGap, type Crosswalk } from '../core/compliance/crosswalk.js';
import { dualStandardGaps } from './crosswalks/dual-standard.js';
import { euIecCrosswalk } from './crosswalks/eu-iec.js';
import { fdaIecCrosswalk } from './crosswalks/fda-iec.js';
import { imdrfIecCrosswalk } from './crosswalks/imdrf-iec.js';
import { mhlwIecCrosswalk } from './crosswalks/mhlw-iec.js';
import { fdaPremarket2025 } from './fda-premarket-cybersecurity/2025-06-27.js';
import { fdca524b } from './fdca-524b/2022-12-29.js';
import { iec81001_5_1_2021 } from './iec-81001-5-1/2021.js';
import { imdrfN60_2020 } from './imdrf-n60/2020.js';
import { imdrfN70_2023 } from './imdrf-n70/2023.js';
import { imdrfN73_2023 } from './imdrf-n73/2023.js';
import { jpEssentialPrinciples2023 } from './jp-essential-principles-12-3/2023.js';
import { IEC, JP_CATALOGS, MHLW_0523 } from './keys.js';
import { mhlw0115_2024 } from './mhlw-0115-malfunction-reporting/2024-01-15.js';
import { mhlw0328_2024 } from './mhlw-0328-vulnerability-management/2024-03-28.js';
import { mhlw0417_2025 } from './mhlw-0417-legacy-information/2025-04-17.js';
import { mhlw0523_2023 } from './mhlw-0523-confirmation/2023-05-23.js';
import { mdcg2019_16 } from './mdcg-2019-16/rev1-2020-07.js';
import { mhlwGuidance2023 } from './mhlw-cybersecurity-guidance/2023.js';

export const catalogs: readonly Catalog[] = [
  iec81001_5_1_2021,
  mhlwGuidance2023,
  jpEssentialPrinciples2023,
  mhlw0523_2023,
  mhlw0417_2025,
  mhlw0115_2024,
  mhlw0328_2024,
  imdrfN60_2020,
  imdrfN70_2023,
  imdrfN73_2023,
  fdaPremarket2025,
  fdca524b,
  mdcg2019_16,
];

export const crosswalks: readonly Crosswalk[] = [
  mhlwIecCrosswalk,
  fdaIecCrosswalk,
  euIecCrosswalk,
  imdrfIecCrosswalk,
];

export const gaps: readonly CoverageGap[] = dualStandardGaps;

/** A catalog by `id@version` or bare `id` (latest version). */
export function findCatalog(ref: string): Catalog | undefined {
  return resolveCatalog(catalogs, ref);
}

/**
 * The JIS/MHLW "dual standard" derived from the crosswalk data: normative leaves of one side that no
 * entry of the other side fully covers. For the IEC side the 0523 confirmation groups are left out,
 * because they restate the JIS clauses one to one and would hide every gap.
 */
export function derivedDualStandard(): { mhlwOnly: string[]; iecOnly: string[] } {
  const byKey = new Map(catalogs.map((c) => [catalogKey(c), c]));
  const mhlwOnly = JP_CATALOGS.flatMap((key) => {
    const c = byKey.get(key);
    return c ? uncoveredEntries(c, crosswalks, [IEC]).map((e) => `${key}#${e.id}`) : [];
  });
  const iec = byKey.get(IEC);
  const iecOnly = iec
    ? uncoveredEntries(
        iec,
        crosswalks,
        JP_CATALOGS.filter((k) => k !== MHLW_0523),
      )
        .filter((e) => e.normative !== false)
        .map((e) => `${IEC}#${e.id}`)
    : [];
  return { mhlwOnly, iecOnly };
}
