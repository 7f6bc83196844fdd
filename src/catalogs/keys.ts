/** Catalog keys (`id@version`) used by crosswalks and gap lists, in one place. */
export const IEC = 'iec-81001-5-1@2021';
export const MHLW_GUIDANCE = 'mhlw-cybersecurity-guidance@2023';
export const JP_EP = 'jp-essential-principles-12-3@2023';
export const MHLW_0523 = 'mhlw-0523-confirmation@2023-05-23';
export const MHLW_0417 = 'mhlw-0417-legacy-information@2025-04-17';
export const MHLW_0115 = 'mhlw-0115-malfunction-reporting@2024-01-15';
export const MHLW_0328 = 'mhlw-0328-vulnerability-management@2024-03-28';
export const IMDRF_N60 = 'imdrf-n60@2020';
export const IMDRF_N70 = 'imdrf-n70@2023';
export const IMDRF_N73 = 'imdrf-n73@2023';
export const FDA_PREMARKET = 'fda-premarket-cybersecurity@2025-06-27';
export const FDA_524B = 'fdca-524b@2022-12-29';
export const EU_MDCG = 'mdcg-2019-16@rev1-2020-07';

/** The Japanese instruments that make up the "MHLW side" of the dual standard. */
export const JP_CATALOGS = [MHLW_GUIDANCE, JP_EP, MHLW_0523, MHLW_0417, MHLW_0115, MHLW_0328] as const;
